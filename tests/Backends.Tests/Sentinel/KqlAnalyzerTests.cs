using RuleCompiler.Backends.Sentinel.Analysis;
using Xunit;

namespace RuleCompiler.Backends.Tests.Sentinel;

/// <summary>Microsoft's analyzer (Kusto.Language) accepts the KQL of every rule in rules/ that Sentinel can run.</summary>
public class KqlAnalyzerTests
{
    [AnalyzerFact]
    public void EveryPortableRuleHasZeroKustoErrors()
    {
        var queries = KqlRules.Names.Select(n => (Name: n, Query: KqlRules.Emit(n))).ToList();
        var portable = queries.Where(q => q.Query.Portable).ToList();
        Assert.NotEmpty(portable);

        var analysis = AnalyzerFactAttribute.Analyzer.Analyze(KqlRules.Tables, [.. portable.Select(q => new KustoQuery(q.Name, q.Query.Text))]);

        Assert.True(analysis.IsAvailable, analysis.ToString());
        var errors = analysis.Results.SelectMany(r => r.Errors.Select(e => $"{r.Id}:{e.Line}:{e.Column}: {e.Code} {e.Message}"));
        Assert.Equal([], errors);
        // The binder's output columns are the query's, in order.
        foreach (var (result, (name, query)) in analysis.Results.Zip(portable))
        {
            Assert.Equal(query.OutputColumns, result.Columns.Select(c => c.Name));
        }
    }
}
