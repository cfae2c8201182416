using RuleCompiler.Backends.Importers;
using RuleCompiler.Backends.Importers.Sentinel;
using RuleCompiler.Compiler.Catalogues;
using RuleCompiler.Compiler.Loading;
using RuleCompiler.Compiler.Model;
using Xunit;
using Xunit.Abstractions;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary>
/// Every Sentinel AWS analytic rule and hunting query of ../shared/corpus imported, then loaded, validated and
/// bound by the project's compiler (skipped, visibly, without the corpus). The rates are in docs/translation.md.
/// </summary>
public class SentinelCorpusTests(ITestOutputHelper output)
{
    public static string SentinelAws => Path.Combine(RepositoryPaths.Corpus, "Azure", "Azure-Sentinel", "Solutions", "Amazon Web Services");

    public static IReadOnlyList<DataSource> DataSources { get; } = RuleRepository.Load(Path.Combine(RepositoryPaths.Root, "rules", "data_sources")).DataSources;

    public static SentinelImporter Importer() => new(DataSources, AttackCatalogue.Default);

    [CorpusFact]
    public void Sentinel_AWS_rules_import_and_bind()
    {
        using var scratch = new ImportScratch();
        var results = ImportBatch.Run(Importer(), [Path.Combine(SentinelAws, "Analytic Rules"), Path.Combine(SentinelAws, "Hunting Queries")], scratch.Rules, p => Path.GetRelativePath(SentinelAws, p));
        Assert.True(results.Count >= 70, $"expected the corpus's Sentinel AWS rules, found {results.Count}");
        output.WriteLine(ImportTable.Format(results));
        foreach (var diagnostic in results.SelectMany(r => r.Diagnostics))
        {
            output.WriteLine(diagnostic.ToString());
        }

        var compiled = scratch.Compile(scratch.Rules);
        var failedFiles = compiled.Diagnostics.Where(d => d.IsError).Select(d => d.Span.Path).Distinct().ToList();
        foreach (var diagnostic in compiled.Diagnostics.Where(d => d.IsError))
        {
            output.WriteLine("does not bind: " + diagnostic);
        }

        var written = results.Count(r => r.Status != ImportStatus.Failed);
        var binding = written - failedFiles.Count;
        output.WriteLine($"imported and binding: {binding} of {results.Count} ({100.0 * binding / results.Count:F1}%)");
        Assert.True(binding >= 0.8 * results.Count, $"only {binding} of {results.Count} Sentinel AWS rules import into a binding rule");
    }
}
