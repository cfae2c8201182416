using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Functions;
using Xunit;

namespace RuleCompiler.Language.Tests.Binding;

public class CatalogueTests
{
    [Fact]
    public void Names_are_unique_lowercase_and_documented()
    {
        Assert.Equal(FunctionCatalogue.All.Length, FunctionCatalogue.All.Select(f => f.Name).Distinct().Count());
        foreach (var function in FunctionCatalogue.All)
        {
            Assert.Equal(function.Name.ToLowerInvariant(), function.Name);
            Assert.False(string.IsNullOrWhiteSpace(function.Description), function.Name);
            Assert.Contains(function.Name + "(", function.Example);
            Assert.True(function.MinArity <= function.MaxArity, function.Name);
            Assert.True(function.MaxArity == 0 || function.Parameters.Length > 0, function.Name);
            if (function.AliasOf is { } target) Assert.NotNull(FunctionCatalogue.Find(target));
        }
    }

    [Theory]
    [InlineData("strcat")] [InlineData("tolower")] [InlineData("toupper")] [InlineData("iif")] [InlineData("iff")]
    [InlineData("case")] [InlineData("coalesce")] [InlineData("split")] [InlineData("isempty")] [InlineData("isnotempty")]
    [InlineData("isnull")] [InlineData("isnotnull")] [InlineData("strlen")] [InlineData("substring")] [InlineData("replace_string")]
    [InlineData("extract")] [InlineData("tostring")] [InlineData("toint")] [InlineData("tolong")] [InlineData("toreal")]
    [InlineData("todouble")] [InlineData("tobool")] [InlineData("todatetime")] [InlineData("hourofday")] [InlineData("dayofweek")]
    [InlineData("now")] [InlineData("ago")] [InlineData("bin")] [InlineData("ipv4_is_in_range")] [InlineData("parse_json")]
    [InlineData("array_length")] [InlineData("format_datetime")] [InlineData("trim")] [InlineData("indexof")] [InlineData("strcat_array")]
    [InlineData("set_has_element")] [InlineData("count")] [InlineData("countif")] [InlineData("dcount")] [InlineData("min")]
    [InlineData("max")] [InlineData("sum")] [InlineData("avg")] [InlineData("make_set")] [InlineData("make_list")]
    [InlineData("arg_min")] [InlineData("arg_max")] [InlineData("take_any")]
    public void Required_functions_are_catalogued(string name) => Assert.NotNull(FunctionCatalogue.Find(name));

    [Fact]
    public void Variadic_parameters_cycle()
    {
        var @case = FunctionCatalogue.Find("case")!;
        Assert.Equal(TypeSet.Bool, @case.ParameterType(2, 5));
        Assert.Equal(TypeSet.Any, @case.ParameterType(3, 5));
        Assert.Equal(TypeSet.Any, @case.ParameterType(4, 5));
        var pack = FunctionCatalogue.Find("bag_pack")!;
        Assert.Equal(TypeSet.String, pack.ParameterType(2, 4));
        Assert.Equal(TypeSet.Any, pack.ParameterType(3, 4));
    }

    [Fact]
    public void Aggregates_are_marked()
    {
        string[] aggregates = ["count", "countif", "dcount", "min", "max", "sum", "avg", "make_set", "make_list", "arg_min", "arg_max", "take_any"];
        Assert.All(aggregates, name => Assert.True(FunctionCatalogue.Find(name)!.IsAggregate, name));
        Assert.False(FunctionCatalogue.Find("strcat")!.IsAggregate);
    }

    [Theory]
    [InlineData("eventName", "eventNmae", 1)]
    [InlineData("eventName", "EventName", 0)]
    [InlineData("abc", "abc", 0)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    public void Edit_distance(string a, string b, int expected) => Assert.Equal(expected, DidYouMean.Distance(a, b));

    [Fact]
    public void Suggestion_prefers_the_nearest_and_respects_the_limit()
    {
        Assert.Equal("awsRegion", DidYouMean.Closest("awsRegon", ["eventName", "awsRegion", "awsRegions"]));
        Assert.Null(DidYouMean.Closest("abc", ["xyz", "defabc"]));
        // A unique candidate it abbreviates is as plausible as a typo (the schema's "prod" for "production").
        Assert.Equal("abcdef", DidYouMean.Closest("abc", ["xyz", "abcdef"]));
        Assert.Null(DidYouMean.Closest("abc", ["abcdef", "abcxyz"]));
    }
}
