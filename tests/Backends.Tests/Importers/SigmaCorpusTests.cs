using RuleCompiler.Backends.CSharp;
using RuleCompiler.Importers;
using RuleCompiler.Importers.Sigma;
using RuleCompiler.Compiler.Catalogues;
using Xunit;
using Xunit.Abstractions;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary>
/// Every SigmaHQ AWS rule of ../shared/corpus imported, loaded, validated and bound by the project's own compiler,
/// then compiled to C# and run on the corpus's real CloudTrail events (skipped, visibly, without the corpus).
/// The measured rates are recorded in docs/translation.md.
/// </summary>
public class SigmaCorpusTests(ITestOutputHelper output)
{
    private static string SigmaAws => Path.Combine(RepositoryPaths.Corpus, "SigmaHQ", "sigma", "rules", "cloud", "aws");

    [CorpusFact]
    public void At_least_95_percent_of_the_Sigma_AWS_rules_import_into_a_rule_that_binds_and_all_of_those_run_in_CSharp()
    {
        using var scratch = new ImportScratch();
        var results = ImportBatch.Run(new SigmaImporter(AttackCatalogue.Default), [SigmaAws], scratch.Rules, p => p);
        Assert.True(results.Count >= 50, $"expected the corpus's Sigma AWS rules, found {results.Count}");
        output.WriteLine(ImportTable.Format(results));

        var compiled = scratch.Compile(scratch.Rules);
        var failedFiles = compiled.Diagnostics.Where(d => d.IsError).Select(d => d.Span.Path).Distinct().ToList();
        foreach (var diagnostic in compiled.Diagnostics.Where(d => d.IsError))
        {
            output.WriteLine("does not bind: " + diagnostic);
        }

        var written = results.Count(r => r.Status != ImportStatus.Failed);
        var binding = written - failedFiles.Count;
        output.WriteLine($"imported and binding: {binding} of {results.Count} ({100.0 * binding / results.Count:F1}%)");
        Assert.True(binding >= 0.95 * results.Count, $"only {binding} of {results.Count} Sigma AWS rules import into a binding rule");
        Assert.Equal(binding, compiled.Rules.Length);

        using var build = CSharpRuleBuild.From(compiled, p => p);
        Assert.True(build.Diagnostics.Count(d => d.IsError) == 0, string.Join("\n", build.Diagnostics));
        Assert.Equal(binding, build.Pairs.Count);

        var events = CorpusReplay.Events().ToList();
        Assert.NotEmpty(events);
        var alerts = build.Rules.ToDictionary(r => r.Info.Name, r => CorpusReplay.RowsOf(r, events));
        foreach (var (name, count) in alerts.Where(a => a.Value > 0).OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{count,5} alert(s): {name}");
        }

        // The corpus holds Stratus Red Team detonations of defence evasion (CloudTrail stopped or deleted, GuardDuty
        // and VPC flow logs removed): the imported rules must fire on some of them, not merely compile.
        Assert.True(alerts.Count(a => a.Value > 0) >= 3, "too few imported rules fire on the corpus events:\n" + string.Join("\n", alerts.Select(a => $"{a.Key}: {a.Value}")));
    }
}
