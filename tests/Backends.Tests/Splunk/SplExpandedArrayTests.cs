using RuleCompiler.Backends.Splunk.Emit;
using Xunit;

namespace RuleCompiler.Backends.Tests.Splunk;

/// <summary>
/// A column copied from a path below an event's dynamic field and mv-expanded later (with only where stages between)
/// is an array, which Splunk holds only as its leaves: it is read with <c>spath path=a.b{} output=x</c>, never renamed
/// from a field Splunk does not have.
/// </summary>
public class SplExpandedArrayTests
{
    private const string Output = "| extend uri = parse_json(g).Grantee.URI\n| summarize n = count() by uri = tostring(uri), user = tostring(userIdentity.arn), src_ip = sourceIPAddress";

    private static string[] Lines(string search)
    {
        var (rule, checks) = SearchInRuleCopy.Compile(search + "\n" + Output);
        Assert.DoesNotContain(checks, d => d.IsError);
        var result = SplEmitter.Emit(rule);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return result.Spl.Split('\n');
    }

    [Fact]
    public void An_array_expanded_after_a_where_is_read_with_spath()
    {
        var lines = Lines("where eventName == \"PutBucketAcl\"\n| extend g = requestParameters.AccessControlPolicy.AccessControlList.Grant\n| where isnotempty(g)\n| mv-expand g");
        Assert.Equal("| spath path=requestParameters.AccessControlPolicy.AccessControlList.Grant{} output=g", lines[1]);
        Assert.Equal("| mvexpand g", lines[3]);
        Assert.DoesNotContain(lines, l => l.StartsWith("| rename requestParameters", StringComparison.Ordinal));
    }

    [Fact]
    public void A_copy_that_is_not_expanded_stays_a_rename()
    {
        var (rule, checks) = SearchInRuleCopy.Compile("where eventName == \"PutBucketAcl\"\n| extend b = requestParameters.bucketName\n"
            + "| summarize n = count() by b, user = tostring(userIdentity.arn), src_ip = sourceIPAddress");
        Assert.DoesNotContain(checks, d => d.IsError);
        var lines = SplEmitter.Emit(rule).Spl.Split('\n');
        Assert.Contains("| rename requestParameters.bucketName as b", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("| spath", StringComparison.Ordinal));
    }
}
