namespace RuleCompiler.Runtime.Rules;

/// <summary>What an alert says about the rule that raised it.</summary>
public sealed record RuleInfo(
    string Id,
    string Name,
    string Severity,
    long RiskScore,
    string SourcePath,
    IReadOnlyList<EntityInfo> Entities);

/// <summary>A typed entity (Sentinel entity type) and the output column of each of its identifiers.</summary>
public sealed record EntityInfo(string Type, IReadOnlyList<KeyValuePair<string, string>> Identifiers);
