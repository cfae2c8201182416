using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Compiler.Language.Printing;
using RuleCompiler.Compiler.Language.Syntax;
using Xunit;

namespace RuleCompiler.Language.Tests.Binding;

/// <summary>
/// has_any / has_all bind to one has test per term joined by or / and (docs/semantics.md), which every target
/// realises with its has; their terms must be written in the query.
/// </summary>
public class TermListTests
{
    [Theory]
    [InlineData("has_any", BinaryOperator.Or)]
    [InlineData("has_all", BinaryOperator.And)]
    public void A_term_list_binds_to_has_tests_joined_by_its_connective(string op, BinaryOperator join)
    {
        var bound = Bind($"where userAgent {op} (\"boto3\", \"aws-cli\", \"exec-env\")");

        Assert.Empty(bound.Diagnostics);
        var predicate = Assert.IsType<BoundWhere>(Assert.Single(bound.Body.Stages)).Predicate;
        var outer = Assert.IsType<BoundBinary>(predicate);
        Assert.Equal(join, outer.Operator);
        var inner = Assert.IsType<BoundBinary>(outer.Left);
        Assert.Equal(join, inner.Operator);
        var terms = new[] { inner.Left, inner.Right, outer.Right }.Select(t => Assert.IsType<BoundBinary>(t)).ToList();
        Assert.All(terms, t => Assert.Equal(BinaryOperator.Has, t.Operator));
        Assert.All(terms, t => Assert.Equal("userAgent", t.Left.Field?.ColumnName));
        Assert.Equal(["boto3", "aws-cli", "exec-env"], terms.Select(t => (string)((BoundLiteral)t.Right).Value!));
    }

    [Theory]
    [InlineData("where userAgent has_any ⟦@aws_ecr_users_asl", BindingCodes.TermListNotLiteral)]
    [InlineData("let terms = dynamic([\"a\"]); where userAgent has_all ⟦terms", BindingCodes.TermListNotLiteral)]
    [InlineData("where userAgent has_any (\"a\", ⟦1)", BindingCodes.ComparisonTypeMix)]
    public void A_term_list_that_is_not_written_out_or_not_text_is_an_error_at_its_place(string marked, string code)
    {
        var at = marked.IndexOf('⟦');
        var diagnostic = Assert.Single(Bind(marked.Remove(at, 1)).Diagnostics);
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal(at, diagnostic.Span.Start);
    }

    [Theory]
    [InlineData("x has_any (\"a\", \"b\")", InOperator.HasAny)]
    [InlineData("x has_all (\"a\")", InOperator.HasAll)]
    public void The_term_operators_parse_and_print_back(string text, InOperator op)
    {
        var expression = Assert.IsType<InExpression>(QueryParser.ParseExpression(text).Value);
        Assert.Equal(op, expression.Operator);
        Assert.Equal(text, QueryPrinter.Print(expression));
    }

    private static BoundQuery Bind(string text)
    {
        var parsed = QueryParser.Parse(text);
        Assert.True(parsed.Query is not null && parsed.Diagnostics.IsEmpty, string.Join("; ", parsed.Diagnostics));
        return QueryBinder.Bind(parsed.Query!, RepositoryBinding.For("aws_cloudtrail"));
    }
}
