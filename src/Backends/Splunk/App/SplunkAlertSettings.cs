using System.Collections.Immutable;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Backends.Splunk.App;

/// <summary>
/// The rule's alert and incident settings in savedsearches.conf terms, where Splunk has a faithful equivalent:
/// <c>alert.per_result</c> is <c>alert.digest_mode = 0</c>, <c>incident.create: false</c> leaves out the notable
/// action (a notable event is Splunk ES's incident), and <c>incident.grouping</c> becomes alert suppression over the
/// grouped columns, with a warning saying how suppression differs. Settings with no equivalent are warnings.
/// </summary>
internal static class SplunkAlertSettings
{
    /// <summary>Per-result alerting: each result row triggers the alert actions on its own.</summary>
    public static bool PerResult(Rule rule) => rule.Alert?.PerResult?.Value == true;

    public static bool CreatesNotable(Rule rule) => rule.Incident?.Create ?? true;

    /// <summary>
    /// The columns and period of <c>alert.suppress</c>: the rule's <c>schedule.suppression</c> (over its risk fields)
    /// when it has one, else its incident grouping; null when neither applies.
    /// </summary>
    public static (string? Fields, TimeSpan Period, SourceSpan At)? Suppression(Rule rule, string riskFields, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        var grouping = rule.Incident?.Grouping;
        if (rule.Schedule.Suppression is { } period)
        {
            if (grouping is not null)
            {
                diagnostics.Add(Diagnostic.Warning(SplunkDiagnostics.GroupingNotCarried,
                    "Splunk has one alert suppression per search, which schedule.suppression already sets; incident.grouping is not carried to Splunk", grouping.Span));
            }

            return (riskFields.Length == 0 ? null : riskFields, period.Value, period.Span);
        }

        if (grouping is null)
        {
            return null;
        }

        var columns = GroupedColumns(rule, grouping).Distinct(StringComparer.Ordinal).ToList();
        var reopen = grouping.ReopenClosed ? "; reopen_closed has no Splunk equivalent" : "";
        diagnostics.Add(Diagnostic.Warning(SplunkDiagnostics.GroupingAsSuppression,
            $"incident.grouping becomes Splunk alert suppression ({(columns.Count == 0 ? "the whole search" : "by " + string.Join(", ", columns))} for {DurationText.Format(grouping.Lookback.Value)}): "
            + $"Splunk drops the later alerts of a group instead of attaching them to the first one's notable event{reopen}", grouping.Span));
        return (columns.Count == 0 ? null : string.Join(",", columns), grouping.Lookback.Value, grouping.Span);
    }

    /// <summary>Per-alert severity and tactics columns: Splunk's notable severity and annotations are fixed per search.</summary>
    public static IEnumerable<Diagnostic> NotCarried(Rule rule)
    {
        if (rule.Alert?.SeverityColumn is { } severity)
        {
            yield return Diagnostic.Warning(SplunkDiagnostics.AlertSettingNotCarried,
                $"Splunk's notable severity is fixed per search (action.notable.param.severity = {rule.EffectiveSeverity.ToString().ToLowerInvariant()}); the per-alert severity column '{severity.Value}' is not carried", severity.Span);
        }

        if (rule.Alert?.TacticsColumn is { } tactics)
        {
            yield return Diagnostic.Warning(SplunkDiagnostics.AlertSettingNotCarried,
                $"Splunk's ATT&CK annotations are fixed per search; the per-alert tactics column '{tactics.Value}' is not carried", tactics.Span);
        }
    }

    /// <summary>
    /// The output columns whose values decide a group: every entity column (all_entities), none (any_alert), or the
    /// selected entity types' columns, custom details' columns, the title's placeholders and the severity column.
    /// </summary>
    private static IEnumerable<string> GroupedColumns(Rule rule, IncidentGrouping grouping)
    {
        var entityColumns = (IEnumerable<EntityMapping> entities) => entities.SelectMany(e => e.Identifiers.Select(i => i.Column.Value));
        switch (grouping.Match.Value)
        {
            case GroupingMatch.AnyAlert:
                return [];
            case GroupingMatch.AllEntities:
                return entityColumns(rule.Entities);
        }

        var types = grouping.ByEntities.Select(t => t.Value).ToHashSet(StringComparer.Ordinal);
        var names = grouping.ByCustomDetails.Select(n => n.Value).ToHashSet(StringComparer.Ordinal);
        var details = grouping.ByAlertDetails.Select(d => d.Value).ToHashSet();
        var title = details.Contains(GroupedAlertDetail.Title) && rule.Alert?.Title is { } template
            ? SplunkAppModel.ColumnPlaceholder().Matches(template.Value).Select(m => m.Groups[1].Value)
            : [];
        var severity = details.Contains(GroupedAlertDetail.Severity) && rule.Alert?.SeverityColumn is { } column ? [column.Value] : Array.Empty<string>();
        return entityColumns(rule.Entities.Where(e => types.Contains(e.Type.Value)))
            .Concat((rule.Alert?.CustomDetails ?? []).Where(d => names.Contains(d.Name.Value)).Select(d => d.Column.Value))
            .Concat(title)
            .Concat(severity);
    }
}
