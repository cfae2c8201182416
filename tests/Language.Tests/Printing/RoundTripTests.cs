using CsCheck;
using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Compiler.Language.Printing;
using RuleCompiler.Compiler.Language.Syntax;
using Xunit;

namespace RuleCompiler.Language.Tests.Printing;

/// <summary>The printer and the parser agree: parse(print(ast)) is structurally ast, for generated trees.</summary>
public class RoundTripTests
{
    [Fact]
    public void Generated_queries_survive_print_then_parse()
    {
        SyntaxGenerators.Query.Sample(AssertRoundTrip, iter: 10_000, threads: 1, seed: null);
    }

    [Fact]
    public void Generated_expressions_survive_print_then_parse()
    {
        SyntaxGenerators.Expression(4).Sample(expression =>
        {
            var text = QueryPrinter.Print(expression);
            var parsed = QueryParser.ParseExpression(text);
            Assert.True(parsed.Diagnostics.IsEmpty, $"{text}\n{string.Join("\n", parsed.Diagnostics)}");
            var difference = SyntaxEquality.FindDifference(expression, parsed.Value);
            Assert.True(difference is null, $"{text}\n{difference}");
        }, iter: 10_000, threads: 1);
    }

    [Fact]
    public void Printing_is_idempotent_on_the_seed_queries()
    {
        foreach (var (name, text) in Parsing.SeedQueries.All)
        {
            var once = QueryPrinter.Print(QueryParser.Parse(text).Query!);
            var twice = QueryPrinter.Print(QueryParser.Parse(once).Query!);
            Assert.Equal(once, twice);
            Assert.True(SyntaxEquality.Equals(QueryParser.Parse(text).Query, QueryParser.Parse(once).Query), name);
        }
    }

    private static void AssertRoundTrip(Query query)
    {
        var text = QueryPrinter.Print(query);
        var parsed = QueryParser.Parse(text);
        Assert.True(parsed.Diagnostics.IsEmpty, $"{text}\n{string.Join("\n", parsed.Diagnostics)}");
        var difference = SyntaxEquality.FindDifference(query, parsed.Query);
        Assert.True(difference is null, $"{text}\n{difference}");
    }
}
