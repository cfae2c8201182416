using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Compiler.Semantics;

/// <summary>
/// Checks of <c>incident.grouping</c> the schema cannot express: what it groups by must exist in the rule (an entity
/// type the rule maps, a custom detail it defines), the lists go with <c>match: selected</c> and only with it, and
/// grouping needs incidents to group into.
/// </summary>
internal static class IncidentChecks
{
    public static IEnumerable<Diagnostic> Check(Rule rule)
    {
        if (rule.Incident is not { Grouping: { } grouping } incident)
        {
            yield break;
        }

        if (!incident.Create)
        {
            yield return Diagnostic.Error(SemanticDiagnosticCodes.GroupingWithoutIncidents,
                "incident.grouping groups alerts into incidents, but incident.create is false; remove the grouping or create incidents", grouping.Span);
        }

        var mapped = rule.Entities.Select(e => e.Type.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var type in grouping.ByEntities.Where(t => !mapped.Contains(t.Value)))
        {
            yield return Diagnostic.Error(SemanticDiagnosticCodes.GroupingByUnmappedEntity,
                $"incident grouping by the {type.Value} entity, which the rule's entities do not map{DidYouMean.Hint(type.Value, mapped)}", type.Span);
        }

        var details = (rule.Alert?.CustomDetails ?? []).Select(d => d.Name.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var name in grouping.ByCustomDetails.Where(n => !details.Contains(n.Value)))
        {
            yield return Diagnostic.Error(SemanticDiagnosticCodes.GroupingByUnknownCustomDetail,
                $"incident grouping by the custom detail '{name.Value}', which alert.custom_details does not define{DidYouMean.Hint(name.Value, details)}", name.Span);
        }

        var lists = grouping.ByEntities.Length + grouping.ByAlertDetails.Length + grouping.ByCustomDetails.Length;
        if (grouping.Match.Value == GroupingMatch.Selected && lists == 0)
        {
            yield return Diagnostic.Error(SemanticDiagnosticCodes.GroupingSelectionMismatch,
                "match: selected groups by the listed entities, alert details and custom details, but none is listed (by_entities, by_alert_details, by_custom_details)", grouping.Match.Span);
        }
        else if (grouping.Match.Value != GroupingMatch.Selected && lists > 0)
        {
            yield return Diagnostic.Error(SemanticDiagnosticCodes.GroupingSelectionMismatch,
                $"by_entities, by_alert_details and by_custom_details apply only with match: selected, not {Snake(grouping.Match.Value)}", grouping.Match.Span);
        }
    }

    private static string Snake(GroupingMatch match) => match switch
    {
        GroupingMatch.AllEntities => "all_entities",
        GroupingMatch.AnyAlert => "any_alert",
        _ => "selected",
    };
}
