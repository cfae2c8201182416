using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Model;
using YamlDotNet.RepresentationModel;

namespace RuleCompiler.Importers.Sentinel;

/// <summary>
/// <c>incidentConfiguration</c> as the canonical <c>incident</c>: <c>createIncident: false</c> is <c>create: false</c>,
/// and an enabled <c>groupingConfiguration</c> is <c>grouping</c>. What Sentinel itself ignores is not written: a
/// disabled grouping, grouping when no incident is created, and the <c>groupBy*</c> lists unless the matching method
/// is <c>Selected</c>. A grouping by an entity type or custom detail the imported rule does not carry is RC5059, and a
/// value the alertRules API does not define RC5058; either way the grouping is left out (partial) rather than changed.
/// </summary>
internal sealed class SentinelIncident(SentinelYaml yaml, List<Diagnostic> diagnostics)
{
    private static readonly Dictionary<string, string> Methods = new(StringComparer.Ordinal)
    {
        ["AllEntities"] = "all_entities", ["AnyAlert"] = "any_alert", ["Selected"] = "selected",
    };

    private static readonly Dictionary<string, string> AlertDetails = new(StringComparer.Ordinal)
    {
        ["DisplayName"] = "title", ["Severity"] = "severity",
    };

    /// <summary>The canonical <c>incident</c>; <paramref name="metadata"/> holds the entities and custom details already carried across.</summary>
    public CanonicalMap Build(CanonicalMap metadata)
    {
        if (yaml.Node("incidentConfiguration") is not YamlMappingNode configuration)
        {
            return CanonicalMap.Empty;
        }

        var create = !string.Equals(yaml.Scalar("incidentConfiguration", "createIncident"), "false", StringComparison.OrdinalIgnoreCase);
        if (!create)
        {
            return CanonicalMap.Empty.With("create", CanonicalScalar.Of(false));
        }

        return configuration.Children.TryGetValue(new YamlScalarNode("groupingConfiguration"), out var node)
            && node is YamlMappingNode grouping
            && string.Equals(Text(grouping, "enabled"), "true", StringComparison.OrdinalIgnoreCase)
            && Grouping(grouping, metadata) is { } canonical
            ? CanonicalMap.Empty.With("grouping", canonical)
            : CanonicalMap.Empty;
    }

    private CanonicalMap? Grouping(YamlMappingNode grouping, CanonicalMap metadata)
    {
        var map = CanonicalMap.Empty;
        if (Text(grouping, "lookbackDuration") is { } lookback)
        {
            if (!DurationText.TryParse(lookback, out _))
            {
                return NotCarried(SentinelImportCodes.UnknownSettingValue, $"the grouping lookbackDuration '{lookback}' is not a duration", Child(grouping, "lookbackDuration")!);
            }

            map = map.With("lookback", lookback);
        }

        if (string.Equals(Text(grouping, "reopenClosedIncident"), "true", StringComparison.OrdinalIgnoreCase))
        {
            map = map.With("reopen_closed", CanonicalScalar.Of(true));
        }

        var method = Text(grouping, "matchingMethod") ?? "AllEntities";
        if (!Methods.TryGetValue(method, out var match))
        {
            return NotCarried(SentinelImportCodes.UnknownSettingValue, $"'{method}' is not a grouping matchingMethod (AllEntities, AnyAlert, Selected)", Child(grouping, "matchingMethod")!);
        }

        map = map.With("match", match);
        if (match != "selected")
        {
            return map;
        }

        var entities = (metadata["entities"] as CanonicalList)?.Items.OfType<CanonicalMap>().Select(e => (e["type"] as CanonicalText)?.Value).OfType<string>().ToHashSet(StringComparer.Ordinal) ?? [];
        var details = ((metadata["alert"] as CanonicalMap)?["custom_details"] as CanonicalMap)?.Entries.Select(e => e.Key).ToHashSet(StringComparer.Ordinal) ?? [];
        var lists = new (string Source, string Key, Func<string, string?> Canonical, string Missing)[]
        {
            ("groupByEntities", "by_entities", t => entities.Contains(t) ? t : null, "an entity type the imported rule does not map"),
            ("groupByAlertDetails", "by_alert_details", d => AlertDetails.GetValueOrDefault(d), "not an alert detail (DisplayName, Severity)"),
            ("groupByCustomDetails", "by_custom_details", d => details.Contains(d) ? d : null, "a custom detail the imported rule does not carry"),
        };
        foreach (var (source, key, canonical, missing) in lists)
        {
            var items = Child(grouping, source) is YamlSequenceNode sequence ? sequence.Children.OfType<YamlScalarNode>().ToList() : [];
            var values = new List<CanonicalValue>();
            foreach (var item in items.Where(i => !string.IsNullOrEmpty(i.Value)))
            {
                if (canonical(item.Value!) is not { } value)
                {
                    var code = source == "groupByAlertDetails" ? SentinelImportCodes.UnknownSettingValue : SentinelImportCodes.GroupingNotCarried;
                    return NotCarried(code, $"{source} '{item.Value}' is {missing}", item);
                }

                values.Add(value);
            }

            if (values.Count > 0)
            {
                map = map.With(key, new CanonicalList(values));
            }
        }

        return (map["by_entities"] ?? map["by_alert_details"] ?? map["by_custom_details"]) is not null
            ? map
            : NotCarried(SentinelImportCodes.GroupingNotCarried, "the matching method Selected lists nothing to group by", Child(grouping, "matchingMethod")!);
    }

    private CanonicalMap? NotCarried(string code, string reason, YamlNode at)
    {
        diagnostics.Add(Diagnostic.Warning(code, $"{reason}; the incident grouping is not carried across", yaml.SpanOf(at)));
        return null;
    }

    private static YamlNode? Child(YamlMappingNode map, string key) => SentinelMetadata.Child(map, key);

    private static string? Text(YamlMappingNode map, string key) => SentinelMetadata.Text(map, key);
}
