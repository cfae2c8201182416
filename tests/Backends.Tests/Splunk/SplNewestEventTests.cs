using RuleCompiler.Backends.Splunk.Emit;
using Xunit;

namespace RuleCompiler.Backends.Tests.Splunk;

/// <summary>
/// <c>summarize arg_max(_time, ...) by keys</c> over the raw events, the form the ESCU importer writes for dedup, is
/// SPL's dedup (a search returns its events newest first); the SPL is compared with
/// tests/Backends.Tests/Golden/SplunkNewestEvent/&lt;case&gt;.spl (RULEC_UPDATE_GOLDEN=1 rewrites them). Other row choices
/// stay refused (SplDiagnosticTests).
/// </summary>
public class SplNewestEventTests
{
    public static TheoryData<string, string> Cases => new()
    {
        // The whole event is kept: no table after dedup, and later stages still read the event's fields.
        { "whole_event", "where eventName == \"PutImage\"\n| summarize arg_max(_time, *) by user = tostring(userIdentity.arn), src_ip = sourceIPAddress\n| project user, src_ip, userAgent" },
        // Some columns carried: the row is those columns.
        { "some_columns", "where eventName == \"PutImage\"\n| summarize arg_max(_time, userAgent) by user = tostring(userIdentity.arn), src_ip = sourceIPAddress" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_newest_event_of_each_key_is_dedup(string name, string search)
    {
        var (rule, checks) = SearchInRuleCopy.Compile(search);
        Assert.DoesNotContain(checks, d => d.IsError);
        var result = SplEmitter.Emit(rule);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        SplGolden.Matches(result.Spl + "\n", "SplunkNewestEvent", name + ".spl");
        Assert.Contains("| dedup user src_ip", result.Spl, StringComparison.Ordinal);
        Assert.DoesNotContain("stats", result.Spl, StringComparison.Ordinal);
    }

    [Fact]
    public void After_a_summarize_the_rows_are_no_events_in_time_order_and_arg_max_stays_refused()
    {
        var (rule, _) = SearchInRuleCopy.Compile("where eventName == \"PutImage\"\n| summarize n = count(), _time = max(_time) by user = tostring(userIdentity.arn), src_ip = sourceIPAddress\n| summarize arg_max(_time, n) by user, src_ip");
        var result = SplEmitter.Emit(rule);
        Assert.Contains(result.Diagnostics, d => d.Code == SplDiagnostics.FunctionNotPortable && d.IsError);
    }
}
