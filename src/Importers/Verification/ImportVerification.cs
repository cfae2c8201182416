using System.Collections.Immutable;
using System.Text.Json;
using RuleCompiler.Importers.Escu;
using RuleCompiler.Backends.Sentinel.Analysis;
using RuleCompiler.Runtime.Events;

namespace RuleCompiler.Importers.Verification;

/// <summary>
/// What <c>rulec import FORMAT ... --verify</c> runs after the import: the format's round-trip comparer, the
/// Kusto.Language analyzer found above the output folder or rulec, the events of the given files and folders.
/// </summary>
public static class ImportVerification
{
    /// <summary>The round-trip comparer of a source format, or null when the format has none (Sigma: no source SIEM).</summary>
    public static IRoundTripComparer? ComparerFor(string format, string outDir, string? kqlCheckRoot) => format switch
    {
        "escu" => new EscuRoundTripComparer(SplTranslationContext.FromRepository(outDir)),
        // Sentinel's round trip needs Kusto.Language; without the checker there is no round trip to report.
        "sentinel" when kqlCheckRoot is not null => new Sentinel.KqlRoundTrip(SplTranslationContext.FromRepository(outDir).DataSources, KustoAnalyzer.Locate(kqlCheckRoot)),
        _ => null,
    };

    public static VerificationReport Run(string format, IReadOnlyList<ImportedRule> results, string outDir, Func<string, string> sourceFile, IReadOnlyList<string> eventPaths)
    {
        var root = KustoAnalyzer.FindRepositoryRoot(outDir) ?? KustoAnalyzer.FindRepositoryRoot(AppContext.BaseDirectory);
        ImportVerifier.AnalyzeKql analyze = root is null
            ? (_, _) => KustoAnalysis.Unavailable($"{KustoAnalyzer.ToolFolder}/analyze.js was not found above the output folder or rulec")
            : (tables, queries) => KustoAnalyzer.Locate(root).Analyze(tables, queries);
        return ImportVerifier.Verify(format, results, outDir, sourceFile, ComparerFor(format, outDir, root), analyze, ReadEvents(eventPaths));
    }

    /// <summary>The JSON events of the files (and *.json files below the folders), in ordinal path order; unreadable events are skipped.</summary>
    public static IReadOnlyList<JsonElement> ReadEvents(IReadOnlyList<string> paths) =>
        [.. paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*.json", SearchOption.AllDirectories) : File.Exists(p) ? [p] : [])
            .Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .SelectMany(f => EventReader.ReadFile(f, _ => { }))
            .Select(r => r.Event.Clone())]; // the reader's documents are disposed as it moves on
}
