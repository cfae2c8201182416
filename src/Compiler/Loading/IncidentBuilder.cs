using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Model;
using RuleCompiler.Compiler.Yaml;

namespace RuleCompiler.Compiler.Loading;

/// <summary>Reads <c>incident</c> (incident creation and alert grouping), parsing the grouping window.</summary>
internal static class IncidentBuilder
{
    public static IncidentSettings? Read(YamlMapping? incident, ICollection<Diagnostic> diagnostics)
    {
        if (incident is null)
        {
            return null;
        }

        var i = new MappingReader(incident);
        return new IncidentSettings(i.Bool("create") ?? true, ReadGrouping(i.Map("grouping"), diagnostics), incident.Span);
    }

    private static IncidentGrouping? ReadGrouping(YamlMapping? grouping, ICollection<Diagnostic> diagnostics)
    {
        if (grouping is null)
        {
            return null;
        }

        var g = new MappingReader(grouping);
        var lookback = ScheduleBuilder.Duration(g, "lookback", diagnostics) ?? new Located<TimeSpan>(IncidentGrouping.DefaultLookback, grouping.Span);
        var match = g.Enum<GroupingMatch>("match") is { } m ? new Located<GroupingMatch>(m, g.Scalar("match")!.Span) : new Located<GroupingMatch>(GroupingMatch.AllEntities, grouping.Span);
        var details = g.LocatedStrings("by_alert_details")
            .Select(d => Enum.TryParse<GroupedAlertDetail>(d.Value, ignoreCase: true, out var detail) ? new Located<GroupedAlertDetail>(detail, d.Span) : null)
            .OfType<Located<GroupedAlertDetail>>();
        return new IncidentGrouping(lookback, g.Bool("reopen_closed") ?? false, match, g.LocatedStrings("by_entities"), [.. details], g.LocatedStrings("by_custom_details"), grouping.Span);
    }
}
