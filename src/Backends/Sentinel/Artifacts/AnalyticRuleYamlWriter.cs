using System.Globalization;
using System.Text.Json.Nodes;
using RuleCompiler.Compiler.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RuleCompiler.Backends.Sentinel.Artifacts;

/// <summary>
/// The analytic-rule YAML of the Azure-Sentinel repository (Solutions/*/Analytic Rules/*.yaml), in its key order,
/// written through YamlDotNet's emitter. Durations use the repository's short form (1d, 1h, 70m) and operators its
/// abbreviations (gt, lt, eq, ne).
/// </summary>
internal static class AnalyticRuleYamlWriter
{
    public static string Write(SentinelRule rule)
    {
        var r = rule.Rule;
        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = new Emitter(text, new EmitterSettings(bestIndent: 2, bestWidth: int.MaxValue, isCanonical: false, maxSimpleKeyLength: 1024, indentSequences: true, newLine: "\n"));
        var yaml = new YamlEvents(emitter);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        yaml.BeginMap();
        yaml.Pair("id", r.Id.Value);
        yaml.Pair("name", r.Name.Value);
        yaml.Key("description");
        yaml.Text(r.Description.EndsWith('\n') ? r.Description : r.Description + "\n");
        yaml.Pair("severity", AlertRuleProperties.Severity(r.EffectiveSeverity));
        yaml.Pair("status", r.Status == RuleStatus.Deprecated ? "Deprecated" : "Available");
        yaml.Key("requiredDataConnectors");
        yaml.BeginList();
        yaml.BeginMap();
        yaml.Pair("connectorId", rule.Input.DataSource.Sentinel.ConnectorId);
        yaml.Key("dataTypes");
        yaml.List(rule.Input.DataSource.Sentinel.DataTypes);
        yaml.EndMap();
        yaml.EndList();
        if (!rule.IsNrt)
        {
            yaml.Pair("queryFrequency", SentinelDuration.Short(r.Schedule.Frequency.Value)!);
            yaml.Pair("queryPeriod", SentinelDuration.Short(r.Schedule.Lookback.Value)!);
            yaml.Pair("triggerOperator", Operator(r.Schedule.Trigger.Operator));
            yaml.Key("triggerThreshold");
            yaml.Number(r.Schedule.Trigger.Threshold);
        }

        yaml.Key("tactics");
        yaml.List(rule.Tactics);
        yaml.Key("relevantTechniques");
        yaml.List(r.Attack.Select(a => a.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        yaml.Key("query");
        yaml.Text(rule.Input.Query.EndsWith('\n') ? rule.Input.Query : rule.Input.Query + "\n");
        if (!r.Entities.IsDefaultOrEmpty)
        {
            yaml.Key("entityMappings");
            yaml.BeginList();
            foreach (var entity in r.Entities)
            {
                yaml.BeginMap();
                yaml.Pair("entityType", entity.Type.Value);
                yaml.Key("fieldMappings");
                yaml.BeginList();
                foreach (var identifier in entity.Identifiers)
                {
                    yaml.BeginMap();
                    yaml.Pair("identifier", identifier.Identifier.Value);
                    yaml.Pair("columnName", identifier.Column.Value);
                    yaml.EndMap();
                }

                yaml.EndList();
                yaml.EndMap();
            }

            yaml.EndList();
        }

        if (r.Alert is { CustomDetails.IsDefaultOrEmpty: false } withDetails)
        {
            yaml.Key("customDetails");
            yaml.BeginMap();
            foreach (var detail in withDetails.CustomDetails)
            {
                yaml.Pair(detail.Name.Value, detail.Column.Value);
            }

            yaml.EndMap();
        }

        if (AlertRuleProperties.AlertDetailsOverride(r.Alert) is { } overrides)
        {
            yaml.Key("alertDetailsOverride");
            yaml.BeginMap();
            foreach (var (key, value) in overrides)
            {
                yaml.Key(key);
                if (value is JsonArray properties)
                {
                    yaml.BeginList();
                    foreach (var property in properties.OfType<JsonObject>())
                    {
                        yaml.BeginMap();
                        yaml.Pair("alertProperty", (string)property["alertProperty"]!);
                        yaml.Pair("value", (string)property["value"]!);
                        yaml.EndMap();
                    }

                    yaml.EndList();
                }
                else
                {
                    yaml.Text((string)value!);
                }
            }

            yaml.EndMap();
        }

        yaml.Key("eventGroupingSettings");
        yaml.BeginMap();
        yaml.Pair("aggregationKind", AlertRuleProperties.AggregationKind(r.Alert));
        yaml.EndMap();
        WriteIncidentConfiguration(yaml, r.Incident);
        yaml.Pair("version", r.Version.Dotted);
        yaml.Pair("kind", rule.Kind);
        yaml.EndMap();
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    /// <summary>The grouping lists are written only when not empty, as the repository's rules do.</summary>
    private static void WriteIncidentConfiguration(YamlEvents yaml, IncidentSettings? incident)
    {
        var grouping = incident?.Grouping;
        yaml.Key("incidentConfiguration");
        yaml.BeginMap();
        yaml.Key("createIncident");
        yaml.Boolean(incident?.Create ?? true);
        yaml.Key("groupingConfiguration");
        yaml.BeginMap();
        yaml.Key("enabled");
        yaml.Boolean(grouping is not null);
        yaml.Key("reopenClosedIncident");
        yaml.Boolean(grouping?.ReopenClosed ?? false);
        yaml.Pair("lookbackDuration", SentinelDuration.Short(AlertRuleProperties.GroupingLookback(grouping))!);
        yaml.Pair("matchingMethod", AlertRuleProperties.MatchingMethod(grouping));
        var lists = new[]
        {
            ("groupByEntities", AlertRuleProperties.GroupByEntities(grouping).ToList()),
            ("groupByAlertDetails", AlertRuleProperties.GroupByAlertDetails(grouping).ToList()),
            ("groupByCustomDetails", AlertRuleProperties.GroupByCustomDetails(grouping).ToList()),
        };
        foreach (var (key, values) in lists.Where(l => l.Item2.Count > 0))
        {
            yaml.Key(key);
            yaml.List(values);
        }

        yaml.EndMap();
        yaml.EndMap();
    }

    private static string Operator(TriggerOperator op) => op switch
    {
        TriggerOperator.GreaterThan => "gt",
        TriggerOperator.LessThan => "lt",
        TriggerOperator.Equal => "eq",
        _ => "ne",
    };

    /// <summary>Event helpers; <see cref="YamlScalars"/> decides each string's style.</summary>
    private sealed class YamlEvents(IEmitter emitter)
    {
        public void BeginMap() => emitter.Emit(new MappingStart(null, null, isImplicit: true, MappingStyle.Block));

        public void EndMap() => emitter.Emit(new MappingEnd());

        public void BeginList() => emitter.Emit(new SequenceStart(null, null, isImplicit: true, SequenceStyle.Block));

        public void EndList() => emitter.Emit(new SequenceEnd());

        public void Key(string key) => emitter.Emit(YamlScalars.String(key));

        public void Pair(string key, string value)
        {
            Key(key);
            emitter.Emit(YamlScalars.String(value));
        }

        public void Text(string value) => emitter.Emit(YamlScalars.String(value));

        public void Number(int value) => emitter.Emit(new Scalar(null, null, value.ToString(CultureInfo.InvariantCulture), ScalarStyle.Plain, true, false));

        public void Boolean(bool value) => emitter.Emit(new Scalar(null, null, value ? "true" : "false", ScalarStyle.Plain, true, false));

        public void List(IEnumerable<string> values)
        {
            BeginList();
            foreach (var value in values)
            {
                emitter.Emit(YamlScalars.String(value));
            }

            EndList();
        }
    }
}
