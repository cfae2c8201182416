using RuleCompiler.Backends.Splunk.Emit;
using Xunit;

namespace RuleCompiler.Backends.Tests.Splunk;

/// <summary>
/// The join shape the ESCU importer writes for eventstats (a let's rows joined with their own summarize on its keys,
/// the key copies dropped) compiles to SPL eventstats; the SPL is compared with
/// tests/Backends.Tests/Golden/SplunkEventStats/&lt;case&gt;.spl (RULEC_UPDATE_GOLDEN=1 rewrites them). Each rule is the
/// search of a copy of rules/aws/ecr/aws_ecr_container_upload_outside_business_hours.yml (its entities need user and
/// src_ip in the output).
/// </summary>
public class SplEventStatsTests
{
    private const string Output = "| project user, src_ip = sourceIPAddress";

    public static TheoryData<string, string> Cases => new()
    {
        {
            "filtered_two_keys",
            "let rows = (where eventName == \"ConsoleLogin\" | extend user = tostring(userIdentity.arn));\nrows\n"
            + "| join kind=leftouter (rows | where isnotempty(user) and isnotempty(sourceIPAddress) | summarize failures = countif(isnotempty(errorMessage)), regions = dcount(awsRegion), n = count(), mean = avg(todouble(requestParameters.maxResults)) by user, sourceIPAddress) on user, sourceIPAddress\n"
            + "| project-away user1, sourceIPAddress1\n| where failures > 5 and n > regions\n" + Output
        },
        {
            "unfiltered_first_stage",
            "join kind=leftouter (summarize first = min(_time), last = max(_time), agents = make_set(userAgent) by sourceIPAddress) on sourceIPAddress\n"
            + "| project-away sourceIPAddress1\n| where last - first > 1h\n| extend user = tostring(userIdentity.arn)\n" + Output
        },
        {
            "over_all_rows",
            "let rows = (where eventName == \"ConsoleLogin\" | summarize attempts = count() by user = tostring(userIdentity.arn), sourceIPAddress);\nrows\n"
            + "| extend rc_all_1 = true\n| join kind=leftouter (rows | summarize mean = avg(attempts), spread = stdev(attempts) | extend rc_all_1 = true) on rc_all_1\n"
            + "| project-away rc_all_1, rc_all_11\n| where attempts > mean + 3 * spread\n" + Output
        },
        {
            "event_time_key",
            "let rows = (where eventName == \"PutImage\" | extend _time = bin(_time, 10m));\nrows\n"
            + "| join kind=leftouter (rows | where isnotempty(_time) | summarize total = sum(toint(requestParameters.size)), spread = stdev(toint(requestParameters.size)) by _time) on _time\n"
            + "| project-away _time1\n| extend user = tostring(userIdentity.arn)\n" + Output
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheSelfJoinOfASummarizeIsEventstats(string name, string search)
    {
        var (rule, checks) = SearchInRuleCopy.Compile(search);
        Assert.DoesNotContain(checks, d => d.IsError);
        var result = SplEmitter.Emit(rule);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        SplGolden.Matches(result.Spl + "\n", "SplunkEventStats", name + ".spl");
        Assert.DoesNotContain("join", result.Spl, StringComparison.Ordinal);
    }
}
