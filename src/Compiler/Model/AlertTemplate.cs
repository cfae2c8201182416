using System.Collections.Immutable;
using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Compiler.Model;

/// <summary>
/// How an alert reads: title and description templates with <c>{{column}}</c> placeholders, custom details, the
/// columns that set each alert's severity and tactics, whether every result is its own alert, and Sentinel's dynamic
/// alert properties (columns that set its V3 alert properties).
/// </summary>
public sealed record AlertTemplate(Located<string>? Title, Located<string>? Description, ImmutableArray<CustomDetail> CustomDetails, SourceSpan Span)
{
    /// <summary>The output column whose value is each alert's severity (Sentinel <c>alertSeverityColumnName</c>).</summary>
    public Located<string>? SeverityColumn { get; init; }

    /// <summary>The output column whose value is each alert's tactics (Sentinel <c>alertTacticsColumnName</c>).</summary>
    public Located<string>? TacticsColumn { get; init; }

    /// <summary>One alert per result row instead of one per run (Sentinel <c>AlertPerResult</c>, Splunk per-result alerting).</summary>
    public Located<bool>? PerResult { get; init; }

    /// <summary>Sentinel-only: V3 alert properties set from output columns (<c>alertDynamicProperties</c>).</summary>
    public ImmutableArray<AlertDynamicProperty> SentinelDynamicProperties { get; init; } = [];

    /// <summary>Every output column the alert settings name (custom details, severity, tactics, dynamic properties), with where it is named.</summary>
    public IEnumerable<(Located<string> Column, string Where)> NamedColumns() =>
        CustomDetails.Select(d => (d.Column, $"custom detail '{d.Name.Value}'"))
            .Concat(new[] { (SeverityColumn, "the alert severity column"), (TacticsColumn, "the alert tactics column") }
                .Where(c => c.Item1 is not null).Select(c => (c.Item1!, c.Item2)))
            .Concat(SentinelDynamicProperties.Select(p => (p.Column, $"the Sentinel alert property '{p.Property.Value}'")));
}

/// <summary>A custom detail: the name shown on the alert and the output column it shows.</summary>
public sealed record CustomDetail(Located<string> Name, Located<string> Column);

/// <summary>A Sentinel V3 alert property (<c>ProductName</c>, <c>RemediationSteps</c>, ...) and the output column that sets it.</summary>
public sealed record AlertDynamicProperty(Located<string> Property, Located<string> Column);
