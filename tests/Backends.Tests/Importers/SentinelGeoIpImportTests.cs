using RuleCompiler.Backends.Tests.Sentinel;
using RuleCompiler.Importers;
using RuleCompiler.Importers.Sentinel;
using RuleCompiler.Importers.Verification;
using Xunit;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary>
/// KQL's geo_info_from_ip_address is the canonical function of that name: carried as it is, its members read with
/// tostring/todouble round-trip through the Sentinel backend, which writes a member with its declared type.
/// </summary>
public class SentinelGeoIpImportTests
{
    private static readonly IReadOnlyDictionary<string, SentinelColumns> Tables = SentinelColumns.ByTable(SentinelCorpusTests.DataSources);

    [Theory]
    [InlineData("AWSCloudTrail | extend c = tostring(geo_info_from_ip_address(SourceIpAddress).country)", "extend c = tostring(geo_info_from_ip_address(sourceIPAddress).country)")]
    [InlineData("AWSCloudTrail | extend g = geo_info_from_ip_address(SourceIpAddress) | extend lat = todouble(g.latitude)", "extend g = geo_info_from_ip_address(sourceIPAddress)\n| extend lat = todouble(g.latitude)")]
    public void The_function_is_carried_as_it_is(string kql, string canonical)
    {
        var translation = KqlTranslator.Translate(kql, Tables);
        Assert.True(translation.Succeeded, string.Join("\n", translation.Diagnostics));
        Assert.Equal(canonical, translation.Search);
    }

    [AnalyzerFact]
    public void A_rule_grouping_logins_by_country_imports_binds_round_trips_and_runs()
    {
        using var scratch = new ImportScratch();
        var folder = Path.Combine(RepositoryPaths.Root, "tests", "Backends.Tests", "Importers", "HandWritten", "sentinel_geo");
        var results = ImportBatch.Run(SentinelCorpusTests.Importer(), [folder], scratch.Rules, p => p);
        var report = ImportVerifier.Verify("sentinel", results, scratch.Rules, p => p, new KqlRoundTrip(SentinelCorpusTests.DataSources, AnalyzerFactAttribute.Analyzer),
            (tables, queries) => AnalyzerFactAttribute.Analyzer.Analyze(tables, queries), []);
        var rule = Assert.Single(report.Rules);
        Assert.True(rule.Bound, rule.BindReason);
        Assert.True(rule.RoundTrip, rule.RoundTripReason);
        Assert.True(rule.KqlAccepted, rule.KqlReason);
        Assert.True(rule.CSharpRan, rule.CSharpReason);
    }
}
