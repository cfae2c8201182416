using System.Collections.Immutable;
using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Compiler.Model;

/// <summary>
/// What the rule's alerts become: whether an alert opens an incident (Sentinel) or notable event (Splunk ES), and how
/// alerts of this rule are grouped into one incident. A rule without <c>incident</c> creates one incident per alert.
/// </summary>
public sealed record IncidentSettings(bool Create, IncidentGrouping? Grouping, SourceSpan Span);

/// <summary>
/// Alerts raised within <see cref="Lookback"/> that match by <see cref="Match"/> join one incident instead of opening
/// new ones; <see cref="ReopenClosed"/> lets a matching alert reopen a closed incident.
/// </summary>
public sealed record IncidentGrouping(
    Located<TimeSpan> Lookback,
    bool ReopenClosed,
    Located<GroupingMatch> Match,
    ImmutableArray<Located<string>> ByEntities,
    ImmutableArray<Located<GroupedAlertDetail>> ByAlertDetails,
    ImmutableArray<Located<string>> ByCustomDetails,
    SourceSpan Span)
{
    /// <summary>Sentinel's default grouping window.</summary>
    public static readonly TimeSpan DefaultLookback = TimeSpan.FromHours(5);
}

public enum GroupingMatch
{
    /// <summary>Alerts whose entities are all equal.</summary>
    AllEntities,

    /// <summary>Every alert of the rule.</summary>
    AnyAlert,

    /// <summary>Alerts equal in the listed entity types, alert details and custom details.</summary>
    Selected,
}

public enum GroupedAlertDetail
{
    Title,
    Severity,
}
