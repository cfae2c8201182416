using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Compiler.Language.Syntax;
using Xunit;

namespace RuleCompiler.Language.Tests.Parsing;

public class SeedQueryTests
{
    public static TheoryData<string> Names() => [.. SeedQueries.All.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Seed_query_parses_without_diagnostics(string name)
    {
        var text = SeedQueries.All.Single(s => s.Name == name).Text;
        var result = QueryParser.Parse(text);
        Assert.Empty(result.Diagnostics);
        Assert.NotNull(result.Query);
        Assert.IsType<DataSourceInput>(result.Query.Body.Source);
    }

    [Fact]
    public void Medium_findings_seed_has_the_expected_stages()
    {
        var query = QueryParser.Parse(SeedQueries.EcrScanningFindingsMedium).Query!;
        Assert.Collection(
            query.Body.Stages,
            s => Assert.IsType<WhereStage>(s),
            s => Assert.Equal("finding", Assert.IsType<MvExpandStage>(s).Name),
            s => Assert.IsType<WhereStage>(s),
            s => Assert.Equal(5, Assert.IsType<ExtendStage>(s).Columns.Length),
            s => Assert.Equal(3, Assert.IsType<ExtendStage>(s).Columns.Length),
            s =>
            {
                var summarize = Assert.IsType<SummarizeStage>(s);
                Assert.Equal(["firstTime", "lastTime"], summarize.Aggregates.Select(a => a.Name));
                Assert.Equal(10, summarize.By.Length);
                Assert.Equal("src_ip", summarize.By[6].Name);
            });
    }

    [Fact]
    public void Indexing_a_function_result_is_a_path_access()
    {
        var query = QueryParser.Parse(SeedQueries.EcrImageScanningDisabled).Query!;
        var extend = Assert.IsType<ExtendStage>(query.Body.Stages[4]);
        var call = Assert.IsType<FunctionCallExpression>(extend.Columns[0].Value);
        var access = Assert.IsType<PathAccessExpression>(call.Arguments[0]);
        Assert.Equal("split", Assert.IsType<FunctionCallExpression>(access.Target).Name);
        Assert.Equal(-1, Assert.IsType<IndexSegment>(Assert.Single(access.Path)).Index);
    }

    [Fact]
    public void Spans_cover_exactly_the_text_of_each_node()
    {
        const string text = "where  a.b[0] == \"x\"   // note\n| take 5";
        var query = QueryParser.Parse(text).Query!;
        var where = Assert.IsType<WhereStage>(query.Body.Stages[0]);
        var comparison = Assert.IsType<BinaryExpression>(where.Predicate);
        Assert.Equal("a.b[0]", Slice(text, comparison.Left.Span));
        Assert.Equal("\"x\"", Slice(text, comparison.Right.Span));
        Assert.Equal("where  a.b[0] == \"x\"", Slice(text, where.Span));
        Assert.Equal("take 5", Slice(text, query.Body.Stages[1].Span));
        Assert.Equal(text, Slice(text, query.Span));
    }

    private static string Slice(string text, TextSpan span) => text.Substring(span.Start, span.Length);
}
