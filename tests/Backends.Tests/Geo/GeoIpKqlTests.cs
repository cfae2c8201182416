using RuleCompiler.Backends.Sentinel.Analysis;
using RuleCompiler.Backends.Tests.Sentinel;
using Xunit;

namespace RuleCompiler.Backends.Tests.Geo;

/// <summary>
/// geo_info_from_ip_address in KQL is KQL's own function; a member is read with its declared type (tostring, todouble),
/// so it can be a summarize key. Goldens under tests/Backends.Tests/Golden/Kql/geo/; Kusto.Language accepts them.
/// </summary>
public class GeoIpKqlTests
{
    public static TheoryData<string> Cases => new(GeoIpCases.Portable.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public void EmittedKqlMatchesGoldenFile(string name)
    {
        using var probe = ProbeRepository.With(GeoIpCases.Portable[name]);
        var query = probe.Emit();
        Assert.True(query.Portable, string.Join("\n", query.Diagnostics));
        var path = Path.Combine(RepositoryPaths.Root, "tests", "Backends.Tests", "Golden", "Kql", "geo", name + ".kql");
        if (Environment.GetEnvironmentVariable("RULEC_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, query.Text);
        }

        Assert.True(File.Exists(path), $"missing golden file {path} (run with RULEC_UPDATE_GOLDEN=1)");
        Assert.Equal(File.ReadAllText(path), query.Text);
        Assert.Contains("geo_info_from_ip_address(", query.Text, StringComparison.Ordinal);
    }

    [AnalyzerFact]
    public void KustoLanguageAcceptsEveryCase()
    {
        var emitted = GeoIpCases.Portable.Select(c =>
        {
            using var probe = ProbeRepository.With(c.Value);
            return new KustoQuery(c.Key, probe.Emit().Text);
        }).ToList();
        var analysis = AnalyzerFactAttribute.Analyzer.Analyze(KqlRules.Tables, [.. emitted]);
        Assert.True(analysis.IsAvailable, analysis.ToString());
        var errors = analysis.Results.SelectMany(r => r.Errors.Select(e => $"{r.Id}:{e.Line}:{e.Column}: {e.Code} {e.Message}")).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
