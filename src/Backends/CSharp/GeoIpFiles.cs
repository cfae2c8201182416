using RuleCompiler.Compiler.Compilation;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Loading;
using RuleCompiler.Compiler.Semantics;
using RuleCompiler.Runtime.Geo;

namespace RuleCompiler.Backends.CSharp;

/// <summary>
/// The geo-IP database of the C# run: the CSV files of <c>geoip/</c> in the rules repository (next to
/// <c>data_sources/</c>), read once, and only when a rule calls <c>geo_info_from_ip_address</c>. A problem in a file is
/// an error at its line and column and leaves no database; no file is one warning (the function then gives null).
/// </summary>
public static class GeoIpFiles
{
    public const string Folder = "geoip";

    public static (GeoIpDatabase? Database, IReadOnlyList<Diagnostic> Diagnostics) Load(IEnumerable<CompiledRule> rules)
    {
        var calls = rules.Select(r => (Rule: r, Call: GeoIpNote.FirstCall(r.Query))).Where(p => p.Call is not null).ToList();
        if (calls.Count == 0)
        {
            return (null, []);
        }

        var roots = calls.Select(c => RuleRepository.FindRepositoryRoot(c.Rule.Rule.Path)).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var files = roots.SelectMany(FilesOf).ToList();
        if (files.Count == 0)
        {
            return (null, [Diagnostic.Warning(SemanticDiagnosticCodes.NoGeoDatabase,
                $"no geo-IP database ({Folder}/*.csv in the rules repository): geo_info_from_ip_address gives null in the C# run (docs/rule-format.md)",
                calls[0].Call!.Location)]);
        }

        var load = GeoIpDatabase.Load(files);
        var diagnostics = load.Problems.Select(p => Diagnostic.Error(
            p.TooLarge ? SemanticDiagnosticCodes.GeoDatabaseTooLarge : SemanticDiagnosticCodes.GeoDatabaseMalformed,
            p.Message, SourceSpan.At(p.File, p.Line, p.Column))).ToList();
        return (load.Database, diagnostics);
    }

    private static IEnumerable<string> FilesOf(string root)
    {
        var folder = Path.Combine(root, Folder);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var boundary = RepositoryFiles.BoundaryOf(root);
        return Directory.EnumerateFiles(folder, "*.csv").Where(f => RepositoryFiles.IsInside(f, boundary)).Order(StringComparer.Ordinal);
    }
}
