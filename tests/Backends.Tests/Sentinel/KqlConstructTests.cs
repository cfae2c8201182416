using RuleCompiler.Backends.Sentinel.Analysis;
using Xunit;

namespace RuleCompiler.Backends.Tests.Sentinel;

/// <summary>
/// The KQL of each construct case (<see cref="KqlConstructCases"/>) matches tests/Backends.Tests/Golden/Kql/constructs/
/// &lt;case&gt;.kql (RULEC_UPDATE_GOLDEN=1 rewrites them), and Kusto.Language accepts all of them with zero errors
/// and every output column the emitter names.
/// </summary>
public class KqlConstructTests
{
    public static TheoryData<string> Cases => new(KqlConstructCases.Cases.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public void EmittedKqlMatchesGoldenFile(string name)
    {
        using var probe = ProbeRepository.With(KqlConstructCases.Cases[name]);
        var query = probe.Emit();
        Assert.True(query.Portable, string.Join("\n", query.Diagnostics));
        var path = Path.Combine(RepositoryPaths.Root, "tests", "Backends.Tests", "Golden", "Kql", "constructs", name + ".kql");
        if (Environment.GetEnvironmentVariable("RULEC_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, query.Text);
        }

        Assert.True(File.Exists(path), $"missing golden file {path} (run with RULEC_UPDATE_GOLDEN=1)");
        Assert.Equal(File.ReadAllText(path), query.Text);
    }

    [AnalyzerFact]
    public void KustoLanguageAcceptsEveryCase()
    {
        var emitted = KqlConstructCases.Cases.Select(c =>
        {
            using var probe = ProbeRepository.With(c.Value);
            return (c.Key, Query: probe.Emit());
        }).ToList();

        var analysis = AnalyzerFactAttribute.Analyzer.Analyze(KqlRules.Tables, [.. emitted.Select(e => new KustoQuery(e.Key, e.Query.Text))]);

        Assert.True(analysis.IsAvailable, analysis.ToString());
        var errors = analysis.Results.SelectMany(r => r.Errors.Select(e => $"{r.Id}:{e.Line}:{e.Column}: {e.Code} {e.Message}")).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        foreach (var (result, (name, query)) in analysis.Results.Zip(emitted))
        {
            // Every column reported under the binder's name is one (a pass-through query keeps the table's order).
            Assert.True(query.OutputColumns.All(c => result.Columns.Any(r => r.Name == c)), $"{name}: {string.Join(", ", result.Columns.Select(c => c.Name))}");
        }
    }
}
