using RuleCompiler.Compiler.Catalogues;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Importers.Escu;

/// <summary>
/// <c>rulec translate --from spl</c>: an ESCU detection file (YAML with a <c>search</c>) is imported whole; anything
/// else is one SPL search, translated by <see cref="SplQueryTranslator"/> with diagnostics at its own lines and columns.
/// </summary>
public sealed class SplRuleOrQueryTranslator(IReadOnlyList<DataSource> dataSources, AttackCatalogue attack) : IQueryTranslator
{
    public string Language => "spl";

    public QueryTranslation Translate(string path, string text, string schemaPath)
    {
        var context = new SplTranslationContext(dataSources, new HashSet<string>(StringComparer.Ordinal), new Dictionary<string, string>(StringComparer.Ordinal));
        if (LooksLikeDetection(text))
        {
            var imported = new EscuImporter(attack, context).Import(path, text, schemaPath);
            return new QueryTranslation(imported.Status == ImportStatus.Failed ? null : imported.Yaml, null, null, imported.Diagnostics);
        }

        var translation = SplQueryTranslator.Translate(text, context, path);
        return new QueryTranslation(null, translation.Diagnostics.Any(d => d.IsError) ? null : translation.Search, translation.DataSource, translation.Diagnostics);
    }

    // An ESCU detection is a YAML mapping with a top-level search key; a bare SPL search never starts a line with "search:".
    private static bool LooksLikeDetection(string text) =>
        text.ReplaceLineEndings("\n").Split('\n').Any(line => line.StartsWith("search:", StringComparison.Ordinal));
}
