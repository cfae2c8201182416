using System.Globalization;
using System.Text;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Model;
using YamlDotNet.RepresentationModel;

namespace RuleCompiler.Importers.Sigma;

/// <summary>
/// A Sigma correlation (a multi-document file: the referenced rules, each with a <c>name</c>, and one document with
/// <c>correlation:</c>) as one canonical search. The referenced rules' detections are or-ed (each marked by a
/// <c>countif</c> for <c>temporal</c>), then counted per <c>timespan</c> bucket and group:
/// <list type="bullet">
/// <item><c>event_count</c>: <c>summarize event_count = count() by _time = bin(_time, timespan), group-by</c>, then a
/// <c>where</c> on the count;</item>
/// <item><c>value_count</c>: the same with <c>value_count = dcount(field)</c>;</item>
/// <item><c>temporal</c>: one <c>countif</c> per rule, and a <c>where</c> that every rule matched in the bucket.</item>
/// </list>
/// Sigma's timespan is a sliding window; fixed buckets can split a burst across two, so a note says so (RC5014).
/// <c>temporal_ordered</c> needs the rules' events in order, which the canonical language cannot test (RC5012).
/// </summary>
internal sealed class SigmaCorrelation(string path, List<Diagnostic> diagnostics)
{
    private static readonly Dictionary<string, string> Operators = new(StringComparer.Ordinal)
    {
        ["gt"] = ">", ["gte"] = ">=", ["lt"] = "<", ["lte"] = "<=", ["eq"] = "==", ["neq"] = "!=",
    };

    /// <summary>The correlation document of a file's documents, or null when the file holds none.</summary>
    public static YamlMappingNode? Find(IReadOnlyList<YamlDocument> documents) =>
        documents.Select(d => d.RootNode).OfType<YamlMappingNode>().FirstOrDefault(m => Child(m, "correlation") is YamlMappingNode);

    /// <summary>The canonical search of the correlation, or null (with an error) when it cannot be expressed.</summary>
    public string? Search(YamlMappingNode correlationDocument, IReadOnlyList<YamlDocument> documents, Func<YamlMappingNode, QueryExpression?> detection)
    {
        var correlation = (YamlMappingNode)Child(correlationDocument, "correlation")!;
        var type = Text(correlation, "type");
        if (type == "temporal_ordered")
        {
            return Fail(SigmaCodes.InexpressibleCorrelation,
                "the correlation type temporal_ordered requires the referenced rules' events in order; the canonical language counts events per window but cannot test their order", Child(correlation, "type")!);
        }

        if (type is not ("event_count" or "value_count" or "temporal"))
        {
            return Fail(SigmaCodes.MalformedCorrelation, $"the correlation type '{type}' is not one of event_count, value_count, temporal, temporal_ordered", Child(correlation, "type") ?? correlation);
        }

        if (Text(correlation, "timespan") is not { } timespan || !DurationText.TryParse(timespan, out _))
        {
            return Fail(SigmaCodes.MalformedCorrelation, "the correlation needs a 'timespan' such as 5m, 1h or 1d", Child(correlation, "timespan") ?? correlation);
        }

        var rules = Strings(correlation, "rules");
        if (rules.Count == 0)
        {
            return Fail(SigmaCodes.MalformedCorrelation, "the correlation names no 'rules'", correlation);
        }

        var detections = new List<(string Name, string Text)>();
        foreach (var reference in rules)
        {
            var rule = documents.Select(d => d.RootNode).OfType<YamlMappingNode>()
                .FirstOrDefault(m => Text(m, "name") == reference.Value || Text(m, "id") == reference.Value);
            if (rule is null)
            {
                return Fail(SigmaCodes.UnresolvedRule, $"the correlation refers to the rule '{reference.Value}', which this file does not hold (rules are looked up by name or id in the same file)", reference);
            }

            if (Child(rule, "detection") is not YamlMappingNode ruleDetection || detection(ruleDetection) is not { } expression)
            {
                return null; // the detection's own error is reported
            }

            detections.Add((reference.Value!, expression.Print()));
        }

        var groupBy = Strings(correlation, "group-by").Select(g => g.Value!).ToList();
        var condition = Child(correlation, "condition") as YamlMappingNode;
        var search = new StringBuilder("where ");
        search.Append(detections.Count == 1 ? detections[0].Text : string.Join(" or ", detections.Select(d => "(" + d.Text + ")")));
        var by = string.Join(", ", new[] { $"_time = bin(_time, {timespan})" }.Concat(groupBy));
        string? test;
        if (type == "temporal")
        {
            var counts = detections.Select((d, i) => ($"rule_{i + 1}", d.Text)).ToList();
            search.Append(CultureInfo.InvariantCulture, $"\n| summarize {string.Join(", ", counts.Select(c => $"{c.Item1} = countif({c.Text})"))} by {by}");
            test = string.Join(" and ", counts.Select(c => c.Item1 + " > 0"));
        }
        else
        {
            var aggregate = "event_count = count()";
            if (type == "value_count")
            {
                if (condition is null || Text(condition, "field") is not { } field)
                {
                    return Fail(SigmaCodes.MalformedCorrelation, "a value_count correlation needs condition.field, the field whose distinct values are counted", condition ?? correlation);
                }

                aggregate = $"value_count = dcount({field})";
            }

            search.Append(CultureInfo.InvariantCulture, $"\n| summarize {aggregate} by {by}");
            test = Condition(condition, aggregate[..aggregate.IndexOf(' ', StringComparison.Ordinal)], correlation);
            if (test is null)
            {
                return null;
            }
        }

        search.Append("\n| where ").Append(test).Append('\n');
        diagnostics.Add(new Diagnostic(DiagnosticSeverity.Info, SigmaCodes.BucketedTimespan,
            $"the timespan {timespan} is a sliding window in Sigma and fixed buckets here (bin(_time, {timespan})): events of one burst that straddle a bucket boundary are counted apart", SpanOf(Child(correlation, "timespan")!)));
        if (string.Equals(Text(correlation, "generate"), "true", StringComparison.OrdinalIgnoreCase))
        {
            diagnostics.Add(Diagnostic.Warning(SigmaCodes.ReferencedRulesNotWritten,
                "generate: true asks for the referenced rules' own alerts too; only the correlation is written (import them as separate files)", SpanOf(Child(correlation, "generate")!)));
        }

        return search.ToString();
    }

    // gte: 10, or a range (gte: 10, lte: 100): the and of the comparisons.
    private string? Condition(YamlMappingNode? condition, string column, YamlMappingNode correlation)
    {
        var tests = new List<string>();
        foreach (var (key, value) in condition?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>())
        {
            var name = ((YamlScalarNode)key).Value!;
            if (name == "field")
            {
                continue;
            }

            if (!Operators.TryGetValue(name, out var op) || value is not YamlScalarNode { Value: { } number } || !long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                Fail(SigmaCodes.MalformedCorrelation, $"the correlation condition '{name}' is not one of gt, gte, lt, lte, eq, neq with a whole number", key);
                return null;
            }

            tests.Add($"{column} {op} {count.ToString(CultureInfo.InvariantCulture)}");
        }

        if (tests.Count == 0)
        {
            Fail(SigmaCodes.MalformedCorrelation, "the correlation needs a condition such as 'gte: 10'", condition ?? correlation);
            return null;
        }

        return string.Join(" and ", tests);
    }

    private string? Fail(string code, string message, YamlNode at)
    {
        diagnostics.Add(Diagnostic.Error(code, message, SpanOf(at)));
        return null;
    }

    private SourceSpan SpanOf(YamlNode node) => SourceSpan.At(path, (int)node.Start.Line, (int)node.Start.Column);

    private static YamlNode? Child(YamlMappingNode map, string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Text(YamlMappingNode map, string key) => Child(map, key) is YamlScalarNode { Value: { Length: > 0 } v } ? v : null;

    private static List<YamlScalarNode> Strings(YamlMappingNode map, string key) => Child(map, key) switch
    {
        YamlSequenceNode list => [.. list.Children.OfType<YamlScalarNode>().Where(s => !string.IsNullOrEmpty(s.Value))],
        YamlScalarNode { Value: { Length: > 0 } } one => [one],
        _ => [],
    };
}

/// <summary>Codes of Sigma correlations (RC5012–RC5019; docs/diagnostics.md lists them).</summary>
public static class SigmaCodes
{
    /// <summary>A correlation the canonical language cannot express (temporal_ordered: the order of events).</summary>
    public const string InexpressibleCorrelation = "RC5012";

    /// <summary>A correlation that refers to a rule the file does not hold.</summary>
    public const string UnresolvedRule = "RC5013";

    /// <summary>Fidelity note: Sigma's sliding timespan is fixed time buckets in the canonical search.</summary>
    public const string BucketedTimespan = "RC5014";

    /// <summary>A correlation key missing or malformed (type, rules, timespan, condition).</summary>
    public const string MalformedCorrelation = "RC5015";

    /// <summary>generate: true: the referenced rules' own alerts are not written.</summary>
    public const string ReferencedRulesNotWritten = "RC5016";
}
