using System.Collections.Immutable;
using RuleCompiler.Backends.CSharp.Testing;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Model;
using RuleCompiler.Compiler.Yaml;
using RuleCompiler.Runtime.Rows;
using RuleCompiler.Runtime.Values;
using Xunit;

namespace RuleCompiler.Backends.Tests.CSharp;

/// <summary><c>rulec test</c> compares rows as a set unless the search ends in sort (docs/semantics.md decision 5).</summary>
public class RuleTestOrderTests
{
    private static ExpectedRow Expect(string user, int line) =>
        new([new ExpectedCell("user", new ExpectedScalar(user), SourceSpan.At("r.yml", line, 1))], SourceSpan.At("r.yml", line, 1));

    private static readonly TestExpectation AliceThenBob = new(2, [Expect("alice", 10), Expect("bob", 11)], SourceSpan.At("r.yml", 9, 1));

    private static readonly Row[] BobThenAlice = [Row.FromColumns([new("user", Value.String("bob"))]), Row.FromColumns([new("user", Value.String("alice"))])];

    [Fact]
    public void Rows_of_an_unsorted_search_compare_in_any_order()
    {
        var problems = new List<string>();
        RuleTestRunner.Compare(AliceThenBob, BobThenAlice, ordered: false, problems);
        Assert.Empty(problems);
    }

    [Fact]
    public void Rows_of_a_sorted_search_compare_in_order()
    {
        var problems = new List<string>();
        RuleTestRunner.Compare(AliceThenBob, BobThenAlice, ordered: true, problems);
        Assert.Contains("line 11", Assert.Single(problems));
        problems.Clear();
        RuleTestRunner.Compare(AliceThenBob, BobThenAlice.Reverse().ToArray(), ordered: true, problems);
        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("where eventName == \"x\" | sort by eventName", true)]
    [InlineData("sort by eventName | take 3", true)]
    [InlineData("sort by eventName | where eventName != \"x\"", false)]
    [InlineData("where eventName == \"x\"", false)]
    public void Only_a_search_that_ends_in_sort_is_ordered(string search, bool ordered)
    {
        var parsed = Compiler.Language.Parsing.QueryParser.Parse(search);
        var bound = Compiler.Language.Binding.QueryBinder.Bind(parsed.Query!, Compiler.Language.Binding.BindingContext.For(Ast.CloudTrail));
        Assert.Equal(ordered, RuleTestRunner.EndsInSort(bound));
    }
}
