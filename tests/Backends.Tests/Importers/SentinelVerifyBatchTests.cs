using System.Collections.Immutable;
using RuleCompiler.Backends.Sentinel.Analysis;
using RuleCompiler.Importers;
using RuleCompiler.Importers.Sentinel;
using RuleCompiler.Importers.Verification;
using Xunit;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary>
/// <c>rulec import sentinel --verify</c> runs the Kusto round trip of all rules in one analyzer call (one node
/// process), and each rule still gets its own verdict.
/// </summary>
public class SentinelVerifyBatchTests
{
    private static readonly string[] Events = ["DeleteTrail", "StopLogging", "PutBucketAcl", "CreateUser"];

    [Fact]
    public void The_round_trip_analyzes_every_rule_in_one_call_and_keeps_each_rules_verdict()
    {
        using var scratch = new ImportScratch();
        var sources = Path.Combine(scratch.Root, "sentinel");
        Directory.CreateDirectory(sources);
        foreach (var name in Events)
        {
            File.WriteAllText(Path.Combine(sources, name + ".yaml"),
                $"name: {name} called\nkind: Scheduled\nqueryFrequency: 1h\nquery: |\n  AWSCloudTrail\n  | where EventName == \"{name}\"\n  | project TimeGenerated, SourceIpAddress\n");
        }

        var results = ImportBatch.Run(SentinelCorpusTests.Importer(), [sources], scratch.Rules, p => p);
        Assert.All(results, r => Assert.Equal(ImportStatus.Imported, r.Status));

        var calls = new List<int>();
        // Stands in for node: accepts every query except StopLogging's, which it rejects.
        KustoAnalysis Analyze(ImmutableArray<KustoTable> tables, IReadOnlyList<KustoQuery> queries)
        {
            calls.Add(queries.Count);
            return new KustoAnalysis([.. queries.Select(q => new KustoQueryResult(q.Id,
                q.Text.Contains("StopLogging", StringComparison.Ordinal) ? [new KustoDiagnostic("error", "KS999", "rejected", 0, 1, 1, 1)] : [], [], []))], null);
        }

        var report = ImportVerifier.Verify("sentinel", results, scratch.Rules, p => p, new KqlRoundTrip(SentinelCorpusTests.DataSources, Analyze), (_, _) => KustoAnalysis.Unavailable("not this test"), []);

        Assert.Equal([Events.Length], calls);
        Assert.Equal(
            ["CreateUser.yaml True", "DeleteTrail.yaml True", "PutBucketAcl.yaml True", "StopLogging.yaml False"],
            report.Rules.Select(r => $"{Path.GetFileName(r.SourcePath)} {r.RoundTrip}").Order(StringComparer.Ordinal));
        Assert.Contains("KS999", report.Rules.Single(r => r.RoundTrip == false).RoundTripReason, StringComparison.Ordinal);
    }
}
