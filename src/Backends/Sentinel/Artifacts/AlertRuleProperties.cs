using System.Text.Json.Nodes;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Backends.Sentinel.Artifacts;

/// <summary>
/// The <c>properties</c> of a <c>Microsoft.SecurityInsights/alertRules</c> resource, built once as a JSON tree that the
/// ARM writer prints as JSON and the Bicep writer as a Bicep object, so both deploy exactly the same rule.
/// Scheduled rules use the stable API (2025-09-01); NRT exists only in the preview API (2025-07-01-preview), which
/// also has <c>subTechniques</c>.
/// </summary>
internal static class AlertRuleProperties
{
    public const string StableApiVersion = "2025-09-01";
    public const string PreviewApiVersion = "2025-07-01-preview";

    /// <summary>Sentinel's defaults for what the rule format does not model: one alert per run, an incident per alert.</summary>
    public const string DefaultAggregationKind = "SingleAlert";

    public static readonly TimeSpan DefaultSuppression = TimeSpan.FromHours(5);
    public static readonly TimeSpan DefaultGroupingLookback = TimeSpan.FromHours(5);

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

        if (r.Alert is { } alert && (alert.Title is not null || alert.Description is not null))
        {
            var details = new JsonObject();
            if (alert.Title is { } title)
            {
                details["alertDisplayNameFormat"] = title.Value;
            }

            if (alert.Description is { } description)
            {
                details["alertDescriptionFormat"] = description.Value;
            }

            properties["alertDetailsOverride"] = details;
        }

        properties["eventGroupingSettings"] = new JsonObject { ["aggregationKind"] = DefaultAggregationKind };
        properties["incidentConfiguration"] = new JsonObject
        {
            ["createIncident"] = true,
            ["groupingConfiguration"] = new JsonObject
            {
                ["enabled"] = false,
                ["reopenClosedIncident"] = false,
                ["lookbackDuration"] = SentinelDuration.Iso8601(DefaultGroupingLookback),
                ["matchingMethod"] = "AllEntities",
                ["groupByEntities"] = new JsonArray(),
                ["groupByAlertDetails"] = new JsonArray(),
                ["groupByCustomDetails"] = new JsonArray(),
            },
        };
        return properties;
    }

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
