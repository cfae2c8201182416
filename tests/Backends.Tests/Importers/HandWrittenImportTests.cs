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

    // A rule that does not come across completely, with the first step it fails and the reason that step must give.
    private static readonly Dictionary<string, string> EscuExpected = new(StringComparer.Ordinal)
    {
        // spath with input= and no path= extracts every key of the JSON text, names known only at run time.
        ["hw_aws_ecr_repository_public"] = "import: RC5027",
        // fillnull of a key inside requestParameters: the canonical fill-null fills columns and declared fields.
        ["hw_aws_fields_minus"] = "import: RC5027",
        // Security Lake's status has no AWSCloudTrail column.
        ["hw_asl_aws_console_login_failed"] = "kql: RC4101",
        // eventSelectors{}.readWriteType: a member of every array element has no canonical path.
        ["hw_aws_ct_selectors_changed"] = "import: RC5027",
        // SPL's lookup of a table: translated when the ESCU lookup definitions are found above the detections
        // (EscuTableImportTests); this folder has none, so the name is unknown.
        ["hw_aws_cross_account_role_never_seen"] = "import: RC5022",
        ["hw_aws_s3_deletions_above_baseline"] = "import: RC5022",
    };

    private static readonly Dictionary<string, string> SentinelExpected = new(StringComparer.Ordinal);

    [AnalyzerFact]
    public void The_hand_written_ESCU_rules_import_bind_round_trip_and_run_except_the_named_refusals()
    {
        using var scratch = new EscuScratch();
        var results = ImportBatch.Run(new EscuImporter(AttackCatalogue.Default, EscuScratch.Context), [Folder("escu")], scratch.Rules, p => p);
        output.WriteLine(ImportTable.Format(results));
        var report = ImportVerifier.Verify("escu", results, scratch.Rules, p => p, new EscuRoundTripComparer(EscuScratch.Context),
            (tables, queries) => AnalyzerFactAttribute.Analyzer.Analyze(tables, queries), Events);
        output.WriteLine(VerificationTable.Format(report, topReasons: 20));

        AssertOutcomes(report, results, EscuExpected, expectedCount: 41);
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

        AssertOutcomes(report, results, SentinelExpected, expectedCount: 14);
    }

    private static void AssertOutcomes(VerificationReport report, IReadOnlyList<ImportedRule> results, Dictionary<string, string> expected, int expectedCount)
    {
        Assert.Equal(expectedCount, report.Rules.Count);
        var outcomes = report.Rules.ToDictionary(r => Path.GetFileNameWithoutExtension(r.SourcePath), r => FirstFailure(r, results.Single(i => i.SourcePath == r.SourcePath)), StringComparer.Ordinal);
        foreach (var (name, outcome) in outcomes)
        {
            if (expected.TryGetValue(name, out var reason))
            {
                Assert.True(outcome?.StartsWith(reason, StringComparison.Ordinal) == true, $"{name}: expected '{reason}', got '{outcome ?? "all steps pass"}'");
            }
            else
            {
                Assert.True(outcome is null, $"{name}: {outcome}");
            }
        }
    }

    /// <summary>The first step the rule fails, with its reason (import: the error codes), or null when every step passes.</summary>
    private static string? FirstFailure(RuleVerification rule, ImportedRule imported) =>
        rule.Import == ImportStatus.Failed ? "import: " + string.Join(", ", imported.Diagnostics.Where(d => d.IsError).Select(d => d.Code))
        : !rule.Bound ? "bind: " + rule.BindReason
        : rule.RoundTrip != true ? "round trip: " + rule.RoundTripReason
        : rule.KqlAccepted != true ? "kql: " + rule.KqlReason
        : rule.CSharpRan != true ? "csharp: " + rule.CSharpReason
        : null;
}
