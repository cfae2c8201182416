using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Compiler.Language.Printing;
using RuleCompiler.Compiler.Language.Syntax;
using Xunit;

namespace RuleCompiler.Language.Tests.Binding;

/// <summary>
/// <c>[*]</c> paths (docs/language.md §3, docs/semantics.md §5.2): the syntax, the bound member list, and the
/// misuses the binder reports at their place (RC2544, RC2545).
/// </summary>
public class EachPathTests
{
    [Theory]
    [InlineData("resources[*].ARN")]
    [InlineData("requestParameters.Rule[*].Transition[*].Days")]
    [InlineData("requestParameters.items[*][\"x-y\"]")]
    [InlineData("requestParameters.items[*]")]
    public void An_each_path_parses_with_a_spanned_segment_and_prints_back(string text)
    {
        var field = Assert.IsType<FieldExpression>(QueryParser.ParseExpression(text).Value);
        var each = field.Path.OfType<EachSegment>().First();
        Assert.Equal("[*]", text.Substring(each.Span.Start, each.Span.Length));
        Assert.Equal(text, QueryPrinter.Print(field));
    }

    [Fact]
    public void An_each_path_binds_to_a_multivalued_member_list_of_its_source_and_steps()
    {
        var bound = Bind("where requestParameters.Rule[*].Transition[*].Days == 3");

        Assert.Empty(bound.Diagnostics);
        var test = Assert.IsType<BoundBinary>(Assert.IsType<BoundWhere>(Assert.Single(bound.Body.Stages)).Predicate);
        var each = Assert.IsType<BoundEachPath>(test.Left);
        Assert.True(each.Multivalued);
        Assert.True(each.MemberList);
        Assert.Equal(ScalarType.Dynamic, each.Type);
        Assert.Equal("requestParameters", each.Source.Resolved.ColumnName);
        Assert.Equal(new PathStep[] { new MemberStep("Rule") }, each.Source.Resolved.Remainder.ToArray());
        Assert.Equal(new PathStep[] { new MemberStep("Transition"), new EachStep(), new MemberStep("Days") }, each.Steps.ToArray());
    }

    [Fact]
    public void A_column_made_from_an_each_path_is_a_member_list_and_aggregates_of_it_bind()
    {
        var bound = Bind("extend arns = resources[*].ARN | where arns startswith \"arn:aws:s3\" | summarize arns = make_set(arns), n = countif(resources[*].accountId != \"1\") by eventName");

        Assert.Empty(bound.Diagnostics);
        var extend = Assert.IsType<BoundExtend>(bound.Body.Stages[0]);
        Assert.True(extend.Columns[0].Column.MemberList);
        Assert.True(Assert.IsType<BoundBinary>(Assert.IsType<BoundWhere>(bound.Body.Stages[1]).Predicate).Left.MemberList);
    }

    [Theory]
    [InlineData("where resources⟦[0].x[*].ARN == \"a\"", BindingCodes.EachMisuse)]
    [InlineData("where resources[*].ARN⟦[0] == \"a\"", BindingCodes.EachMisuse)]
    [InlineData("where tostring(split(userAgent, \"/\")⟦[*]) == \"a\"", BindingCodes.EachMisuse)]
    [InlineData("extend r = resources | where ⟦r[*].ARN == \"a\"", BindingCodes.EachMisuse)]
    [InlineData("where eventName⟦[*].x == \"a\"", BindingCodes.MemberOfScalar)]
    [InlineData("summarize count() by arn = ⟦resources[*].ARN", BindingCodes.GroupByMemberList)]
    [InlineData("extend arn = resources[*].ARN | summarize count() by ⟦arn", BindingCodes.GroupByMemberList)]
    [InlineData("distinct arn = ⟦resources[*].ARN", BindingCodes.GroupByMemberList)]
    [InlineData("sort by ⟦resources[*].ARN", BindingCodes.GroupByMemberList)]
    public void A_misused_each_path_is_an_error_at_its_place(string marked, string code)
    {
        var at = marked.IndexOf('⟦');
        var diagnostic = Assert.Single(Bind(marked.Remove(at, 1)).Diagnostics, d => d.Severity == Compiler.Diagnostics.DiagnosticSeverity.Error);
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal(at, diagnostic.Span.Start);
    }

    [Fact]
    public void A_member_list_can_be_expanded_to_one_row_per_value_and_grouped_by_then()
    {
        var bound = Bind("mv-expand arn = resources[*].ARN | summarize count() by arn");

        Assert.Empty(bound.Diagnostics);
        var expand = Assert.IsType<BoundMvExpand>(bound.Body.Stages[0]);
        Assert.False(expand.Column.MemberList);
    }

    [Fact]
    public void A_member_directly_below_an_array_points_to_the_each_path()
    {
        var diagnostic = Assert.Single(Bind("where resources.ARN == \"a\"").Diagnostics);
        Assert.Equal(BindingCodes.MemberOfArray, diagnostic.Code);
        Assert.Contains("resources[*].ARN", diagnostic.Message, StringComparison.Ordinal);
    }

    private static BoundQuery Bind(string text)
    {
        var parsed = QueryParser.Parse(text);
        Assert.True(parsed.Query is not null && parsed.Diagnostics.IsEmpty, string.Join("; ", parsed.Diagnostics));
        return QueryBinder.Bind(parsed.Query!, RepositoryBinding.For("aws_cloudtrail"));
    }
}
