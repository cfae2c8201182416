using RuleCompiler.Backends.Splunk.Emit;
using Xunit;

namespace RuleCompiler.Backends.Tests.Splunk;

/// <summary>
/// An extend of <c>iif(F matches regex "re", extract("re", n, F), previous)</c> columns compiles to <c>rex field=F</c>
/// with group n named after its column, where that is what rex does: previous is the column's own value, or null for a
/// column the rows do not have (cleared with <c>eval x=null()</c> first over raw events, which may hold an undeclared
/// field of that name). The SPL is compared with tests/Backends.Tests/Golden/SplunkRex/&lt;case&gt;.spl
/// (RULEC_UPDATE_GOLDEN=1 rewrites them); any other form stays eval.
/// </summary>
public class SplRexTests
{
    private const string Keys = "user = tostring(userIdentity.arn), src_ip = sourceIPAddress";

    private static string Rex(string column, string pattern, int group, string subject, string otherwise) =>
        $"{column} = iif({subject} matches regex @\"{pattern}\", extract(@\"{pattern}\", {group}, {subject}), {otherwise})";

    public static TheoryData<string, string> Cases => new()
    {
        {
            "two_new_fields",
            "where eventName == \"PutBucketAcl\"\n| extend " + Rex("tool", @"^([\w-]+)/([\d.]+)", 1, "userAgent", "null") + ", "
            + Rex("version", @"^([\w-]+)/([\d.]+)", 2, "userAgent", "null") + "\n| summarize n = count() by tool, version, " + Keys
        },
        {
            // The field read keeps its value where the pattern does not match; an unnamed group keeps its place.
            "existing_field_and_unnamed_group",
            "where eventName == \"PutBucketAcl\"\n| extend " + Rex("userAgent", @"^(\w+)-(\w+)/", 2, "userAgent", "userAgent") + "\n| summarize n = count() by userAgent, " + Keys
        },
        {
            // \n?$ outside a group is PCRE's \Z (its $); the dialect's $ is the very end, \z; no $ reaches the SPL text.
            "end_anchors",
            "summarize n = count() by userAgent, " + Keys + "\n| extend " + Rex("tail", @"/(\w+)\n?$|^(x$)", 1, "userAgent", "null")
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_importers_form_of_rex_is_rex(string name, string search)
    {
        var (rule, checks) = SearchInRuleCopy.Compile(search);
        Assert.DoesNotContain(checks, d => d.IsError);
        var result = SplEmitter.Emit(rule);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        SplGolden.Matches(result.Spl + "\n", "SplunkRex", name + ".spl");
        Assert.Contains("\n| rex field=", result.Spl, StringComparison.Ordinal);
        Assert.DoesNotContain("$", result.Spl, StringComparison.Ordinal);
    }

    [Theory]
    // extract() alone gives "" where the pattern does not match; rex would leave the field as it was.
    [InlineData("extend tool = extract(@\"^(\\w+)/\", 1, userAgent)")]
    [InlineData("extend tool = iif(userAgent matches regex @\"^(\\w+)/\", extract(@\"^(\\w+)/\", 1, userAgent), \"\")")]
    // Null where it does not match, but the rows already hold userAgent: rex would keep it.
    [InlineData("extend userAgent = iif(userAgent matches regex @\"^(\\w+)/\", extract(@\"^(\\w+)/\", 1, userAgent), null)")]
    // Another column's value, another pattern in the test, another field, a column that reads one set before it.
    [InlineData("extend tool = iif(userAgent matches regex @\"^(\\w+)/\", extract(@\"^(\\w+)/\", 1, userAgent), eventName)")]
    [InlineData("extend tool = iif(userAgent matches regex @\"^(\\w+)\", extract(@\"^(\\w+)/\", 1, userAgent), null)")]
    [InlineData("extend tool = iif(userAgent matches regex @\"^(\\w+)/\", extract(@\"^(\\w+)/\", 1, eventName), null)")]
    [InlineData("extend userAgent = iif(userAgent matches regex @\"^(\\w+)/(\\w+)\", extract(@\"^(\\w+)/(\\w+)\", 1, userAgent), userAgent), v = iif(userAgent matches regex @\"^(\\w+)/(\\w+)\", extract(@\"^(\\w+)/(\\w+)\", 2, userAgent), null)")]
    // A named group: .NET numbers it after the unnamed ones, so its number is not the one PCRE gives it.
    [InlineData("extend tool = iif(userAgent matches regex @\"(?<n>\\w+)/(\\w+)\", extract(@\"(?<n>\\w+)/(\\w+)\", 1, userAgent), null)")]
    public void Other_forms_stay_eval(string extend)
    {
        var (rule, checks) = SearchInRuleCopy.Compile("where eventName == \"PutBucketAcl\"\n| " + extend + "\n| summarize n = count() by tool = tostring(userAgent), " + Keys);
        Assert.DoesNotContain(checks, d => d.IsError);
        var result = SplEmitter.Emit(rule);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.DoesNotContain("rex ", result.Spl, StringComparison.Ordinal);
    }
}
