using System.Collections.Immutable;
using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Compiler.Model;

/// <summary>
/// One canonical detection rule (rules/&lt;platform&gt;/&lt;service&gt;/&lt;name&gt;.yml), as docs/rule-format.md
/// describes it. Values that a diagnostic may need to point at carry their <see cref="SourceSpan"/>.
/// </summary>
public sealed record Rule(
    string Path,
    Located<string> Id,
    Located<string> Name,
    RuleVersion Version,
    DateOnly Date,
    string Author,
    RuleStatus Status,
    RuleType Type,
    string Description,
    string? HowToImplement,
    string? KnownFalsePositives,
    ImmutableArray<Located<string>> References,
    Located<string> DataSource,
    QueryText Search,
    Severity? Severity,
    ImmutableArray<Located<string>> Attack,
    RuleTags Tags,
    RuleRisk? Risk,
    ImmutableArray<EntityMapping> Entities,
    AlertTemplate? Alert,
    RuleSchedule Schedule,
    ImmutableArray<Drilldown> Drilldowns,
    ImmutableArray<RuleTest> Tests,
    SourceSpan Span)
{
    /// <summary>Incident creation and alert grouping; null: one incident per alert.</summary>
    public IncidentSettings? Incident { get; init; }

    /// <summary>The explicit severity, else the one the risk score implies, else medium.</summary>
    public Severity EffectiveSeverity => Severity ?? Risk?.ImpliedSeverity ?? Model.Severity.Medium;
}

/// <summary>
/// ESCU versions rules with an integer, Sentinel with <c>major.minor.patch</c>. <c>Integer</c> is set when the file
/// used the integer form; <see cref="Dotted"/> is the Sentinel form (an integer N becomes 1.0.N).
/// </summary>
public sealed record RuleVersion(string Text, int? Integer, SourceSpan Span)
{
    public string Dotted => Integer is { } n ? $"1.0.{n}" : Text;
}

public enum RuleStatus
{
    Production,
    Experimental,
    Deprecated,
}

public enum RuleType
{
    Ttp,
    Anomaly,
    Hunting,
    Correlation,
}

public enum Severity
{
    Informational,
    Low,
    Medium,
    High,
    Critical,
}
