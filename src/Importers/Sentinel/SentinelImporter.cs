using System.Text.RegularExpressions;
using RuleCompiler.Compiler.Catalogues;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Compiler.Model;
using RuleCompiler.Compiler.Semantics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RuleCompiler.Importers.Sentinel;

/// <summary>
/// Imports a Sentinel analytic rule or hunting query (the Azure-Sentinel repository's YAML): the query is translated
/// by <see cref="KqlTranslator"/> against the repository's data sources, and the metadata by
/// <see cref="SentinelMetadata"/>. A query construct that does not translate fails the rule with an error at its
/// line and column in the file; metadata that has no canonical place is a warning and marks the rule partial.
/// </summary>
public sealed partial class SentinelImporter(IReadOnlyList<DataSource> dataSources, AttackCatalogue attack) : IRuleImporter
{
    private readonly IReadOnlyDictionary<string, SentinelColumns> tables = SentinelColumns.ByTable(dataSources);

    public string Format => "sentinel";

    public bool Accepts(string path) => SourceYaml.IsYamlFile(path);

    public ImportedRule Import(string path, string text, string schemaPath)
    {
        var diagnostics = new List<Diagnostic>();
        var (root, error) = SourceYaml.LoadMapping(path, text, SentinelImportCodes.MalformedRule, "a Sentinel rule is one YAML mapping");
        if (root is null)
        {
            diagnostics.Add(error!);
            return new ImportedRule(path, null, null, diagnostics);
        }

        var reader = new SentinelYaml(path, root);
        if (reader.Scalar("name") is not { } name || reader.Node("query") is not YamlScalarNode { Value: { Length: > 0 } query } queryNode)
        {
            return Failed(path, diagnostics, "a Sentinel rule needs a 'name' and a 'query'", SourceSpan.File(path));
        }

        var metadata = new SentinelMetadata(reader, attack, diagnostics);
        var translation = KqlTranslator.Translate(query, tables, metadata.NamedColumns());
        var positions = SearchSourceMap.Create(query, Compiler.Loading.QueryTextStyles.Of(queryNode.Style), text, (int)queryNode.Start.Line, (int)queryNode.Start.Column);
        diagnostics.AddRange(translation.Diagnostics.Select(d => d.ToDiagnostic(path, positions)));
        var fileName = Naming.SnakeCase(name) + ".yml";
        if (translation.Search is null || translation.Source is null)
        {
            if (translation.Search is not null)
            {
                diagnostics.Add(Diagnostic.Error(SentinelImportCodes.UnmappedTable, "the query reads no table", reader.SpanOf(queryNode)));
            }

            return new ImportedRule(path, fileName, null, diagnostics);
        }

        var rule = new CanonicalRule(
            Id: reader.Scalar("id") ?? DeterministicId(name),
            Name: name,
            Version: reader.Scalar("version") is { } version && DottedVersion().IsMatch(version) ? version : "1.0.0",
            Date: "1970-01-01",
            Author: reader.Scalar("metadata", "author", "name") ?? "unknown",
            Status: reader.Scalar("status") switch { "Available" => "production", "Deprecated" => "deprecated", _ => "experimental" },
            Type: metadata.IsHunting ? "hunting" : "ttp",
            Severity: reader.Scalar("severity")?.ToLowerInvariant() is { } severity && severity is "informational" or "low" or "medium" or "high" ? severity : null,
            Description: Description(reader.Scalar("description") ?? name),
            DataSource: translation.Source.Source.Name,
            Search: translation.Search.EndsWith('\n') ? translation.Search : translation.Search + "\n",
            References: [],
            KnownFalsePositives: null,
            Attack: metadata.Techniques(),
            Cve: [],
            PartialNotes: []) { Metadata = metadata.Build(translation.ComputedColumns) };

        var partial = rule with { PartialNotes = [.. diagnostics.Where(d => !d.IsError).Select(d => $"{d.Code}: {d.Message}")] };
        return diagnostics.Any(d => d.IsError)
            ? new ImportedRule(path, fileName, null, diagnostics)
            : new ImportedRule(path, fileName, CanonicalYamlWriter.Write(partial, schemaPath), diagnostics);
    }

    /// <summary>The query of a Sentinel rule's YAML text, or null when it has none (for the round trip).</summary>
    public static string? QueryOf(string text) =>
        SourceYaml.LoadMapping("", text, ImporterDiagnosticCodes.UnreadableSource, "").Root is { } root ? new SentinelYaml("", root).Scalar("query") : null;

    // The repository writes descriptions as one quoted sentence inside a block ('...'); the quotes are not prose.
    private static string Description(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length >= 2 && trimmed[0] == '\'' && trimmed[^1] == '\'' ? trimmed[1..^1].Trim() : trimmed;
    }

    // A rule without an id gets one derived from its name, so importing twice gives the same file.
    private static string DeterministicId(string name)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("sentinel:" + name));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }

    private static ImportedRule Failed(string path, List<Diagnostic> diagnostics, string message, SourceSpan span)
    {
        diagnostics.Add(Diagnostic.Error(SentinelImportCodes.MalformedRule, message, span));
        return new ImportedRule(path, null, null, diagnostics);
    }

    [GeneratedRegex(@"^\d+\.\d+\.\d+$")]
    private static partial Regex DottedVersion();
}

/// <summary>Reading keys of a Sentinel rule's YAML mapping, with positions.</summary>
internal sealed class SentinelYaml(string path, YamlMappingNode root)
{
    public YamlMappingNode Root => root;

    public YamlNode? Node(params string[] keys)
    {
        YamlNode? node = root;
        foreach (var key in keys)
        {
            node = node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;
        }

        return node;
    }

    public string? Scalar(params string[] keys) => Node(keys) is YamlScalarNode { Value: { Length: > 0 } value } ? value : null;

    public SourceSpan SpanOf(YamlNode node) => SourceSpan.At(path, (int)node.Start.Line, (int)node.Start.Column);
}
