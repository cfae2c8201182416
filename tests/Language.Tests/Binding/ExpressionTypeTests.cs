using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Syntax;
using Xunit;
using static RuleCompiler.Language.Tests.Binding.Ast;
using static RuleCompiler.Language.Tests.Binding.Assertions;

namespace RuleCompiler.Language.Tests.Binding;

public class ExpressionTypeTests
{
    private static ScalarType TypeOfExtended(Expression value)
    {
        var bound = TestSources.Bind(Q(Extend(A("x", value))));
        NoDiagnostics(bound);
        return bound.TypeOf(value);
    }

    [Fact]
    public void Function_results_follow_the_catalogue()
    {
        Assert.Equal(ScalarType.String, TypeOfExtended(Call("strcat", F("eventName"), S("/"), L(1))));
        Assert.Equal(ScalarType.Long, TypeOfExtended(Call("strlen", F("userAgent"))));
        Assert.Equal(ScalarType.Dynamic, TypeOfExtended(Call("split", F("userIdentity.arn"), S("/"))));
        Assert.Equal(ScalarType.DateTime, TypeOfExtended(Call("bin", F("_time"), Dur(TimeSpan.FromHours(1)))));
        Assert.Equal(ScalarType.Long, TypeOfExtended(Call("hourofday", F("_time"))));
        Assert.Equal(ScalarType.TimeSpan, TypeOfExtended(Call("dayofweek", F("_time"))));
        Assert.Equal(ScalarType.String, TypeOfExtended(Call("iif", Call("isempty", F("errorCode")), S("ok"), S("failed"))));
        Assert.Equal(ScalarType.Real, TypeOfExtended(Call("iif", Bool(true), L(1), Call("toreal", S("2.5")))));
        Assert.Equal(ScalarType.String, TypeOfExtended(Call("case", Eq(F("awsRegion"), S("a")), S("x"), Eq(F("awsRegion"), S("b")), S("y"), S("z"))));
        Assert.Equal(ScalarType.String, TypeOfExtended(Call("coalesce", Null(), F("userIdentity.arn"), S("-"))));
    }

    [Fact]
    public void Arithmetic_types()
    {
        Assert.Equal(ScalarType.Long, TypeOfExtended(Bin(BinaryOperator.Add, L(1), L(2))));
        Assert.Equal(ScalarType.Real, TypeOfExtended(Bin(BinaryOperator.Multiply, L(1), Call("toreal", S("2")))));
        Assert.Equal(ScalarType.TimeSpan, TypeOfExtended(Bin(BinaryOperator.Subtract, Call("now"), F("_time"))));
        Assert.Equal(ScalarType.DateTime, TypeOfExtended(Bin(BinaryOperator.Subtract, Call("now"), Dur(TimeSpan.FromHours(1)))));
    }

    [Fact]
    public void Adding_strings_is_an_error_that_points_to_strcat()
    {
        var sum = Bin(BinaryOperator.Add, F("eventName"), S("x"));
        var diagnostic = Single(TestSources.Bind(Q(Extend(A("x", sum)))), BindingCodes.OperandType, sum.Span);
        Assert.Contains("strcat", diagnostic.Message);
    }

    [Fact]
    public void Unknown_function_suggests_the_nearest_name()
    {
        var call = Call("tolowr", F("eventName"));
        var diagnostic = Single(TestSources.Bind(Q(Extend(A("x", call)))), BindingCodes.UnknownFunction, call.Span);
        Assert.Contains("did you mean 'tolower'?", diagnostic.Message);
    }

    [Fact]
    public void Wrong_arity_is_reported_on_the_call()
    {
        var call = Call("substring", F("eventName"));
        var diagnostic = Single(TestSources.Bind(Q(Extend(A("x", call)))), BindingCodes.WrongArity, call.Span);
        Assert.Contains("2..3", diagnostic.Message);
    }

    [Fact]
    public void Case_needs_an_odd_number_of_arguments()
    {
        Single(TestSources.Bind(Q(Extend(A("x", Call("case", Bool(true), S("a")))))), BindingCodes.WrongArity);
    }

    [Fact]
    public void Argument_type_mismatch_points_at_the_argument()
    {
        var argument = S("14d");
        Single(TestSources.Bind(Q(Where(Bin(BinaryOperator.Greater, F("_time"), Call("ago", argument))))), BindingCodes.ArgumentType, argument.Span);
    }

    [Fact]
    public void Dynamic_arguments_are_accepted_anywhere()
    {
        NoDiagnostics(TestSources.Bind(Q(Where(Call("ipv4_is_in_range", F("requestParameters.ip"), S("10.0.0.0/8"))))));
    }

    [Fact]
    public void Comparing_a_bool_with_a_string_is_an_error_that_names_the_conversions()
    {
        // docs/semantics.md decision 2: no implicit comparison across types; the source's declared type decides.
        var comparison = Eq(F("readOnly"), S("false"));
        var diagnostic = Single(TestSources.Bind(Q(Where(comparison))), BindingCodes.ComparisonTypeMix, comparison.Span);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("tobool()", diagnostic.Message);
        NoDiagnostics(TestSources.Bind(Q(Where(Eq(F("readOnly"), Call("tobool", S("false")))))));
    }

    [Fact]
    public void A_string_operator_with_a_bool_or_number_on_the_left_is_an_error_that_names_tostring()
    {
        // Kusto defines =~ and contains for strings only; a bool's text ("true") is the rule's choice, made with tostring().
        foreach (var op in new[] { BinaryOperator.EqualCi, BinaryOperator.Contains })
        {
            var comparison = Bin(op, F("readOnly"), S("true"));
            var diagnostic = Single(TestSources.Bind(Q(Where(comparison))), BindingCodes.ComparisonTypeMix, comparison.Left.Span);
            Assert.Contains("tostring()", diagnostic.Message);
            NoDiagnostics(TestSources.Bind(Q(Where(Bin(op, Call("tostring", F("readOnly")), S("true"))))));
        }
    }

    [Fact]
    public void Ordering_a_datetime_against_a_string_is_an_error()
    {
        var comparison = Bin(BinaryOperator.Greater, F("_time"), S("2024-05-25T21:14:00+02:00"));
        var diagnostic = Single(TestSources.Bind(Q(Where(comparison))), BindingCodes.ComparisonTypeMix, comparison.Span);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("todatetime()", diagnostic.Message);
    }

    [Fact]
    public void Comparing_numbers_of_different_kinds_is_fine()
    {
        NoDiagnostics(TestSources.Bind(Q(Where(Eq(Call("strlen", F("eventName")), Call("toreal", S("3")))))));
    }

    [Fact]
    public void Where_needs_a_bool()
    {
        var predicate = F("eventName");
        Single(TestSources.Bind(Q(Where(predicate))), BindingCodes.NotBoolean, predicate.Span);
    }

    [Fact]
    public void And_needs_bools()
    {
        var operand = L(1);
        Single(TestSources.Bind(Q(Where(And(Eq(F("eventName"), S("a")), operand)))), BindingCodes.NotBoolean, operand.Span);
    }

    [Fact]
    public void Aggregate_outside_summarize_is_an_error()
    {
        var call = Call("count");
        Single(TestSources.Bind(Q(Where(Bin(BinaryOperator.Greater, call, L(1))))), BindingCodes.AggregateOutsideSummarize, call.Span);
    }

    [Fact]
    public void Nested_aggregate_is_an_error()
    {
        var inner = Call("max", F("_time"));
        Single(TestSources.Bind(Q(Summarize([A("x", Call("min", inner))]))), BindingCodes.AggregateOutsideSummarize, inner.Span);
    }

    [Fact]
    public void Bare_column_in_summarize_aggregates_is_an_error()
    {
        var field = F("eventName");
        Single(TestSources.Bind(Q(Summarize([A("n", field)], A(F("awsRegion"))))), BindingCodes.AggregateNeeded, field.Span);
    }

    [Fact]
    public void Scalar_function_around_aggregates_is_fine()
    {
        var bound = TestSources.Bind(Q(Summarize([A("span", Bin(BinaryOperator.Subtract, Call("max", F("_time")), Call("min", F("_time"))))], A(F("awsRegion")))));
        NoDiagnostics(bound);
        Assert.Equal(ScalarType.TimeSpan, bound.OutputColumns[1].Type);
    }

    [Fact]
    public void Constant_summarize_item_needs_an_aggregate()
    {
        var value = L(1);
        Single(TestSources.Bind(Q(Summarize([A("one", value)]))), BindingCodes.AggregateNeeded, value.Span);
    }

    [Fact]
    public void Wildcard_outside_arg_max_is_an_error()
    {
        var star = Star();
        Single(TestSources.Bind(Q(Extend(A("x", Call("strcat", star))))), BindingCodes.StarOutsideArgMinMax, star.Span);
    }

    [Theory]
    [InlineData("(", BindingCodes.InvalidRegex)]
    [InlineData("[a-", BindingCodes.InvalidRegex)]
    [InlineData(@"(a)\1", BindingCodes.RegexNotRe2)]
    [InlineData(@"(?<x>a)\k<x>", BindingCodes.RegexNotRe2)]
    [InlineData("foo(?=bar)", BindingCodes.RegexNotRe2)]
    [InlineData("(?<!x)y", BindingCodes.RegexNotRe2)]
    [InlineData("(?>a+)", BindingCodes.RegexNotRe2)]
    public void Bad_regex_in_matches_is_reported_on_the_pattern(string pattern, string code)
    {
        var literal = S(pattern);
        Single(TestSources.Bind(Q(Where(Bin(BinaryOperator.MatchesRegex, F("userAgent"), literal)))), code, literal.Span);
    }

    [Fact]
    public void Bad_regex_in_extract_is_reported()
    {
        var literal = S("(?=x)");
        Single(TestSources.Bind(Q(Extend(A("x", Call("extract", literal, L(1), F("userAgent")))))), BindingCodes.RegexNotRe2, literal.Span);
    }

    [Fact]
    public void A_functions_regex_must_be_constant_and_matches_regex_reads_one_from_the_data_with_a_warning()
    {
        var pattern = F("userAgent");
        Single(TestSources.Bind(Q(Where(Eq(Call("extract", pattern, L(0), F("eventName")), S("x"))))), BindingCodes.RegexNotConstant, pattern.Span);
        var fromData = Single(TestSources.Bind(Q(Where(Bin(BinaryOperator.MatchesRegex, F("eventName"), pattern)))), BindingCodes.RegexFromData, pattern.Span);
        Assert.False(fromData.IsError);
    }

    [Fact]
    public void Regex_from_a_let_constant_is_checked()
    {
        var bound = TestSources.Bind(Q([Let("re", S(@"(a)\1"))], Where(Bin(BinaryOperator.MatchesRegex, F("eventName"), F("re")))));
        Single(bound, BindingCodes.RegexNotRe2);
    }

    [Theory]
    [InlineData(@"^arn:aws:iam::\d{12}:root$")]
    [InlineData(@"[\]\\(]+")]
    [InlineData(@"(?i)aws-cli/[0-9.]+ (?<python>Python/\S+)")]
    [InlineData(@"[^]a]")]
    public void Re2_compatible_patterns_pass(string pattern)
    {
        Assert.Null(RegexChecker.Check(pattern));
    }
}
