using RuleCompiler.Backends.Tests.Sentinel;
using RuleCompiler.Compiler.Catalogues;
using RuleCompiler.Importers;
using RuleCompiler.Importers.Escu;
using RuleCompiler.Importers.Sentinel;
using RuleCompiler.Importers.Verification;
using Xunit;
using Xunit.Abstractions;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary>
/// The importers on rules written for this project in the corpus's kinds (Importers/HandWritten, see its README),
/// verified as <c>rulec import ... --verify</c> verifies: import, bind, the round trip to the source language, KQL
/// accepted by Kusto.Language, a run in C# (on the corpus's events when ../shared is there). Each rule that does not
/// come across is named with the reason it must give, so a rule that starts failing, or a refusal that changes, fails.
/// </summary>
public class HandWrittenImportTests(ITestOutputHelper output)
{
    private static string Folder(string format) => Path.Combine(RepositoryPaths.Root, "tests", "Backends.Tests", "Importers", "HandWritten", format);

    private static IReadOnlyList<System.Text.Json.JsonElement> Events =>
        Directory.Exists(RepositoryPaths.Corpus)
            ? ImportVerification.ReadEvents([Path.Combine(RepositoryPaths.Corpus, "DataDog"), Path.Combine(RepositoryPaths.Corpus, "awsdocs")])
            : [];

    // A rule left out of the round trip only with the refusal it must give.
    private static readonly Dictionary<string, string> EscuRefusals = new(StringComparer.Ordinal)
    {
        // spath with input= and no path= extracts every key of the JSON text, names known only at run time.
        ["hw_aws_ecr_repository_public"] = "RC5027",
        ["hw_aws_mass_instance_termination"] = "RC5022",
    };

    private static readonly Dictionary<string, string> SentinelRefusals = new(StringComparer.Ordinal)
    {
        ["HW_ConsoleLoginNoMfaHunt"] = "RC5051",
    };

    [AnalyzerFact]
    public void The_hand_written_ESCU_rules_import_bind_round_trip_and_run_except_the_named_refusals()
    {
        using var scratch = new EscuScratch();
        var results = ImportBatch.Run(new EscuImporter(AttackCatalogue.Default, EscuScratch.Context), [Folder("escu")], scratch.Rules, p => p);
        output.WriteLine(ImportTable.Format(results));
        var report = ImportVerifier.Verify("escu", results, scratch.Rules, p => p, new EscuRoundTripComparer(EscuScratch.Context),
            (tables, queries) => AnalyzerFactAttribute.Analyzer.Analyze(tables, queries), Events);
        output.WriteLine(VerificationTable.Format(report, topReasons: 20));

        AssertOutcomes(report, results, EscuRefusals, expectedCount: 14);
    }

    [AnalyzerFact]
    public void The_hand_written_Sentinel_rules_import_bind_round_trip_and_run_except_the_named_refusals()
    {
        using var scratch = new ImportScratch();
        var results = ImportBatch.Run(SentinelCorpusTests.Importer(), [Folder("sentinel")], scratch.Rules, p => p);
        output.WriteLine(ImportTable.Format(results));
        var report = ImportVerifier.Verify("sentinel", results, scratch.Rules, p => p, new KqlRoundTrip(SentinelCorpusTests.DataSources, AnalyzerFactAttribute.Analyzer),
            (tables, queries) => AnalyzerFactAttribute.Analyzer.Analyze(tables, queries), Events);
        output.WriteLine(VerificationTable.Format(report, topReasons: 20));

        AssertOutcomes(report, results, SentinelRefusals, expectedCount: 12);
    }

    private static void AssertOutcomes(VerificationReport report, IReadOnlyList<ImportedRule> results, Dictionary<string, string> refusals, int expectedCount)
    {
        Assert.Equal(expectedCount, report.Rules.Count);
        foreach (var rule in report.Rules)
        {
            var name = Path.GetFileNameWithoutExtension(rule.SourcePath);
            if (refusals.TryGetValue(name, out var code))
            {
                var diagnostics = results.Single(r => r.SourcePath == rule.SourcePath).Diagnostics;
                Assert.True(rule.Import == ImportStatus.Failed, $"{name}: expected the refusal {code}, but it was {rule.Import}");
                Assert.Contains(diagnostics, d => d.IsError && d.Code == code);
                continue;
            }

            Assert.True(rule.Bound, $"{name} does not bind: {rule.ImportReason ?? rule.BindReason}");
            Assert.True(rule.RoundTrip == true, $"{name} does not round-trip: {rule.RoundTripReason}");
            Assert.True(rule.KqlAccepted == true, $"{name}: Kusto.Language does not accept its KQL: {rule.KqlReason}");
            Assert.True(rule.CSharpRan == true, $"{name} does not run in C#: {rule.CSharpReason}");
        }
    }
}
