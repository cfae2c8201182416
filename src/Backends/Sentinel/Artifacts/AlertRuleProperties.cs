using System.Text.Json.Nodes;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Backends.Sentinel.Artifacts;

/// <summary>
/// The <c>properties</c> of a <c>Microsoft.SecurityInsights/alertRules</c> resource, built once as a JSON tree that the
/// ARM writer prints as JSON and the Bicep writer as a Bicep object, so both deploy exactly the same rule.
/// Scheduled rules use the stable API (2025-09-01); NRT exists only in the preview API (2025-07-01-preview), which
/// also has <c>subTechniques</c>. Field names and enum values are those of the alertRules REST specification.
/// </summary>
internal static class AlertRuleProperties
{
    public const string StableApiVersion = "2025-09-01";
    public const string PreviewApiVersion = "2025-07-01-preview";

    public static readonly TimeSpan DefaultSuppression = TimeSpan.FromHours(5);

    public static string ApiVersion(SentinelRule rule) => rule.IsNrt ? PreviewApiVersion : StableApiVersion;

    public static JsonObject Build(SentinelRule rule)
    {
        var r = rule.Rule;
        var properties = new JsonObject
        {
            ["displayName"] = r.Name.Value,
            ["description"] = r.Description,
            ["severity"] = Severity(r.EffectiveSeverity),
            ["enabled"] = r.Status != RuleStatus.Deprecated,
            ["query"] = rule.Input.Query,
        };
        if (!rule.IsNrt)
        {
            properties["queryFrequency"] = SentinelDuration.Iso8601(r.Schedule.Frequency.Value);
            properties["queryPeriod"] = SentinelDuration.Iso8601(r.Schedule.Lookback.Value);
            properties["triggerOperator"] = r.Schedule.Trigger.Operator.ToString();
            properties["triggerThreshold"] = r.Schedule.Trigger.Threshold;
        }

        properties["suppressionDuration"] = SentinelDuration.Iso8601(r.Schedule.Suppression?.Value ?? DefaultSuppression);
        properties["suppressionEnabled"] = r.Schedule.Suppression is not null;
        properties["tactics"] = Strings(rule.Tactics);
        properties["techniques"] = Strings(rule.Techniques);
        if (rule.IsNrt)
        {
            properties["subTechniques"] = Strings(rule.SubTechniques);
        }

        if (!r.Entities.IsDefaultOrEmpty)
        {
            properties["entityMappings"] = new JsonArray([.. r.Entities.Select(EntityMapping)]);
        }

        if (r.Alert is { CustomDetails.IsDefaultOrEmpty: false } withDetails)
        {
            var details = new JsonObject();
            foreach (var detail in withDetails.CustomDetails)
            {
                details[detail.Name.Value] = detail.Column.Value;
            }

            properties["customDetails"] = details;
        }

        if (AlertDetailsOverride(r.Alert) is { } overrides)
        {
            properties["alertDetailsOverride"] = overrides;
        }

        properties["eventGroupingSettings"] = new JsonObject { ["aggregationKind"] = AggregationKind(r.Alert) };
        var grouping = r.Incident?.Grouping;
        properties["incidentConfiguration"] = new JsonObject
        {
            ["createIncident"] = r.Incident?.Create ?? true,
            ["groupingConfiguration"] = new JsonObject
            {
                ["enabled"] = grouping is not null,
                ["reopenClosedIncident"] = grouping?.ReopenClosed ?? false,
                ["lookbackDuration"] = SentinelDuration.Iso8601(GroupingLookback(grouping)),
                ["matchingMethod"] = MatchingMethod(grouping),
                ["groupByEntities"] = Strings(GroupByEntities(grouping)),
                ["groupByAlertDetails"] = Strings(GroupByAlertDetails(grouping)),
                ["groupByCustomDetails"] = Strings(GroupByCustomDetails(grouping)),
            },
        };
        return properties;
    }

    /// <summary>
    /// <c>alertDetailsOverride</c> in the spec's key order, or null when the rule overrides nothing: the title and
    /// description formats, the tactics and severity columns, and the dynamic properties.
    /// </summary>
    public static JsonObject? AlertDetailsOverride(AlertTemplate? alert)
    {
        if (alert is null)
        {
            return null;
        }

        var details = new JsonObject();
        var formats = new[]
        {
            ("alertDisplayNameFormat", alert.Title), ("alertDescriptionFormat", alert.Description),
            ("alertTacticsColumnName", alert.TacticsColumn), ("alertSeverityColumnName", alert.SeverityColumn),
        };
        foreach (var (key, value) in formats.Where(f => f.Item2 is not null))
        {
            details[key] = value!.Value;
        }

        if (!alert.SentinelDynamicProperties.IsDefaultOrEmpty)
        {
            details["alertDynamicProperties"] = new JsonArray([.. alert.SentinelDynamicProperties.Select(p => (JsonNode)new JsonObject
            {
                ["alertProperty"] = p.Property.Value,
                ["value"] = p.Column.Value,
            })]);
        }

        return details.Count == 0 ? null : details;
    }

    /// <summary>One alert per run (<c>SingleAlert</c>, Sentinel's default) or one per result row (<c>AlertPerResult</c>).</summary>
    public static string AggregationKind(AlertTemplate? alert) => alert?.PerResult?.Value == true ? "AlertPerResult" : "SingleAlert";

    /// <summary>The grouping window; Sentinel's default when the rule does not group.</summary>
    public static TimeSpan GroupingLookback(IncidentGrouping? grouping) => grouping?.Lookback.Value ?? IncidentGrouping.DefaultLookback;

    public static string MatchingMethod(IncidentGrouping? grouping) => (grouping?.Match.Value ?? GroupingMatch.AllEntities).ToString();

    public static IEnumerable<string> GroupByEntities(IncidentGrouping? grouping) => grouping?.ByEntities.Select(e => e.Value) ?? [];

    /// <summary>The spec's <c>AlertDetail</c> names: the title is the alert's <c>DisplayName</c>.</summary>
    public static IEnumerable<string> GroupByAlertDetails(IncidentGrouping? grouping) =>
        grouping?.ByAlertDetails.Select(d => d.Value == GroupedAlertDetail.Title ? "DisplayName" : "Severity") ?? [];

    public static IEnumerable<string> GroupByCustomDetails(IncidentGrouping? grouping) => grouping?.ByCustomDetails.Select(d => d.Value) ?? [];

    /// <summary>Sentinel has four severities; a critical rule is High there.</summary>
    public static string Severity(Severity severity) => severity switch
    {
        Compiler.Model.Severity.Critical => "High",
        _ => severity.ToString(),
    };

    private static JsonObject EntityMapping(EntityMapping entity) => new()
    {
        ["entityType"] = entity.Type.Value,
        ["fieldMappings"] = new JsonArray(
        [
            .. entity.Identifiers.Select(i => (JsonNode)new JsonObject
            {
                ["identifier"] = i.Identifier.Value,
                ["columnName"] = i.Column.Value,
            }),
        ]),
    };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}
