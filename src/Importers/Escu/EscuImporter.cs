using System.Globalization;
using RuleCompiler.Compiler.Catalogues;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Semantics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RuleCompiler.Importers.Escu;

/// <summary>
/// Imports an ESCU detection (Splunk security_content YAML): the SPL search through <see cref="SplQueryTranslator"/>
/// (the data source from its macro), and the metadata through <see cref="EscuMetadata"/>. Every construct it cannot
/// translate is a diagnostic at its line and column in the ESCU file. When no macro definitions are given, the
/// importer reads them from the <c>macros/</c> folder of the security_content checkout the file lies in.
/// </summary>
public sealed partial class EscuImporter(AttackCatalogue attack, SplTranslationContext context) : IRuleImporter
{
    private readonly EscuFolderContexts _contexts = new(context);

    public string Format => "escu";

    public bool Accepts(string path) => SourceYaml.IsYamlFile(path);

    public ImportedRule Import(string path, string text, string schemaPath)
    {
        var diagnostics = new List<Diagnostic>();
        var (root, error) = SourceYaml.LoadMapping(path, text, ImporterDiagnosticCodes.UnreadableSource, "an ESCU detection is one YAML mapping");
        if (root is null)
        {
            diagnostics.Add(error!);
            return new ImportedRule(path, null, null, diagnostics);
        }

        var yaml = new EscuYaml(path, root);
        var name = yaml.Scalar("name");
        var id = yaml.Scalar("id");
        if (name is null || id is null || yaml.Child("search") is not YamlScalarNode { Value: { Length: > 0 } } searchNode)
        {
            return Failed(path, diagnostics, EscuDiagnosticCodes.MissingKey, "an ESCU detection needs 'name', 'id' and a 'search' string", SourceSpan.File(path));
        }

        var type = yaml.Scalar("type")?.ToLowerInvariant();
        if (type is not ("ttp" or "anomaly" or "hunting" or "correlation"))
        {
            diagnostics.Add(Diagnostic.Error(EscuDiagnosticCodes.MissingKey, $"the ESCU type '{yaml.Scalar("type")}' is not a detection type (TTP, Anomaly, Hunting, Correlation)", yaml.SpanOf(yaml.Child("type") ?? root)));
        }

        var positions = new YamlScalarPositions(path, text, searchNode);
        var translation = SplQueryTranslator.Translate(searchNode.Value!, ContextFor(path), token => positions.At(token.Offset));
        diagnostics.AddRange(translation.Diagnostics);

        var metadata = new EscuMetadata(yaml, attack, diagnostics, translation.OutputColumns);
        var rule = new CanonicalRule(
            Id: id,
            Name: name,
            Version: yaml.Scalar("version") ?? "1",
            Date: Date(yaml.Scalar("date")),
            Author: yaml.Scalar("author") ?? "unknown",
            Status: yaml.Scalar("status") is "production" or "deprecated" ? yaml.Scalar("status")! : "experimental",
            Type: type ?? "ttp",
            Severity: null,
            Description: (yaml.Scalar("description") ?? name).TrimEnd(),
            DataSource: translation.DataSource ?? "",
            Search: translation.Search ?? "",
            References: metadata.References(),
            KnownFalsePositives: yaml.Scalar("known_false_positives")?.TrimEnd(),
            Attack: metadata.Techniques(),
            Cve: metadata.Cves(),
            PartialNotes: [])
        {
            Metadata = metadata.Build(),
        };

        var partial = rule with { PartialNotes = [.. diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).Select(d => $"{d.Code}: {d.Message}")] };
        var fileName = Naming.SnakeCase(name) + ".yml";
        return diagnostics.Any(d => d.IsError)
            ? new ImportedRule(path, fileName, null, diagnostics)
            : new ImportedRule(path, fileName, CanonicalYamlWriter.Write(partial, schemaPath), diagnostics) { SupportFiles = TableFiles(translation.Search ?? "", ContextFor(path), schemaPath) };
    }

    // ESCU keeps macros and lookups in security_content/, beside the detections folder the rule is in.
    private SplTranslationContext ContextFor(string path) => _contexts.For(path);

    /// <summary>
    /// The table files (tables/NAME.yml beside the rules) of the ESCU lookups the search reads as table(NAME); a
    /// repository table has its file already. The schema path is the rule's, one folder deeper.
    /// </summary>
    private static List<(string, string)> TableFiles(string search, SplTranslationContext context, string ruleSchemaPath)
    {
        var tableSchema = "../" + ruleSchemaPath[..(ruleSchemaPath.LastIndexOf('/') + 1)] + "table.schema.json";
        return [.. TableReference().Matches(search).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Where(name => !context.RepositoryTables.Contains(name) && context.Tables.ContainsKey(name))
            .Select(name => ($"{Compiler.Loading.RuleRepository.TablesFolder}/{name}.yml", EscuLookups.FileText(context.Tables[name], tableSchema)))];
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\btable\(([a-z0-9_]+)\)")]
    private static partial System.Text.RegularExpressions.Regex TableReference();

    private static string Date(string? value) =>
        value is not null && DateTime.TryParseExact(value, ["yyyy-MM-dd", "yyyy/MM/dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : "1970-01-01";

    private static ImportedRule Failed(string path, List<Diagnostic> diagnostics, string code, string message, SourceSpan span)
    {
        diagnostics.Add(Diagnostic.Error(code, message, span));
        return new ImportedRule(path, null, null, diagnostics);
    }
}

/// <summary>Reading helpers over one ESCU YAML mapping, with positions in the file.</summary>
internal sealed class EscuYaml(string path, YamlMappingNode root)
{
    public YamlMappingNode Root => root;

    public YamlNode? Child(string key) => Child(root, key);

    public static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public string? Scalar(string key) => Scalar(root, key);

    public static string? Scalar(YamlMappingNode map, string key) => Child(map, key) is YamlScalarNode { Value: { Length: > 0 } v } ? v : null;

    public static List<string> Strings(YamlNode? node) => node switch
    {
        YamlSequenceNode list => [.. list.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").Where(s => s.Length > 0)],
        YamlScalarNode { Value: { Length: > 0 } one } => [one],
        _ => [],
    };

    public SourceSpan SpanOf(YamlNode node) => SourceSpan.At(path, (int)node.Start.Line, (int)node.Start.Column);
}
