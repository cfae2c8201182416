using System.Collections.Immutable;

namespace RuleCompiler.Compiler.Model;

/// <summary>ESCU's annotation tags. Every list is empty, and every string null, when the rule does not set it.</summary>
public sealed record RuleTags(
    ImmutableArray<string> KillChainPhases,
    ImmutableArray<string> Nist,
    ImmutableArray<string> Cis20,
    ImmutableArray<string> AnalyticStories,
    string? AssetType,
    string? SecurityDomain,
    ImmutableArray<string> Product,
    ImmutableArray<string> Cve)
{
    public static readonly RuleTags None = new([], [], [], [], null, null, [], []);
}
