using System.Text.RegularExpressions;
using RuleCompiler.Compiler.Catalogues;
using RuleCompiler.Compiler.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace RuleCompiler.Importers.Sentinel;

/// <summary>
/// The metadata of a Sentinel rule in the canonical form: entity mappings (and the legacy <c>*CustomEntity</c>
/// columns), custom details and the alert's title and description overrides (<c>alert</c>), the schedule and its
/// trigger, suppression, the severity, tactics and dynamic-property columns, event grouping, incident settings
/// (<see cref="SentinelIncident"/>), and techniques (tactics are derived from them). Keys with no canonical place are
/// warnings (RC5056).
/// </summary>
internal sealed partial class SentinelMetadata(SentinelYaml yaml, AttackCatalogue attack, List<Diagnostic> diagnostics)
{
    private IReadOnlySet<string> outputs = new HashSet<string>();

    // Keys translated here or by the importer, and keys the canonical rule derives (connectors from the data source,
    // tactics from the techniques).
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "id", "name", "description", "severity", "status", "requiredDataConnectors", "queryFrequency", "queryPeriod",
        "triggerOperator", "triggerThreshold", "tactics", "relevantTechniques", "query", "entityMappings", "customDetails",
        "alertDetailsOverride", "version", "kind", "metadata", "eventGroupingSettings", "incidentConfiguration",
        "suppressionEnabled", "suppressionDuration",
    };

    // The alertRules API's AlertProperty values (alertDynamicProperties[].alertProperty).
    private static readonly HashSet<string> AlertProperties = new(StringComparer.Ordinal)
    {
        "AlertLink", "ConfidenceLevel", "ConfidenceScore", "ExtendedLinks", "ProductName", "ProviderName", "ProductComponentName",
        "RemediationSteps", "Techniques",
    };

    // Sentinel's legacy entity columns: a query that outputs one of these names maps it to the entity without entityMappings.
    private static readonly (string Column, string Type, string Identifier)[] LegacyEntities =
    [
        ("AccountCustomEntity", "Account", "FullName"),
        ("IPCustomEntity", "IP", "Address"),
        ("HostCustomEntity", "Host", "FullName"),
        ("URLCustomEntity", "URL", "Url"),
    ];

    /// <summary>A hunting query: no schedule, trigger or kind.</summary>
    public bool IsHunting => yaml.Node("kind") is null && yaml.Node("queryFrequency") is null && yaml.Node("triggerOperator") is null;

    /// <summary>The output columns the metadata names: entity columns, custom details, alert placeholders, legacy entities.</summary>
    public IReadOnlyCollection<string> NamedColumns()
    {
        var names = new List<string>();
        if (yaml.Node("entityMappings") is YamlSequenceNode entities)
        {
            names.AddRange(entities.Children.OfType<YamlMappingNode>()
                .SelectMany(e => Child(e, "fieldMappings") is YamlSequenceNode m ? m.Children.OfType<YamlMappingNode>() : [])
                .Select(m => Text(m, "columnName")).OfType<string>());
        }

        if (yaml.Node("customDetails") is YamlMappingNode details)
        {
            names.AddRange(details.Children.Values.OfType<YamlScalarNode>().Select(v => v.Value).OfType<string>());
        }

        foreach (var key in new[] { "alertDisplayNameFormat", "alertDescriptionFormat" })
        {
            if (yaml.Scalar("alertDetailsOverride", key) is { } format)
            {
                names.AddRange(Placeholder().Matches(format).Select(m => m.Groups[1].Value));
            }
        }

        names.AddRange(new[] { "alertSeverityColumnName", "alertTacticsColumnName" }.Select(k => yaml.Scalar("alertDetailsOverride", k)).OfType<string>());
        if (yaml.Node("alertDetailsOverride", "alertDynamicProperties") is YamlSequenceNode properties)
        {
            names.AddRange(properties.Children.OfType<YamlMappingNode>().Select(p => Text(p, "value")).OfType<string>());
        }

        return names;
    }

    public IReadOnlyList<string> Techniques()
    {
        var ids = new List<string>();
        if (yaml.Node("relevantTechniques") is not YamlSequenceNode techniques)
        {
            return ids;
        }

        foreach (var node in techniques.Children.OfType<YamlScalarNode>())
        {
            var id = (node.Value ?? "").Trim().ToUpperInvariant();
            if (attack.Find(id) is null)
            {
                diagnostics.Add(Diagnostic.Warning(SentinelImportCodes.UnknownTechnique, $"ATT&CK technique '{id}' is {attack.InactiveStatus(id) ?? "not in the catalogue"}; not carried across", yaml.SpanOf(node)));
            }
            else if (!ids.Contains(id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    /// <summary>
    /// The nested canonical keys. <paramref name="computed"/> are the query's output columns by name: the legacy
    /// entity columns are looked for there, and a mapping that names a column the query does not output (a rule
    /// Sentinel itself would reject) is dropped with a warning rather than written into a rule that cannot bind.
    /// </summary>
    public CanonicalMap Build(IReadOnlySet<string> computed)
    {
        outputs = computed;
        foreach (var (key, value) in yaml.Root.Children)
        {
            if (key is YamlScalarNode { Value: { } name } && !Known.Contains(name))
            {
                diagnostics.Add(Diagnostic.Warning(SentinelImportCodes.DroppedMetadata, $"the Sentinel key '{name}' has no canonical place; not carried across", yaml.SpanOf(key)));
            }
        }

        var map = CanonicalMap.Empty;
        if (Entities(computed) is { Items.Count: > 0 } entities)
        {
            map = map.With("entities", entities);
        }

        if (Alert() is { Entries.Count: > 0 } alert)
        {
            map = map.With("alert", alert);
        }

        if (new SentinelIncident(yaml, diagnostics).Build(map) is { Entries.Count: > 0 } incident)
        {
            map = map.With("incident", incident);
        }

        if (Schedule() is { } schedule)
        {
            map = map.With("schedule", schedule);
        }

        return map;
    }

    private CanonicalList Entities(IReadOnlySet<string> computed)
    {
        var entities = new List<CanonicalValue>();
        if (yaml.Node("entityMappings") is YamlSequenceNode mappings)
        {
            foreach (var mapping in mappings.Children.OfType<YamlMappingNode>())
            {
                var identifiers = CanonicalMap.Empty;
                foreach (var field in Child(mapping, "fieldMappings") is YamlSequenceNode fields ? fields.Children.OfType<YamlMappingNode>() : [])
                {
                    if (Text(field, "identifier") is { } identifier && Text(field, "columnName") is { } column && IsOutput(column, Child(field, "columnName")!))
                    {
                        identifiers = identifiers.With(identifier, column);
                    }
                }

                if (Text(mapping, "entityType") is { } type && identifiers.Entries.Count > 0)
                {
                    entities.Add(new CanonicalMap([new("type", type), new("identifiers", identifiers)]));
                }
            }

            return new CanonicalList(entities);
        }

        foreach (var (column, type, identifier) in LegacyEntities.Where(l => computed.Contains(l.Column)))
        {
            entities.Add(new CanonicalMap([new("type", type), new("identifiers", new CanonicalMap([new(identifier, column)]))]));
        }

        return new CanonicalList(entities);
    }

    private CanonicalMap Alert()
    {
        var alert = CanonicalMap.Empty;
        if (yaml.Node("alertDetailsOverride") is YamlMappingNode overrides)
        {
            foreach (var (key, value) in overrides.Children)
            {
                var name = (key as YamlScalarNode)?.Value;
                var text = (value as YamlScalarNode)?.Value;
                switch (name)
                {
                    case "alertDisplayNameFormat" when text is not null:
                        alert = Placeholder().Matches(text).All(m => IsOutput(m.Groups[1].Value, value)) ? alert.With("title", text) : alert;
                        break;
                    case "alertDescriptionFormat" when text is not null:
                        alert = Placeholder().Matches(text).All(m => IsOutput(m.Groups[1].Value, value)) ? alert.With("description", text) : alert;
                        break;
                    case "alertSeverityColumnName" when text is not null:
                        alert = IsOutput(text, value) ? alert.With("severity_column", text) : alert;
                        break;
                    case "alertTacticsColumnName" when text is not null:
                        alert = IsOutput(text, value) ? alert.With("tactics_column", text) : alert;
                        break;
                    case "alertDynamicProperties" when value is YamlSequenceNode properties:
                        alert = DynamicProperties(properties) is { Entries.Count: > 0 } dynamic
                            ? alert.With("sentinel", CanonicalMap.Empty.With("dynamic_properties", dynamic))
                            : alert;
                        break;
                    default:
                        diagnostics.Add(Diagnostic.Warning(SentinelImportCodes.DroppedMetadata, $"the alert override '{name}' has no canonical place; not carried across", yaml.SpanOf(key)));
                        break;
                }
            }
        }

        if (yaml.Scalar("eventGroupingSettings", "aggregationKind") is { } kind)
        {
            switch (kind)
            {
                case "AlertPerResult":
                    alert = alert.With("per_result", CanonicalScalar.Of(true));
                    break;
                case "SingleAlert":
                    break; // the canonical default
                default:
                    UnknownValue(kind, "eventGroupingSettings.aggregationKind", "SingleAlert, AlertPerResult", yaml.Node("eventGroupingSettings", "aggregationKind")!);
                    break;
            }
        }

        if (yaml.Node("customDetails") is YamlMappingNode details)
        {
            var custom = new CanonicalMap([.. details.Children
                .Where(d => d.Key is YamlScalarNode { Value: not null } && d.Value is YamlScalarNode { Value: { } column } && IsOutput(column, d.Value))
                .Select(d => new KeyValuePair<string, CanonicalValue>(((YamlScalarNode)d.Key).Value!, ((YamlScalarNode)d.Value).Value!))]);
            alert = alert.With("custom_details", custom);
        }

        return alert;
    }

    /// <summary><c>alertDynamicProperties</c> as property -> column; a property the API does not define is RC5058.</summary>
    private CanonicalMap DynamicProperties(YamlSequenceNode properties)
    {
        var map = CanonicalMap.Empty;
        foreach (var property in properties.Children.OfType<YamlMappingNode>())
        {
            if (Text(property, "alertProperty") is not { } name || Text(property, "value") is not { } column)
            {
                continue;
            }

            if (!AlertProperties.Contains(name))
            {
                UnknownValue(name, "alertDynamicProperties alertProperty", string.Join(", ", AlertProperties.Order(StringComparer.Ordinal)), Child(property, "alertProperty")!);
            }
            else if (IsOutput(column, Child(property, "value")!))
            {
                map = map.With(name, column);
            }
        }

        return map;
    }

    private void UnknownValue(string value, string setting, string allowed, YamlNode at) =>
        diagnostics.Add(Diagnostic.Warning(SentinelImportCodes.UnknownSettingValue,
            $"'{value}' is not a value of {setting} (the alertRules API allows {allowed}); not carried across", yaml.SpanOf(at)));

    private CanonicalMap? Schedule()
    {
        if (IsHunting)
        {
            return null;
        }

        var nrt = string.Equals(yaml.Scalar("kind"), "NRT", StringComparison.OrdinalIgnoreCase);
        var schedule = CanonicalMap.Empty.With("kind", nrt ? "nrt" : "scheduled");
        if (!nrt && yaml.Scalar("queryFrequency") is { } frequency)
        {
            schedule = schedule.With("frequency", frequency);
        }

        if (!nrt && yaml.Scalar("queryPeriod") is { } period)
        {
            schedule = schedule.With("lookback", period);
        }

        var op = yaml.Scalar("triggerOperator") switch
        {
            "gt" or "GreaterThan" => "gt",
            "lt" or "LessThan" => "lt",
            "eq" or "Equal" => "eq",
            "ne" or "NotEqual" => "ne",
            _ => null,
        };
        if (!nrt && op is not null && yaml.Scalar("triggerThreshold") is { } threshold && long.TryParse(threshold, System.Globalization.CultureInfo.InvariantCulture, out var count))
        {
            schedule = schedule.With("trigger", new CanonicalMap([new("operator", op), new("threshold", CanonicalScalar.Of(count))]));
        }

        if (string.Equals(yaml.Scalar("suppressionEnabled"), "true", StringComparison.OrdinalIgnoreCase) && yaml.Scalar("suppressionDuration") is { } suppression)
        {
            schedule = schedule.With("suppression", new CanonicalMap([new("duration", suppression)]));
        }

        return schedule;
    }

    private bool IsOutput(string column, YamlNode at)
    {
        if (outputs.Contains(column))
        {
            return true;
        }

        diagnostics.Add(Diagnostic.Warning(SentinelImportCodes.MissingColumn, $"the mapping names the column '{column}', which the query does not output; not carried across", yaml.SpanOf(at)));
        return false;
    }

    internal static YamlNode? Child(YamlMappingNode map, string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    internal static string? Text(YamlMappingNode map, string key) => Child(map, key) is YamlScalarNode { Value: { Length: > 0 } value } ? value : null;

    [GeneratedRegex(@"\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}")]
    private static partial Regex Placeholder();
}
