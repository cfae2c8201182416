using RuleCompiler.Importers.Escu;
using Xunit;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary>
/// The Splunk backend's guards that the round trip reads as conventions, inside an iif and on computed operands: only
/// where the guarded comparison implies the guard.
/// </summary>
public sealed class SearchNormalizerGuardTests
{
    private static IReadOnlyList<string> N(string search) => SearchNormalizer.Normalize(search + "\n");

    [Fact]
    public void A_match_guard_goes_when_the_pattern_cannot_match_empty_text()
    {
        Assert.Equal(
            N("extend d = iif(strcat_array(r[*].Id, \",\") matches regex \":\\\\d+:instance/\", 1, 0)"),
            N("extend d = iif(isnotempty(strcat_array(r[*].Id, \",\")) and strcat_array(r[*].Id, \",\") matches regex \":\\\\d+:instance/\", 1, 0)"));
        Assert.Equal(N("where a matches regex \"x\\\"y\""), N("where isnotempty(a) and a matches regex \"x\\\"y\""));
    }

    [Fact]
    public void A_match_guard_of_a_nested_expression_goes_the_add_ons_errorCode_under_case()
    {
        const string ErrorCode = "coalesce(errorCode, iif(isnotempty(r.ConsoleLogin) and r.ConsoleLogin == \"Failure\", \"failure\", \"success\"))";
        Assert.Equal(
            N($"extend k = case({ErrorCode} matches regex \"Denied\", \"denied\", \"other\")"),
            N($"extend k = case(isnotempty({ErrorCode}) and {ErrorCode} matches regex \"Denied\", \"denied\", \"other\")"));
        // A guard of a longer or shorter expression than the one matched stays.
        Assert.NotEqual(
            N($"extend k = case({ErrorCode} matches regex \"Denied\", \"denied\", \"other\")"),
            N($"extend k = case(isnotempty(errorCode) and {ErrorCode} matches regex \"Denied\", \"denied\", \"other\")"));
    }

    [Fact]
    public void A_null_text_read_as_empty_under_a_text_test_is_the_language_s_own_reading()
    {
        Assert.Equal(N("where a matches regex \".*\""), N("where coalesce(a, \"\") matches regex \".*\""));
        Assert.Equal(N("where a in~ (\"x\", \"\")"), N("where coalesce(a, \"\") in~ (\"x\", \"\")"));
        // Another default is a value of its own.
        Assert.NotEqual(N("where a matches regex \".*\""), N("where coalesce(a, \"x\") matches regex \".*\""));
    }

    [Fact]
    public void The_guards_of_a_pattern_read_from_the_data_go_only_around_that_match()
    {
        Assert.Equal(N("where a.b matches regex c.d"), N("where isnotempty(a.b) and isnotempty(c.d) and a.b matches regex c.d"));
        Assert.NotEqual(N("where a.b matches regex c.d"), N("where isnotempty(a.b) and isnotempty(e) and a.b matches regex c.d"));
    }

    [Fact]
    public void A_match_guard_stays_when_the_pattern_matches_empty_text_or_is_not_read()
    {
        // "" matches ".*" and "x?": without the guard an empty value would match, with it not.
        Assert.NotEqual(N("where a matches regex \".*\""), N("where isnotempty(a) and a matches regex \".*\""));
        Assert.NotEqual(N("where a matches regex \"x?\""), N("where isnotempty(a) and a matches regex \"x?\""));
        // An escape other than \\ and \" is not decoded, so nothing is assumed about the pattern.
        Assert.NotEqual(N("where a matches regex \"x\\ty\""), N("where isnotempty(a) and a matches regex \"x\\ty\""));
        // The guard of another operand is no guard of the match.
        Assert.NotEqual(N("where b matches regex \"x\""), N("where isnotempty(a) and b matches regex \"x\""));
    }

    [Fact]
    public void An_equality_guard_on_a_key_with_a_slash_goes_and_an_ordering_guard_inside_an_iif_goes()
    {
        Assert.Equal(
            N("extend r = iif(p[\"aws/x/role\"] == \"ACTOR\", 1, 0)"),
            N("extend r = iif(isnotempty(p[\"aws/x/role\"]) and p[\"aws/x/role\"] == \"ACTOR\", 1, 0)"));
        Assert.Equal(
            N("extend o = iif(a > m + s * t, 1, 0)"),
            N("extend o = iif(isnotempty(m + s * t) and a > m + s * t, 1, 0)"));
        // Not when the comparison is with another operand.
        Assert.NotEqual(
            N("extend o = iif(a > m + s, 1, 0)"),
            N("extend o = iif(isnotempty(m + s * t) and a > m + s, 1, 0)"));
    }

    [Fact]
    public void The_null_guards_of_an_equality_of_two_fields_go_only_when_they_guard_those_two_fields()
    {
        // The Splunk backend's if((isnotnull(a) AND isnotnull(b) AND a==b), 0, 1), as the SPL reader reads it.
        Assert.Equal(
            N("extend f = iif(userIdentity.userName == requestParameters.userName, 0, 1)"),
            N("extend f = iif(isnotempty(userIdentity.userName) and isnotempty(requestParameters.userName) and userIdentity.userName == requestParameters.userName, 0, 1)"));
        Assert.Equal(N("where a == b"), N("where isnotempty(a) and isnotempty(b) and a == b"));
        // Guards of other fields, of one field only, or before a longer operand are conditions of their own.
        Assert.NotEqual(N("where a == b"), N("where isnotempty(a) and isnotempty(c) and a == b"));
        Assert.NotEqual(N("where a == b.c"), N("where isnotempty(a) and isnotempty(b) and a == b.c"));
        Assert.NotEqual(N("where a == b"), N("where isnotempty(a) and a == b"));
        Assert.NotEqual(N("where a != b"), N("where isnotempty(a) and isnotempty(b) and a != b"));
    }
}
