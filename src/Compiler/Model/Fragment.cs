using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Yaml;

namespace RuleCompiler.Compiler.Model;

/// <summary>
/// Reusable stages defined once (rules/fragments/NAME.yml) and used by rules as <c>| invoke NAME()</c>.
/// <c>StagesText</c> is parsed by the rule language; <c>StagesSpan</c> is where that text starts in the YAML file.
/// </summary>
public sealed record Fragment(string Name, string Description, string DataSource, string StagesText, SourceSpan StagesSpan, SourceSpan Span)
{
    /// <summary>The stages scalar with what the parser needs to map offsets back to the file; set by the loader.</summary>
    public ScalarSource? StagesSource { get; init; }
}
