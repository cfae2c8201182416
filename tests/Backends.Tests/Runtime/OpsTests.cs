using RuleCompiler.Runtime.Rows;
using RuleCompiler.Runtime.Values;
using Xunit;

namespace RuleCompiler.Backends.Tests.Runtime;

public class OpsTests
{
    private static readonly Value Missing = Json.Field("""{"a":1}""", "nope");

    [Fact]
    public void MissingFieldAndPathThroughScalarAreNull()
    {
        Assert.True(Missing.IsNull);
        Assert.True(Json.Field("""{"a":"x"}""", "a", PathStep.Member("b")).IsNull);
        Assert.True(Json.Field("""{"a":null}""", "a").IsNull);
        Assert.True(Json.Field("""{"a":[1,2]}""", "a", PathStep.At(5)).IsNull);
        Assert.Equal(2L, Json.Field("""{"a":[1,2]}""", "a", PathStep.At(-1)).AsLong);
        Assert.Equal("v", Json.Field("""{"a":{"x-y":"v"}}""", "a", PathStep.Member("x-y")).AsString);
    }

    [Fact]
    public void NullReadsAsEmptyStringForStringOperators()
    {
        Assert.True(Ops.Equal(Missing, ""));
        Assert.True(Ops.NotEqual(Missing, "a"));
        Assert.False(Ops.Equal(Missing, "a"));
        Assert.True(Ops.StartsWith(Missing, ""));
        Assert.False(Ops.Contains(Missing, "a"));
        Assert.True(Ops.Contains(Missing, ""));
        Assert.True(Ops.EqualCi(Missing, ""));
    }

    [Fact]
    public void EqualityIsCaseSensitiveAndTildeFormsIgnoreCase()
    {
        Assert.False(Ops.Equal("PutImage", "putimage"));
        Assert.True(Ops.EqualCi("PutImage", "putimage"));
        Assert.True(Ops.NotEqualCi("PutImage", "PutImages"));
        Assert.True(Ops.Contains("DescribeImageScanFindings", "SCAN"));
        Assert.False(Ops.ContainsCs("DescribeImageScanFindings", "SCAN"));
        Assert.True(Ops.StartsWith("arn:aws:iam", "ARN:"));
        Assert.False(Ops.StartsWithCs("arn:aws:iam", "ARN:"));
        Assert.True(Ops.EndsWith("image.TAR", ".tar"));
        Assert.False(Ops.EndsWithCs("image.TAR", ".tar"));
    }

    [Fact]
    public void CaseInsensitiveIsOrdinalNotCultural()
    {
        // Turkish dotless i and German sharp s do not fold to ASCII under ordinal ignore-case.
        Assert.False(Ops.EqualCi("\u0131", "I"));
        Assert.False(Ops.EqualCi("stra\u00dfe", "STRASSE"));
        Assert.True(Ops.EqualCi("\u00e9T\u00e9", "\u00c9t\u00c9"));
    }

    [Theory]
    [InlineData("the admin user", "admin", true)]
    [InlineData("the administrator", "admin", false)]
    [InlineData("sysadmin", "admin", false)]
    [InlineData("admin", "admin", true)]
    [InlineData("user/Admin-x", "admin", true)]
    [InlineData("a_admin", "admin", true)]
    [InlineData("admin1 admin", "admin", true)]
    [InlineData("", "admin", false)]
    public void HasMatchesWholeTermsIgnoringCase(string text, string term, bool expected)
    {
        Assert.Equal(expected, Ops.Has(text, term));
        Assert.Equal(!expected, !Ops.Has(text, term));
    }

    [Fact]
    public void HasCsIsCaseSensitive()
    {
        Assert.True(Ops.HasCs("Root login", "Root"));
        Assert.False(Ops.HasCs("Root login", "root"));
    }

    [Fact]
    public void NumbersCompareNumericallyAndStringLiteralsCompareJsonText()
    {
        Assert.True(Ops.Equal(Json.Value("5"), 5L));
        Assert.True(Ops.Equal(Json.Value("5"), 5.0));
        Assert.True(Ops.Equal(Json.Value("false"), "false"));
        Assert.True(Ops.Equal(Json.Value("false"), false));
        Assert.False(Ops.Equal(Json.Value("true"), false));
        Assert.True(Ops.Equal(Json.Value("42"), "42"));
        Assert.True(Ops.Less(Json.Value("9"), 10L));
        Assert.True(Ops.Greater(Json.Value("10.5"), 10L));
    }

    [Fact]
    public void OrderingWithNullIsFalseBothWays()
    {
        Assert.False(Ops.Less(Missing, 1L));
        Assert.False(Ops.GreaterOrEqual(Missing, 1L));
        Assert.False(Ops.Less(1L, Missing));
        Assert.False(Ops.Between(Missing, 1L, 5L));
    }

    [Fact]
    public void StringsOrderOrdinalAndDatetimesByTime()
    {
        Assert.True(Ops.Less("B", "a"));
        var t = Value.DateTime(new DateTime(2024, 5, 25, 21, 14, 0, DateTimeKind.Utc));
        Assert.True(Ops.Greater(t, "2024-05-25T21:13:59Z"));
        Assert.True(Ops.Equal(t, "2024-05-25T21:14:00Z"));
        Assert.True(Ops.Less(t, Value.DateTime(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc))));
    }

    [Fact]
    public void ArraysOnTheLeftMatchWhenAnyElementDoes()
    {
        var findings = Json.Value("""["LOW","MEDIUM","HIGH"]""");
        Assert.True(Ops.Equal(findings, "MEDIUM"));
        Assert.True(Ops.EqualCi(findings, "medium"));
        Assert.False(Ops.Equal(findings, "CRITICAL"));
        Assert.True(Ops.NotEqual(findings, "CRITICAL"));
        Assert.False(Ops.NotEqual(findings, "LOW")); // negation is "no element equals"
        Assert.True(Ops.Has(Json.Value("""["a b","c"]"""), "b"));
        Assert.True(Ops.In(findings, ValueSet.OfStrings(false, "HIGH", "CRITICAL")));
        Assert.True(Ops.Greater(Json.Value("[1, 7]"), 5L));
        // An empty array behaves like null.
        Assert.True(Ops.Equal(Json.Value("[]"), ""));
        Assert.True(Ops.NotEqual(Json.Value("[]"), "x"));
        Assert.False(Ops.Contains(Json.Value("[]"), "x"));
        Assert.False(Ops.Greater(Json.Value("[]"), 1L));
        Assert.True(Ops.In(Value.Array([]), ValueSet.OfStrings(false, "")));
    }

    [Fact]
    public void MemberPathsBelowArraysAreNull()
    {
        // docs/semantics.md decision 3 and warning RC2530: index the array or mv-expand it.
        const string evt = """{"resources":[{"ARN":"arn:aws:s3:::prod-logs"},{"type":"x"},{"ARN":"arn:aws:s3:::dev"}]}""";
        var arns = Json.Field(evt, "resources", PathStep.Member("ARN"));
        Assert.True(arns.IsNull);
        Assert.False(Ops.Has(arns, "prod"));
        Assert.Equal("arn:aws:s3:::dev", Json.Field(evt, "resources", PathStep.At(-1), PathStep.Member("ARN")).AsString);
        Assert.True(Json.Field("""{"resources":[]}""", "resources", PathStep.Member("ARN")).IsNull);
    }

    [Fact]
    public void InAndInCiAndNumbers()
    {
        var set = ValueSet.OfStrings(false, "PutImage", "BatchDeleteImage");
        Assert.True(Ops.In("PutImage", set));
        Assert.False(Ops.In("putimage", set));
        Assert.True(Ops.In("putimage", ValueSet.OfStrings(true, "PutImage")));
        Assert.False(Ops.In(Missing, set));
        Assert.True(Ops.In(Missing, ValueSet.OfStrings(false, "")));
        Assert.True(Ops.In(Json.Value("3"), ValueSet.Of(false, 1L, 3L)));
        Assert.True(Ops.In(Json.Value("3.0"), ValueSet.Of(false, 3L)));
        Assert.True(Ops.In(Json.Value("3"), ValueSet.Of(false, "3")));
        Assert.True(Ops.In("b", ValueSet.Of(false, Json.Value("""["a","b"]"""))));
    }

    [Fact]
    public void BetweenIsInclusive()
    {
        Assert.True(Ops.Between(8L, 8L, 20L));
        Assert.True(Ops.Between(20L, 8L, 20L));
        Assert.False(Ops.Between(21L, 8L, 20L));
        Assert.True(Ops.Between(TimeSpan.FromHours(2), TimeSpan.FromHours(1), TimeSpan.FromHours(3)));
    }

    [Fact]
    public void RegexIsAnUnanchoredCaseSensitiveSearch()
    {
        var re = Ops.Regex("[0-9]{12}");
        Assert.True(Ops.Matches("arn:aws:iam::123456789012:root", re));
        Assert.False(Ops.Matches("arn:aws:iam::12345:root", re));
        Assert.False(Ops.Matches("ABC", Ops.Regex("abc")));
        Assert.Same(re, Ops.Regex("[0-9]{12}"));
        Assert.True(Ops.Matches(Missing, Ops.Regex("^$")));
    }

    [Fact]
    public void ArithmeticOnNullsAndKinds()
    {
        Assert.Equal(5L, Arithmetic.Add(2L, 3L).AsLong);
        Assert.Equal(ValueKind.Real, Arithmetic.Add(2L, 0.5).Kind);
        Assert.True(Arithmetic.Add(Missing, 1L).IsNull);
        Assert.True(Arithmetic.Divide(1L, 0L).IsNull);
        Assert.True(Arithmetic.Modulo(1L, 0L).IsNull);
        Assert.Equal(0L, Arithmetic.Modulo(long.MinValue, -1L).AsLong);
        var t = Value.DateTime(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(TimeSpan.FromHours(1), Arithmetic.Subtract(Arithmetic.Add(t, TimeSpan.FromHours(1)), t).AsTimeSpan);
        Assert.Equal(-3L, Arithmetic.Negate(3L).AsLong);
    }

    [Fact]
    public void ValueTextIsJsonText()
    {
        Assert.Equal("", Missing.ToText());
        Assert.Equal("true", Json.Value("true").ToText());
        Assert.Equal("1.5", Json.Value("1.5").ToText());
        Assert.Equal("""{"a":[1,"x"]}""", Json.Value("""{ "a" : [1, "x"] }""").ToText());
        Assert.Equal("2024-05-25T21:14:00Z", Value.DateTime(new DateTime(2024, 5, 25, 21, 14, 0, DateTimeKind.Utc)).ToText());
    }

    [Fact]
    public void IsTrueOnlyForTrue()
    {
        Assert.True(Ops.IsTrue(true));
        Assert.False(Ops.IsTrue(false));
        Assert.False(Ops.IsTrue(Missing));
        Assert.True(Ops.IsTrue(Json.Value("\"true\"")));
    }
}
