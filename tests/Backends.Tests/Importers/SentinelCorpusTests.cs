using RuleCompiler.Backends.CSharp;
using RuleCompiler.Importers;
using RuleCompiler.Importers.Sentinel;
using RuleCompiler.Backends.Tests.Sentinel;
using RuleCompiler.Compiler.Catalogues;
using RuleCompiler.Compiler.Loading;
using RuleCompiler.Compiler.Model;
using Xunit;
using Xunit.Abstractions;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary>
/// Every Sentinel AWS analytic rule and hunting query of ../shared/corpus imported, loaded, validated and bound by the
/// project's compiler, compiled back to KQL and compared with the original (<see cref="KqlRoundTrip"/>, Kusto.Language
/// accepting it), then compiled to C# and run on the corpus's CloudTrail events (skipped, visibly, without the corpus
/// or the analyzer). The rates are recorded in docs/translation.md.
/// </summary>
public class SentinelCorpusTests(ITestOutputHelper output)
{
    public static string SentinelAws => Path.Combine(RepositoryPaths.Corpus, "Azure", "Azure-Sentinel", "Solutions", "Amazon Web Services");

    public static IReadOnlyList<DataSource> DataSources { get; } = RuleRepository.Load(Path.Combine(RepositoryPaths.Root, "rules", "data_sources")).DataSources;

    public static SentinelImporter Importer() => new(DataSources, AttackCatalogue.Default);

    [CorpusAnalyzerFact]
    public void At_least_90_percent_of_the_Sentinel_AWS_rules_import_bind_and_round_trip_and_the_binding_ones_run_in_CSharp()
    {
        using var scratch = new ImportScratch();
        var results = ImportBatch.Run(Importer(), [Path.Combine(SentinelAws, "Analytic Rules"), Path.Combine(SentinelAws, "Hunting Queries")], scratch.Rules, p => p);
        Assert.True(results.Count >= 70, $"expected the corpus's Sentinel AWS rules, found {results.Count}");
        output.WriteLine(ImportTable.Format(results));
        foreach (var diagnostic in results.SelectMany(r => r.Diagnostics))
        {
            output.WriteLine(diagnostic.ToString().Replace(SentinelAws + Path.DirectorySeparatorChar, "", StringComparison.Ordinal));
        }

        var compiled = scratch.Compile(scratch.Rules);
        foreach (var diagnostic in compiled.Diagnostics.Where(d => d.IsError))
        {
            output.WriteLine("does not bind: " + diagnostic);
        }

        var written = results.Count(r => r.Status != ImportStatus.Failed);
        var bySource = results.Where(r => r.FileName is not null && r.Status != ImportStatus.Failed).ToDictionary(r => r.FileName!, r => r.SourcePath);
        var cases = compiled.Rules
            .Select(rule => new KqlRoundTripCase(bySource[Path.GetFileName(rule.Rule.Path)], SentinelImporter.QueryOf(File.ReadAllText(bySource[Path.GetFileName(rule.Rule.Path)]))!, rule))
            .OrderBy(c => c.SourcePath, StringComparer.Ordinal)
            .ToList();
        var roundTrips = new KqlRoundTrip(DataSources, AnalyzerFactAttribute.Analyzer).Compare(cases);
        foreach (var trip in roundTrips.Where(t => !t.Succeeded))
        {
            output.WriteLine($"round trip differs: {Path.GetFileName(trip.SourcePath)}\n  " + string.Join("\n  ", trip.Differences) + "\n" + trip.Compiled);
        }

        var rejected = roundTrips.Where(t => t.Accepted == false).Select(t => Path.GetFileName(t.SourcePath)).ToList();
        var tripped = roundTrips.Count(t => t.Succeeded);
        output.WriteLine($"rules {results.Count}; written {written}; binding {compiled.Rules.Length}; KQL accepted by Kusto.Language {roundTrips.Count(t => t.Accepted == true)}; round trip equal {tripped}");
        output.WriteLine($"import + bind + round trip: {tripped} of {results.Count} ({100.0 * tripped / results.Count:F1}%)");

        using var build = CSharpRuleBuild.From(compiled, p => p);
        Assert.True(build.Diagnostics.Count(d => d.IsError) == 0, string.Join("\n", build.Diagnostics));
        var events = CorpusReplay.Events().ToList();
        var alerts = build.Rules.ToDictionary(r => r.Info.Name, r => CorpusReplay.RowsOf(r, events));
        output.WriteLine($"compiled to C# and run on {events.Count} corpus events: {build.Pairs.Count} rules, {alerts.Count(a => a.Value > 0)} raise alerts");
        foreach (var (name, count) in alerts.Where(a => a.Value > 0).OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{count,5} row(s): {name}");
        }

        Assert.Equal([], rejected);
        Assert.True(tripped >= 0.9 * results.Count, $"only {tripped} of {results.Count} Sentinel AWS rules import, bind and round-trip");
        Assert.Equal(compiled.Rules.Length, build.Pairs.Count);
        Assert.True(alerts.Count(a => a.Value > 0) >= 3, "too few imported rules produce rows on the corpus events");
    }
}
