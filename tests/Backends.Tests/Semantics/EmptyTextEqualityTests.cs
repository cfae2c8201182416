using RuleCompiler.Backends.Splunk.Emit;
using RuleCompiler.Backends.Tests.CSharp;
using RuleCompiler.Backends.Tests.Importers;
using RuleCompiler.Backends.Tests.Splunk;
using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Importers.Escu;
using RuleCompiler.Runtime.Values;
using Xunit;

namespace RuleCompiler.Backends.Tests.Semantics;

/// <summary>
/// An equality of texts that can hold with "" (semantics decision 1: null, missing and "" are one text value):
/// <c>x == ""</c> is true for a missing x, and <c>a == b</c> for two missing fields, in C# and KQL (whose string columns
/// hold "" for a missing value). SPL's == of a null is null, so the Splunk backend reads each side that may be missing
/// with <c>coalesce(x, "")</c>; the guards it writes for a non-empty constant stay, since null and "" both fail it.
/// </summary>
public class EmptyTextEqualityTests
{
    private const string Output = "\n| project user = eventID, src_ip = sourceIPAddress";

    private static string Event(string id, string? agent, string? message) =>
        "{\"eventTime\": \"2024-01-02T03:04:05Z\", \"eventID\": \"" + id + "\", \"eventName\": \"PutImage\""
        + (agent is null ? "" : ", \"userAgent\": \"" + agent + "\"")
        + (message is null ? "" : ", \"errorMessage\": \"" + message + "\"") + "}";

    private static readonly string[] Events =
        [Event("missing", null, null), Event("empty", "", ""), Event("agent-only", "aws-cli", null), Event("same", "aws-cli", "aws-cli"), Event("other", "aws-cli", "denied")];

    private static IEnumerable<string> CSharp(string search)
    {
        var parsed = QueryParser.Parse(search);
        Assert.True(parsed.Succeeded, string.Join("\n", parsed.Diagnostics));
        return RuleHarness.Run(parsed.Query!, Events).Select(r => r.GetTop("eventID").ToText());
    }

    private static string Spl(string search)
    {
        var (rule, checks) = SearchInRuleCopy.Compile(search + Output);
        Assert.DoesNotContain(checks, d => d.IsError);
        var result = SplEmitter.Emit(rule);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return result.Spl;
    }

    [Fact]
    public void Equality_with_the_empty_text_is_true_for_a_missing_field_in_csharp_and_splunk()
    {
        Assert.Equal(["missing", "empty"], CSharp("where userAgent == \"\"\n| project eventID"));
        Assert.Equal(["agent-only", "same", "other"], CSharp("where userAgent != \"\"\n| project eventID"));
        Assert.Contains("| where (coalesce(userAgent, \"\")==\"\")", Spl("where eventName == \"PutImage\" and userAgent == \"\""), StringComparison.Ordinal);
        Assert.Contains("| where NOT (coalesce(userAgent, \"\")==\"\")", Spl("where eventName == \"PutImage\" and userAgent != \"\""), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_missing_texts_are_equal_in_csharp_and_splunk()
    {
        Assert.Equal(["missing", "empty", "same"], CSharp("where userAgent == errorMessage\n| project eventID"));
        Assert.Contains("| where (coalesce(userAgent, \"\")==coalesce(errorMessage, \"\"))",
            Spl("where eventName == \"PutImage\" and userAgent == errorMessage"), StringComparison.Ordinal);
        Assert.Contains("| where (lower(coalesce(userAgent, \"\"))==lower(coalesce(errorMessage, \"\")))",
            Spl("where eventName == \"PutImage\" and userAgent =~ errorMessage"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_empty_constant_keeps_the_guard_which_null_and_empty_text_both_fail()
    {
        Assert.Contains("(isnotnull('requestParameters.repositoryName') AND 'requestParameters.repositoryName'==\"x y\")",
            Spl("where eventName == \"PutImage\" and tostring(requestParameters.repositoryName) == \"x y\""), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_missing_numbers_are_not_equal_in_csharp_as_in_kql_and_splunk()
    {
        // Only a text reads null as "": tolong of a missing or non-numeric text is null, and null numbers equal nothing.
        var parsed = QueryParser.Parse("where tolong(userAgent) == tolong(errorMessage)\n| project eventID");
        Assert.True(parsed.Succeeded, string.Join("\n", parsed.Diagnostics));
        Assert.Equal(["five"], RuleHarness.Run(parsed.Query!, [.. Events, Event("five", "5", "5"), Event("half", "5", null)]).Select(r => r.GetTop("eventID").ToText()));
        var negated = QueryParser.Parse("where tolong(userAgent) != tolong(errorMessage)\n| project eventID");
        Assert.Equal(["missing", "empty", "agent-only", "same", "other", "half"],
            RuleHarness.Run(negated.Query!, [.. Events, Event("five", "5", "5"), Event("half", "5", null)]).Select(r => r.GetTop("eventID").ToText()));
        Assert.True(Ops.EqualTyped(Value.Long(5), Value.Real(5.0)));
        Assert.False(Ops.EqualTyped(Value.Null, Value.Null));
        Assert.True(Ops.Equal(Value.Null, Value.Null)); // texts: null is ""
    }

    [Fact]
    public void The_round_trip_reads_the_coalesced_sides_as_the_plain_comparison()
    {
        Assert.Equal(
            SearchNormalizer.Normalize("where tolower(a) == b and c =~ \"\"\n"),
            SearchNormalizer.Normalize("where coalesce(tolower(a), \"\") == coalesce(b, \"\") and coalesce(c, \"\") =~ \"\"\n"));
        // A coalesce with another default, or of an expression with spaces at the top level, is not the convention.
        Assert.NotEqual(SearchNormalizer.Normalize("where a == b\n"), SearchNormalizer.Normalize("where coalesce(a, \"-\") == b\n"));
        EscuImporterTests.BindsRunsAndRoundTrips("`cloudtrail` eventName=PutImage | where userAgent==errorMessage OR userAgent==\"\" | table eventID userAgent");
    }
}
