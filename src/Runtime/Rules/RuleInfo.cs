namespace RuleCompiler.Runtime.Rules;

/// <summary>What an alert says about the rule that raised it.</summary>
/// <param name="RiskScore">impact × confidence / 100; null when the rule has no risk block (then alerts carry none).</param>
public sealed record RuleInfo(
    string Id,
    string Name,
    string Severity,
    long? RiskScore,
    string SourcePath,
    IReadOnlyList<EntityInfo> Entities)
{
    /// <summary>The risk message with <c>$column$</c> placeholders, rendered per alert; null when the rule has none.</summary>
    public string? RiskMessage { get; init; }

    /// <summary>The alert title with <c>{{column}}</c> placeholders, rendered per alert; null when the rule has none.</summary>
    public string? AlertTitle { get; init; }

    /// <summary>
    /// The event format of the rule's data source (<see cref="Events.EventShape"/>): a rule set offers an event whose
    /// shape is another format to none of this rule's pipelines. Null: every event.
    /// </summary>
    public string? EventFormat { get; init; }

    /// <summary>The rule's MITRE ATT&amp;CK technique ids.</summary>
    public IReadOnlyList<string> Attack { get; init; } = [];
}

/// <summary>A typed entity (Sentinel entity type) and the output column of each of its identifiers.</summary>
public sealed record EntityInfo(string Type, IReadOnlyList<KeyValuePair<string, string>> Identifiers);
