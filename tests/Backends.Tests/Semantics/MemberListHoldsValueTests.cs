using RuleCompiler.Backends.Splunk.Emit;
using RuleCompiler.Backends.Tests.CSharp;
using RuleCompiler.Backends.Tests.Importers;
using RuleCompiler.Backends.Tests.Splunk;
using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Importers.Escu;
using Xunit;

namespace RuleCompiler.Backends.Tests.Semantics;

/// <summary>
/// <c>list == value</c> of a member list and a computed text (ESCU's <c>requested_account_id==aws_account_id</c>, where
/// the first is <c>items{}.userId</c>): true when some value of the list is the value (semantics §5.2). C# compares
/// element by element; the Splunk backend writes <c>isnotnull(L) AND isnotnull(V) AND
/// mvcount(mvdedup(mvappend(L, V)))==mvcount(mvdedup(L))</c> and warns about an empty value; the ESCU importer reads
/// that whole, guarded form back as <c>L == V</c> and nothing less.
/// </summary>
public class MemberListHoldsValueTests
{
    private const string Search = "where eventName == \"ModifySnapshotAttribute\" and requestParameters.createVolumePermission.add.items[*].userId == recipientAccountId\n| project user = eventID, src_ip = sourceIPAddress";

    private const string List = "'requestParameters.createVolumePermission.add.items{}.userId'";

    private static string Event(string id, string? account, params string[] shared) =>
        "{\"eventTime\": \"2024-01-02T03:04:05Z\", \"eventID\": \"" + id + "\", \"eventName\": \"ModifySnapshotAttribute\""
        + (account is null ? "" : ", \"recipientAccountId\": \"" + account + "\"")
        + ", \"requestParameters\": {\"createVolumePermission\": {\"add\": {\"items\": ["
        + string.Join(", ", shared.Select(s => "{\"userId\": \"" + s + "\"}")) + "]}}}}";

    [Fact]
    public void Csharp_is_true_when_some_value_of_the_list_is_the_value()
    {
        var parsed = QueryParser.Parse(Search);
        Assert.True(parsed.Succeeded, string.Join("\n", parsed.Diagnostics));
        var rows = RuleHarness.Run(parsed.Query!,
            Event("second", "111", "222", "111"), Event("none", "111", "222", "333"), Event("empty-list", "111"),
            Event("no-account", null, "111"), Event("case", "abc", "ABC"), Event("only", "111", "111"));
        Assert.Equal(["second", "only"], rows.Select(r => r.GetTop("user").ToText()));
    }

    [Fact]
    public void Splunk_adds_the_value_to_the_list_and_compares_distinct_counts_with_a_warning_about_an_empty_value()
    {
        var (rule, checks) = SearchInRuleCopy.Compile(Search);
        Assert.DoesNotContain(checks, d => d.IsError);
        var result = SplEmitter.Emit(rule);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.Contains($"| where (isnotnull({List}) AND isnotnull(recipientAccountId) AND mvcount(mvdedup(mvappend({List}, recipientAccountId)))==mvcount(mvdedup({List})))",
            result.Spl, StringComparison.Ordinal);
        var warning = Assert.Single(result.Diagnostics, d => d.Code == SplDiagnostics.Differs);
        Assert.False(warning.IsError);
        Assert.Contains("empty value", warning.Message, StringComparison.Ordinal);

        // != is the negation of the whole guarded test: true for an empty list, as in the rule.
        var (negated, _) = SearchInRuleCopy.Compile(Search.Replace("userId == recipientAccountId", "userId != recipientAccountId", StringComparison.Ordinal));
        Assert.Contains($"| where NOT (isnotnull({List}) AND isnotnull(recipientAccountId) AND mvcount(", SplEmitter.Emit(negated).Spl, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=~")] // lower() of a multivalue field is not documented value by value
    [InlineData("<")]
    public void Other_comparisons_of_a_member_list_with_a_computed_value_stay_refused(string op)
    {
        var (rule, _) = SearchInRuleCopy.Compile(Search.Replace("userId == recipientAccountId", "userId " + op + " recipientAccountId", StringComparison.Ordinal));
        Assert.Contains(SplEmitter.Emit(rule).Diagnostics, d => d.Code == SplDiagnostics.MemberListTest && d.IsError);
    }

    [Fact]
    public void The_importer_reads_the_guarded_form_as_the_comparison()
    {
        Assert.Equal(
            "where eventName =~ \"ModifySnapshotAttribute\"\n| where requestParameters.createVolumePermission.add.items[*].userId == recipientAccountId\n| project eventID\n",
            EscuAddOnFieldsTests.Canonical($"`cloudtrail` eventName=ModifySnapshotAttribute | where isnotnull({List}) AND isnotnull(recipientAccountId) AND mvcount(mvdedup(mvappend({List}, recipientAccountId)))==mvcount(mvdedup({List})) | table eventID"));
    }

    [Theory]
    [InlineData($"mvcount(mvdedup(mvappend({List}, recipientAccountId)))==mvcount(mvdedup({List}))")] // no guards: a null value is undocumented
    [InlineData($"isnotnull({List}) AND mvcount(mvdedup(mvappend({List}, recipientAccountId)))==mvcount(mvdedup({List}))")] // one guard
    [InlineData($"isnotnull({List}) AND isnotnull(recipientAccountId) AND NOT mvcount(mvdedup(mvappend({List}, recipientAccountId)))==mvcount(mvdedup({List}))")]
    [InlineData($"isnotnull({List}) AND isnotnull(recipientAccountId) AND mvcount(mvdedup(mvappend({List}, recipientAccountId)))==mvcount(mvdedup('resources{{}}.ARN'))")] // another list
    [InlineData("isnotnull(eventName) AND isnotnull(recipientAccountId) AND mvcount(mvdedup(mvappend(eventName, recipientAccountId)))==mvcount(mvdedup(eventName))")] // not a multivalue field
    [InlineData($"isnotnull({List}) AND isnotnull(recipientAccountId) AND mvcount(mvdedup(mvappend({List}, recipientAccountId)))>mvcount(mvdedup({List}))")]
    [InlineData($"isnotnull({List}) AND mvcount(mvdedup({List}))==2")]
    public void Anything_short_of_the_whole_guarded_form_is_refused(string condition)
    {
        var result = SplQueryTranslator.Translate($"`cloudtrail` | where {condition} | table eventID", EscuScratch.Context);
        Assert.Null(result.Search);
        Assert.Contains(result.Diagnostics, d => d.Code is EscuDiagnosticCodes.UnsupportedFunction);
    }

    [Fact]
    public void Escu_eval_equality_of_a_multivalue_field_with_a_field_round_trips()
    {
        var verified = EscuImporterTests.Verify(
            "`cloudtrail` eventName=ModifySnapshotAttribute | rename requestParameters.createVolumePermission.add.items{}.userId as requested_account_id"
            + " | eval match=if(requested_account_id==recipientAccountId, \"Match\", \"No Match\") | table eventID requested_account_id match | where match=\"No Match\"");
        Assert.True(verified.Bound, verified.BindReason);
        Assert.True(verified.CSharpRan == true, verified.CSharpReason);
        Assert.True(verified.RoundTrip == true, verified.RoundTripReason);
    }
}
