using System.Globalization;
using System.Text.RegularExpressions;
using RuleCompiler.Compiler.Catalogues;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Semantics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RuleCompiler.Importers.Sigma;

/// <summary>
/// Imports a Sigma rule for AWS CloudTrail: the detection becomes a <c>where</c> over the aws_cloudtrail data
/// source (Sigma's CloudTrail field names are the raw CloudTrail keys, which are that data source's paths), and the
/// metadata comes across (level → severity, attack.tNNNN tags → ATT&amp;CK ids checked against the catalogue).
/// Every construct it cannot translate is a diagnostic at its position in the Sigma file.
/// </summary>
public sealed partial class SigmaImporter(AttackCatalogue attack) : IRuleImporter
{
    public string Format => "sigma";

    public bool Accepts(string path) => SourceYaml.IsYamlFile(path);

    public ImportedRule Import(string path, string text, string schemaPath)
    {
        var diagnostics = new List<Diagnostic>();
        if (Documents(text) is { } documents && SigmaCorrelation.Find(documents) is { } correlation)
        {
            return ImportCorrelation(path, correlation, documents, schemaPath, diagnostics);
        }

        var (root, error) = SourceYaml.LoadMapping(path, text, ImporterDiagnosticCodes.UnreadableSource, "a Sigma rule is one YAML mapping (a multi-document file must hold a correlation)");
        if (root is null)
        {
            diagnostics.Add(error!);
            return new ImportedRule(path, null, null, diagnostics);
        }

        var title = Scalar(root, "title");
        var detection = Child(root, "detection") as YamlMappingNode;
        if (title is null || detection is null)
        {
            return Failed(path, diagnostics, ImporterDiagnosticCodes.MissingOrMalformed, "a Sigma rule needs a 'title' and a 'detection' mapping", SourceSpan.File(path));
        }

        var dataSource = DataSourceOf(root, path, diagnostics);
        var search = Search(detection, path, diagnostics);
        return Written(path, root, title, "ttp", dataSource, search is null ? "" : "where " + search.Print() + "\n", schemaPath, diagnostics);
    }

    // A correlation file: the correlation document's metadata, the search SigmaCorrelation builds from the referenced
    // rules, and the data source of their log source (the first rule that has one).
    private ImportedRule ImportCorrelation(string path, YamlMappingNode correlation, IReadOnlyList<YamlDocument> documents, string schemaPath, List<Diagnostic> diagnostics)
    {
        if (Scalar(correlation, "title") is not { } title)
        {
            return Failed(path, diagnostics, ImporterDiagnosticCodes.MissingOrMalformed, "a Sigma correlation needs a 'title'", SpanOf(path, correlation));
        }

        var source = documents.Select(d => d.RootNode).OfType<YamlMappingNode>().FirstOrDefault(m => Child(m, "logsource") is not null);
        var dataSource = DataSourceOf(source ?? correlation, path, diagnostics);
        var search = new SigmaCorrelation(path, diagnostics).Search(correlation, documents, d => Search(d, path, diagnostics));
        return Written(path, correlation, title, "correlation", dataSource, search ?? "", schemaPath, diagnostics);
    }

    private ImportedRule Written(string path, YamlMappingNode root, string title, string type, string? dataSource, string search, string schemaPath, List<Diagnostic> diagnostics)
    {
        var rule = new CanonicalRule(
            Id: Scalar(root, "id") ?? DeterministicId(title),
            Name: title,
            Version: "1.0.0",
            Date: Date(Scalar(root, "modified") ?? Scalar(root, "date")),
            Author: Scalar(root, "author") ?? "unknown",
            Status: Scalar(root, "status") switch { "stable" => "production", "deprecated" => "deprecated", _ => "experimental" },
            Type: type,
            Severity: Scalar(root, "level") is { } level && level is "informational" or "low" or "medium" or "high" or "critical" ? level : null,
            Description: (Scalar(root, "description") ?? title).TrimEnd(),
            DataSource: dataSource ?? "aws_cloudtrail",
            Search: search,
            References: Strings(root, "references"),
            KnownFalsePositives: Strings(root, "falsepositives") is { Count: > 0 } fps ? string.Join("\n", fps) : null,
            Attack: Techniques(root, path, diagnostics),
            Cve: Cves(root),
            PartialNotes: []);

        var partial = rule with { PartialNotes = [.. diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).Select(d => $"{d.Code}: {d.Message}")] };
        var fileName = Naming.SnakeCase(title) + ".yml";
        return diagnostics.Any(d => d.IsError)
            ? new ImportedRule(path, fileName, null, diagnostics)
            : new ImportedRule(path, fileName, CanonicalYamlWriter.Write(partial, schemaPath), diagnostics);
    }

    // The file's YAML documents, or null when it is not YAML (LoadMapping then reports where).
    private static List<YamlDocument>? Documents(string text) =>
        SourceYaml.LoadDocuments("", text, ImporterDiagnosticCodes.UnreadableSource).Documents?.ToList();

    private static string? DataSourceOf(YamlMappingNode root, string path, List<Diagnostic> diagnostics)
    {
        var logsource = Child(root, "logsource") as YamlMappingNode;
        var product = logsource is null ? null : Scalar(logsource, "product");
        var service = logsource is null ? null : Scalar(logsource, "service");
        if (product == "aws" && service == "cloudtrail")
        {
            return "aws_cloudtrail";
        }

        diagnostics.Add(Diagnostic.Error(ImporterDiagnosticCodes.UnmappedLogSource, $"no data source maps the Sigma log source product '{product}', service '{service}' (only aws/cloudtrail)", SpanOf(path, logsource ?? (YamlNode)root)));
        return null;
    }

    private static QueryExpression? Search(YamlMappingNode detection, string path, List<Diagnostic> diagnostics)
    {
        var selections = new Dictionary<string, QueryExpression>(StringComparer.Ordinal);
        YamlScalarNode? condition = null;
        foreach (var (keyNode, value) in detection.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            if (key == "condition")
            {
                condition = value as YamlScalarNode;
                if (condition is null)
                {
                    diagnostics.Add(Diagnostic.Error(ImporterDiagnosticCodes.MissingOrMalformed, "a list of conditions is not translated; give one condition", SpanOf(path, value)));
                    return null;
                }

                continue;
            }

            if (key == "timeframe")
            {
                diagnostics.Add(Diagnostic.Error(ImporterDiagnosticCodes.Aggregation, "the Sigma 'timeframe' (an aggregation window) is not translated", SpanOf(path, keyNode)));
                continue;
            }

            if (Selection(value, path, diagnostics) is { } translated)
            {
                selections[key] = translated;
            }
        }

        if (condition?.Value is not { Length: > 0 } conditionText)
        {
            diagnostics.Add(Diagnostic.Error(ImporterDiagnosticCodes.MissingOrMalformed, "the detection has no 'condition'", SpanOf(path, detection)));
            return null;
        }

        if (diagnostics.Any(d => d.IsError))
        {
            return null;
        }

        var (expression, problem, offset) = SigmaCondition.Parse(conditionText, selections);
        if (expression is null)
        {
            var span = condition.Style is ScalarStyle.Plain && !conditionText.Contains('\n', StringComparison.Ordinal)
                ? SourceSpan.At(path, (int)condition.Start.Line, (int)condition.Start.Column + offset)
                : SpanOf(path, condition);
            var (code, message) = problem == "aggregation"
                ? (ImporterDiagnosticCodes.Aggregation, "the Sigma aggregation after '|' (count, min, max, ...) is not translated")
                : (ImporterDiagnosticCodes.BadCondition, $"Sigma condition: {problem}");
            diagnostics.Add(Diagnostic.Error(code, message, span));
        }

        return expression;
    }

    // A map is the and of its fields; a list of maps the or of those; a list of plain values is a keyword search.
    private static QueryExpression? Selection(YamlNode node, string path, List<Diagnostic> diagnostics)
    {
        switch (node)
        {
            case YamlMappingNode map:
                var parts = new List<QueryExpression>();
                foreach (var (keyNode, value) in map.Children)
                {
                    var key = ((YamlScalarNode)keyNode).Value ?? "";
                    var pieces = key.Split('|');
                    if (pieces[0].Length == 0)
                    {
                        diagnostics.Add(Diagnostic.Error(ImporterDiagnosticCodes.KeywordSearch, "a Sigma keyword search (values without a field) has no canonical translation", SpanOf(path, keyNode)));
                        continue;
                    }

                    try
                    {
                        parts.Add(SigmaFieldMatch.Translate(pieces[0], pieces[1..], Values(value)));
                    }
                    catch (SigmaTranslationException e)
                    {
                        diagnostics.Add(Diagnostic.Error(e.Code, e.Message, SpanOf(path, keyNode)));
                    }
                }

                return parts.Count == map.Children.Count && parts.Count > 0 ? QueryExpression.AllOf(parts) : null;
            case YamlSequenceNode list when list.Children.All(c => c is YamlMappingNode):
                var alternatives = list.Children.Select(c => Selection(c, path, diagnostics)).ToList();
                return alternatives.All(a => a is not null) && alternatives.Count > 0 ? QueryExpression.AnyOf(alternatives!) : null;
            default:
                diagnostics.Add(Diagnostic.Error(ImporterDiagnosticCodes.KeywordSearch, "a Sigma keyword search (values without a field) has no canonical translation", SpanOf(path, node)));
                return null;
        }
    }

    private static List<SigmaValue> Values(YamlNode node) => node switch
    {
        YamlSequenceNode list => [.. list.Children.Select(One)],
        _ => [One(node)],
    };

    // Plain scalars are typed as Sigma's YAML reader types them: null, booleans and numbers; quoted ones are text.
    private static SigmaValue One(YamlNode node)
    {
        if (node is not YamlScalarNode scalar)
        {
            throw new SigmaTranslationException(ImporterDiagnosticCodes.MissingOrMalformed, "a Sigma field value is a scalar or a list of scalars");
        }

        var text = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return new SigmaText(text);
        }

        return text switch
        {
            "" or "null" or "Null" or "NULL" or "~" => new SigmaNull(),
            "true" or "True" or "TRUE" => new SigmaBool(true),
            "false" or "False" or "FALSE" => new SigmaBool(false),
            _ when NumberPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => new SigmaNumber(text, number),
            _ => new SigmaText(text),
        };
    }

    private List<string> Techniques(YamlMappingNode root, string path, List<Diagnostic> diagnostics)
    {
        var ids = new List<string>();
        if (Child(root, "tags") is not YamlSequenceNode tags)
        {
            return ids;
        }

        foreach (var tag in tags.Children.OfType<YamlScalarNode>())
        {
            var value = tag.Value ?? "";
            var technique = TechniqueTag().Match(value);
            if (technique.Success)
            {
                var id = technique.Groups[1].Value.ToUpperInvariant();
                if (attack.Find(id) is null)
                {
                    diagnostics.Add(Diagnostic.Warning(ImporterDiagnosticCodes.UnknownAttackId, $"ATT&CK technique '{id}' is {attack.InactiveStatus(id) ?? "not in the catalogue"}; not carried across", SpanOf(path, tag)));
                }
                else if (!ids.Contains(id))
                {
                    ids.Add(id);
                }
            }
            else if (!value.StartsWith("attack.", StringComparison.Ordinal) && !CveTag().IsMatch(value))
            {
                // Tactic tags (attack.persistence) and group/software ids are derived from the techniques or have no
                // canonical key; other namespaces (detection.*, car.*) have no place in the canonical tags.
                diagnostics.Add(Diagnostic.Warning(ImporterDiagnosticCodes.DroppedTag, $"the Sigma tag '{value}' has no canonical key; not carried across", SpanOf(path, tag)));
            }
        }

        return ids;
    }

    private static List<string> Cves(YamlMappingNode root) =>
        Child(root, "tags") is YamlSequenceNode tags
            ? [.. tags.Children.OfType<YamlScalarNode>().Select(t => t.Value ?? "").Where(t => CveTag().IsMatch(t)).Select(t => "CVE-" + t["cve.".Length..].ToUpperInvariant())]
            : [];

    private static string Date(string? value) =>
        value is not null && DateTime.TryParseExact(value, ["yyyy-MM-dd", "yyyy/MM/dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : "1970-01-01";

    // A rule without an id gets one derived from its title, so importing twice gives the same file.
    private static string DeterministicId(string title)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("sigma:" + title));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Scalar(YamlMappingNode map, string key) => Child(map, key) is YamlScalarNode { Value: { Length: > 0 } v } ? v : null;

    private static List<string> Strings(YamlMappingNode map, string key) => Child(map, key) switch
    {
        YamlSequenceNode list => [.. list.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").Where(s => s.Length > 0)],
        YamlScalarNode { Value: { Length: > 0 } one } => [one],
        _ => [],
    };

    private static SourceSpan SpanOf(string path, YamlNode node) => SourceSpan.At(path, (int)node.Start.Line, (int)node.Start.Column);

    private static ImportedRule Failed(string path, List<Diagnostic> diagnostics, string code, string message, SourceSpan span)
    {
        diagnostics.Add(Diagnostic.Error(code, message, span));
        return new ImportedRule(path, null, null, diagnostics);
    }

    [GeneratedRegex(@"^attack\.(t\d{4}(?:\.\d{3})?)$", RegexOptions.IgnoreCase)]
    private static partial Regex TechniqueTag();

    [GeneratedRegex(@"^cve\.\d{4}-\d+$", RegexOptions.IgnoreCase)]
    private static partial Regex CveTag();

    [GeneratedRegex(@"^[-+]?\d+(\.\d+)?$")]
    private static partial Regex NumberPattern();
}
