using System.Text.RegularExpressions;
using RuleCompiler.Backends.Sentinel.Artifacts;
using RuleCompiler.Compiler.Catalogues;
using RuleCompiler.Compiler.Model;
using YamlDotNet.RepresentationModel;

namespace RuleCompiler.Backends.Tests.Sentinel;

/// <summary>
/// The checks the Azure-Sentinel repository applies to its analytic-rule templates, applied to our YAML: required
/// keys, id and version formats, severity and kind values, schedule formats and ranges (5m..14d, queryPeriod ≥
/// queryFrequency), trigger operator and threshold, technique ids, tactics consistent with the techniques, entity
/// types and identifiers, custom details and alert-template limits, and connector ids the repository uses.
/// </summary>
internal static partial class AnalyticRuleTemplateChecks
{
    private static readonly string[] Severities = ["High", "Medium", "Low", "Informational"];
    private static readonly TimeSpan Minimum = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Maximum = TimeSpan.FromDays(14);

    public static List<string> Check(string yamlText, IReadOnlySet<string> knownConnectorIds)
    {
        var errors = new List<string>();
        var stream = new YamlStream();
        stream.Load(new StringReader(yamlText));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        string? Text(string key) => root.Children.TryGetValue(new YamlScalarNode(key), out var node) ? (node as YamlScalarNode)?.Value : null;
        IEnumerable<YamlNode> Items(string key) => root.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlSequenceNode seq ? seq.Children : [];

        var kind = Text("kind");
        var isNrt = kind == "NRT";
        string[] required = isNrt
            ? ["id", "name", "description", "severity", "requiredDataConnectors", "tactics", "relevantTechniques", "query", "version", "kind"]
            : ["id", "name", "description", "severity", "requiredDataConnectors", "queryFrequency", "queryPeriod", "triggerOperator", "triggerThreshold", "tactics", "relevantTechniques", "query", "version", "kind"];
        errors.AddRange(required.Where(k => !root.Children.ContainsKey(new YamlScalarNode(k))).Select(k => $"missing {k}"));
        Require(errors, Guid.TryParseExact(Text("id"), "D", out _), $"id '{Text("id")}' is not a GUID");
        Require(errors, Severities.Contains(Text("severity")), $"severity '{Text("severity")}'");
        Require(errors, kind is "Scheduled" or "NRT", $"kind '{kind}'");
        Require(errors, Version().IsMatch(Text("version") ?? ""), $"version '{Text("version")}' is not major.minor.patch");
        if (!isNrt)
        {
            var frequency = Duration(Text("queryFrequency"), "queryFrequency", errors);
            var period = Duration(Text("queryPeriod"), "queryPeriod", errors);
            Require(errors, frequency is null || period is null || period >= frequency, $"queryPeriod {Text("queryPeriod")} is shorter than queryFrequency {Text("queryFrequency")}");
            Require(errors, Text("triggerOperator") is "gt" or "lt" or "eq" or "ne", $"triggerOperator '{Text("triggerOperator")}'");
            Require(errors, int.TryParse(Text("triggerThreshold"), out var threshold) && threshold is >= 0 and <= 10000, $"triggerThreshold '{Text("triggerThreshold")}' outside 0..10000");
        }

        foreach (var connector in Items("requiredDataConnectors").OfType<YamlMappingNode>())
        {
            var id = (connector.Children[new YamlScalarNode("connectorId")] as YamlScalarNode)?.Value ?? "";
            Require(errors, knownConnectorIds.Contains(id), $"connectorId '{id}' is not one the Azure-Sentinel repository uses");
            Require(errors, connector.Children.TryGetValue(new YamlScalarNode("dataTypes"), out var types) && types is YamlSequenceNode { Children.Count: > 0 }, $"connector '{id}' has no dataTypes");
        }

        var techniques = Items("relevantTechniques").OfType<YamlScalarNode>().Select(n => n.Value ?? "").ToList();
        var tactics = Items("tactics").OfType<YamlScalarNode>().Select(n => n.Value ?? "").ToHashSet(StringComparer.Ordinal);
        errors.AddRange(techniques.Where(t => !Technique().IsMatch(t)).Select(t => $"technique '{t}' is not Tnnnn or Tnnnn.nnn"));
        var implied = new HashSet<string>(StringComparer.Ordinal);
        foreach (var technique in techniques)
        {
            var techniqueTactics = AttackCatalogue.Default.Find(technique)?.Tactics.Select(SentinelRule.TacticName).ToList() ?? [];
            implied.UnionWith(techniqueTactics);
            Require(errors, techniqueTactics.Any(tactics.Contains), $"technique {technique} belongs to none of the tactics {string.Join(", ", tactics)}");
        }

        errors.AddRange(tactics.Where(t => !implied.Contains(t)).Select(t => $"tactic {t} is not a tactic of any listed technique"));

        var entities = Items("entityMappings").OfType<YamlMappingNode>().ToList();
        Require(errors, entities.Count <= 10, $"{entities.Count} entity mappings; at most 10");
        foreach (var entity in entities)
        {
            var type = (entity.Children[new YamlScalarNode("entityType")] as YamlScalarNode)?.Value ?? "";
            var known = EntityCatalogue.Find(type);
            var identifiers = ((YamlSequenceNode)entity.Children[new YamlScalarNode("fieldMappings")]).Children.OfType<YamlMappingNode>()
                .Select(f => (f.Children[new YamlScalarNode("identifier")] as YamlScalarNode)?.Value ?? "").ToList();
            Require(errors, known is not null, $"entity type '{type}'");
            Require(errors, identifiers.Count is >= 1 and <= 3, $"{type}: {identifiers.Count} identifiers; 1 to 3");
            errors.AddRange(identifiers.Where(i => known is not null && !known.Identifiers.Contains(i)).Select(i => $"{type}: unknown identifier '{i}'"));
            Require(errors, known is null || known.RequiredIdentifierSets.Any(set => set.All(identifiers.Contains)), $"{type}: none of its required identifier sets is mapped");
        }

        if (root.Children.TryGetValue(new YamlScalarNode("customDetails"), out var details))
        {
            Require(errors, ((YamlMappingNode)details).Children.Count <= 20, "more than 20 custom details");
        }

        if (root.Children.TryGetValue(new YamlScalarNode("alertDetailsOverride"), out var overrides))
        {
            // The display name and description formats hold placeholders; alertDynamicProperties is a list of mappings.
            foreach (var (key, value) in ((YamlMappingNode)overrides).Children.Where(c => c.Value is YamlScalarNode))
            {
                var count = Placeholder().Matches(((YamlScalarNode)value).Value ?? "").Select(m => m.Value).Distinct().Count();
                Require(errors, count <= 3, $"{key}: {count} placeholders; at most 3");
            }
        }

        return errors;
    }

    private static TimeSpan? Duration(string? text, string key, List<string> errors)
    {
        if (text is null || !ShortDuration().IsMatch(text) || !DurationText.TryParse(text, out var duration))
        {
            errors.Add($"{key} '{text}' is not a number and m, h or d");
            return null;
        }

        Require(errors, duration >= Minimum && duration <= Maximum, $"{key} {text} outside 5m..14d");
        return duration;
    }

    private static void Require(List<string> errors, bool condition, string message)
    {
        if (!condition)
        {
            errors.Add(message);
        }
    }

    [GeneratedRegex(@"^\d+\.\d+\.\d+$")]
    private static partial Regex Version();

    [GeneratedRegex(@"^T\d{4}(\.\d{3})?$")]
    private static partial Regex Technique();

    [GeneratedRegex(@"^\d+[mhd]$")]
    private static partial Regex ShortDuration();

    [GeneratedRegex(@"\{\{[^{}]+\}\}")]
    private static partial Regex Placeholder();
}
