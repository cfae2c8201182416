using RuleCompiler.Backends.Splunk.Emit;
using Xunit;

namespace RuleCompiler.Backends.Tests.Splunk;

/// <summary>
/// union compiles to one <c>append [search ...]</c> per branch, each branch a search of its own over the data source,
/// with the warning RC4010 naming the subsearch caps. The SPL is compared with
/// tests/Backends.Tests/Golden/SplunkUnion/&lt;case&gt;.spl (RULEC_UPDATE_GOLDEN=1 rewrites them). Each rule is the search
/// of a copy of rules/aws/ecr/aws_ecr_container_upload_outside_business_hours.yml (its entities need user and src_ip).
/// </summary>
public class SplUnionTests
{
    private const string Output = "| project user = tostring(userIdentity.arn), src_ip = sourceIPAddress";

    public static TheoryData<string, string> Cases => new()
    {
        {
            "two_branches",
            "where eventName == \"PutImage\"\n| union (where eventName == \"DeleteRepository\" and awsRegion == \"us-east-1\" | extend gone = true), (where eventName =~ \"createrepository\")\n"
            + "| summarize n = count(), deleted = countif(gone) by user = tostring(userIdentity.arn), src_ip = sourceIPAddress"
        },
        {
            // The branch's column is read after the append under its own name, so the branch copies it with eval
            // (a rename would drop userIdentity.arn, which the main pipeline still reads).
            "branch_column_read_after",
            "where eventName == \"PutImage\"\n| union (where eventName == \"DeleteRepository\" | extend who = tostring(userIdentity.arn))\n"
            + "| project user = coalesce(who, tostring(userIdentity.arn)), src_ip = sourceIPAddress"
        },
        {
            // Members of an expanded element keep the column's name, as the main pipeline reads them after the append.
            "branch_expands_array",
            "where eventName == \"PutImage\"\n| mv-expand r = resources\n| union (where eventName == \"DeleteRepository\" | mv-expand r = resources)\n"
            + "| project user = tostring(r.ARN), src_ip = sourceIPAddress"
        },
        {
            // Brackets and pipes inside values stay inside quoted strings: the subsearch ends at the last bracket.
            "brackets_in_values",
            "where eventName == \"PutImage\"\n| union (where userAgent == \"a] | delete [search x\" or userAgent contains \"]\")\n" + Output
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void UnionIsOneAppendPerBranch(string name, string search)
    {
        var (rule, checks) = SearchInRuleCopy.Compile(search);
        Assert.DoesNotContain(checks, d => d.IsError);
        Assert.Contains(checks, d => d.Code == SplDiagnostics.Differs && d.Message.Contains("50,000 rows", StringComparison.Ordinal));

        var result = SplEmitter.Emit(rule);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        SplGolden.Matches(result.Spl + "\n", "SplunkUnion", name + ".spl");
        Assert.Equal(CountBranches(search), result.Spl.Split("| append [search `cloudtrail`").Length - 1);
    }

    private static int CountBranches(string search) => search.Contains("), (", StringComparison.Ordinal) ? 2 : 1;
}
