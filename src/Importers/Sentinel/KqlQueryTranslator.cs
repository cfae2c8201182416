using RuleCompiler.Compiler.Catalogues;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Importers.Sentinel;

/// <summary>
/// <c>rulec translate --from kql</c>: a Sentinel rule file (YAML with a <c>query</c>) is imported whole; anything else
/// is one KQL query, translated by <see cref="KqlTranslator"/> with diagnostics at its own lines and columns.
/// </summary>
public sealed class KqlQueryTranslator(IReadOnlyList<DataSource> dataSources, AttackCatalogue attack) : IQueryTranslator
{
    public string Language => "kql";

    public QueryTranslation Translate(string path, string text, string schemaPath)
    {
        if (SentinelImporter.QueryOf(text) is not null)
        {
            var imported = new SentinelImporter(dataSources, attack).Import(path, text, schemaPath);
            return new QueryTranslation(imported.Status == ImportStatus.Failed ? null : imported.Yaml, null, null, imported.Diagnostics);
        }

        var translation = KqlTranslator.Translate(text, SentinelColumns.ByTable(dataSources));
        var positions = SearchSourceMap.ForText(text);
        var diagnostics = translation.Diagnostics.Select(d => d.ToDiagnostic(path, positions)).ToList();
        if (translation.Succeeded && translation.Source is null)
        {
            diagnostics.Add(Diagnostic.Error(SentinelImportCodes.UnmappedTable, "the query reads no table", SourceSpan.File(path)));
        }

        return new QueryTranslation(null, diagnostics.Any(d => d.IsError) ? null : translation.Search, translation.Source?.Source.Name, diagnostics);
    }
}
