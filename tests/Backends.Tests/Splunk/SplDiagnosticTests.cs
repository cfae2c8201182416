using RuleCompiler.Backends.Hosting;
using RuleCompiler.Backends.Splunk;
using RuleCompiler.Backends.Splunk.Emit;
using RuleCompiler.Backends.Tests.Cli;
using RuleCompiler.Compiler.Diagnostics;
using Xunit;

namespace RuleCompiler.Backends.Tests.Splunk;

/// <summary>
/// Each construct SPL cannot say with the rule's meaning is reported with its code at the construct's line and
/// column in the rule file (the search of a copy of rules/aws/ecr/aws_ecr_container_upload_outside_business_hours.yml
/// is replaced; its entities need user and src_ip in the output).
/// </summary>
public class SplDiagnosticTests
{
    private const string Output = "| project user = userIdentity.arn, src_ip = sourceIPAddress";

    public static TheoryData<string, string, string, string> Cases => new()
    {
        { SplDiagnostics.StageNotPortable, "join kind=inner", "join", "where eventName == \"PutImage\"\n| join kind=inner (where eventName == \"DeleteRepository\" | project eventID) on eventID\n" + Output },
        { SplDiagnostics.StageNotPortable, "join kind=", "join", "let rows = (where eventName == \"PutImage\");\nrows\n| join kind=inner (rows | summarize n = count() by eventName) on eventName\n| project-away eventName1\n" + Output }, // eventstats near miss: inner
        { SplDiagnostics.StageNotPortable, "join kind=", "join", "let rows = (where eventName == \"PutImage\");\nrows\n| join kind=leftouter (rows | where isnotempty(eventName) and isnotempty(awsRegion) | summarize n = count() by eventName) on eventName\n| project-away eventName1\n" + Output }, // eventstats near miss: other filter
        { SplDiagnostics.StageNotPortable, "join kind=", "join", "let rows = (where eventName == \"PutImage\");\nrows\n| join kind=leftouter (rows | summarize n = count() by eventName) on eventName\n" + Output }, // eventstats near miss: copies kept
        { SplDiagnostics.StageNotPortable, "join kind=", "join", "let rows = (where eventName == \"PutImage\");\nrows\n| join kind=leftouter (rows | summarize n = count() by eventName, awsRegion) on eventName\n| project-away eventName1, awsRegion1\n" + Output }, // eventstats near miss: fewer keys
        { SplDiagnostics.StageNotPortable, "join kind=", "join", "let rows = (where eventName == \"PutImage\");\nrows\n| where awsRegion == \"us-east-1\"\n| join kind=leftouter (rows | summarize n = count() by eventName) on eventName\n| project-away eventName1\n" + Output }, // eventstats near miss: other rows
        { SplDiagnostics.StageNotPortable, "join kind=", "join", "let rows = (where eventName == \"PutImage\" | extend n = 1);\nrows\n| join kind=leftouter (rows | summarize n = count() by eventName) on eventName\n| project-away eventName1\n" + Output }, // eventstats near miss: name taken
        { SplDiagnostics.StageNotPortable, "join kind=", "join", "let rows = (where eventName == \"PutImage\");\nrows\n| extend k = true\n| join kind=leftouter (rows | summarize n = count() | extend k = false) on k\n| project-away k, k1\n" + Output }, // eventstats near miss: another constant
        { SplDiagnostics.StageNotPortable, "join kind=", "join", "let rows = (where eventName == \"PutImage\");\nrows\n| extend k = true\n| join kind=leftouter (rows | summarize n = count() | extend k = true) on k\n| project-away k1\n" + Output }, // eventstats near miss: constant kept
        { SplDiagnostics.Differs, "| union", "union", "where eventName == \"PutImage\"\n| union (where eventName == \"DeleteRepository\")\n" + Output }, // append's subsearch caps
        { SplDiagnostics.FunctionNotPortable, "extend p", "indexof", "where eventName == \"PutImage\"\n| extend p = indexof(userAgent, \"x\")\n" + Output },
        { SplDiagnostics.FunctionNotPortable, "arg_min", "arg_min", "where eventName == \"PutImage\"\n| summarize arg_min(_time, userAgent) by user = userIdentity.arn, src_ip = sourceIPAddress" }, // the oldest event: a search returns the newest first
        { SplDiagnostics.NeedsConstant, "contains eventName", "eventName", "where eventName == \"PutImage\"\n| where userAgent contains eventName\n" + Output },
        { SplDiagnostics.ExpandWithoutRawEvent, "mv-expand", "mv-expand", "where eventName == \"PutImage\"\n| project user = userIdentity.arn, src_ip = sourceIPAddress, resources\n| mv-expand r = resources" },
        { SplDiagnostics.ListNotPortable, "@aws_ecr_users_asl", "@aws_ecr_users_asl", "where eventName == \"PutImage\" and userIdentity.arn in @aws_ecr_users_asl\n" + Output },
        { SplDiagnostics.ListNotPortable, "in pushers", "pushers", "let pushers = (where eventName == \"PutImage\" | project userIdentity.arn);\nwhere eventName == \"DeleteRepository\" and userIdentity.arn in pushers\n" + Output },
        { SplDiagnostics.ObjectValue, "tostring(requestParameters)", "requestParameters", "where eventName == \"PutImage\"\n| extend x = tostring(requestParameters)\n" + Output },
        { SplDiagnostics.Differs, "make_set", "make_set", "where eventName == \"PutImage\"\n| summarize names = make_set(eventName) by user = userIdentity.arn, src_ip = sourceIPAddress" },
        { SplDiagnostics.Differs, "extend weekday", "case", "where eventName == \"PutImage\"\n| extend weekday = case(dayofweek(_time) == 0d, \"Sunday\", dayofweek(_time) == 1d, \"Monday\", dayofweek(_time) == 2d, \"Tuesday\", dayofweek(_time) == 3d, \"Wednesday\", dayofweek(_time) == 4d, \"Thursday\", dayofweek(_time) == 5d, \"Friday\", dayofweek(_time) == 6d, \"Saturday\", \"\")\n" + Output }, // strftime's %A, in the user's time zone
        { SplDiagnostics.MemberListTest, "where requestParameters.Rule", "requestParameters", "where eventName == \"PutImage\"\n| where requestParameters.Rule[*].Days < 3\n" + Output },
        { SplDiagnostics.MemberListTest, "extend same", "requestParameters", "where eventName == \"PutImage\"\n| extend same = iif(requestParameters.Rule[*].ID =~ recipientAccountId, \"Match\", \"No Match\")\n" + Output }, // Splunk documents no any-value meaning of eval's operators on a multivalue field, nor of lower() on one
        { SplDiagnostics.Differs, "extend same", "recipientAccountId", "where eventName == \"PutImage\"\n| extend same = iif(requestParameters.Rule[*].ID == recipientAccountId, \"Match\", \"No Match\")\n" + Output }, // mvdedup's form: false for an empty value
        { SplDiagnostics.ObjectValue, "extend a = tostring(r.ARN)", "r.ARN", "where eventName == \"PutImage\"\n| extend r = resources[0]\n| extend a = tostring(r.ARN)\n" + Output }, // no field holds a computed object's member
        { SplDiagnostics.Differs, "extend r = resources[0]", "resources", "where eventName == \"PutImage\"\n| extend r = resources[0]\n" + Output }, // resources{} holds scalar elements only
        { SplDiagnostics.IndexedObjectArray, "resources[0]", "resources", "where eventName == \"PutImage\"\n| extend a = tostring(resources[0].ARN)\n" + Output },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReportedAtTheConstruct(string code, string lineMarker, string token, string search)
    {
        var repository = CliRunner.CopyRules();
        try
        {
            var file = Path.Combine(repository, "rules", "aws", "ecr", "aws_ecr_container_upload_outside_business_hours.yml");
            File.WriteAllText(file, ReplaceSearch(File.ReadAllText(file), search));
            var compilation = RuleCompilerHost.Compile([Path.Combine(repository, "rules")]);
            Assert.Equal(0, compilation.ErrorCount);
            var diagnostics = RuleCompilerHost.Check(new SplunkTarget(), compilation);

            var lines = File.ReadAllLines(file);
            var line = Array.FindIndex(lines, l => l.Contains(lineMarker, StringComparison.Ordinal));
            var column = lines[line].IndexOf(token, lines[line].IndexOf(lineMarker, StringComparison.Ordinal), StringComparison.Ordinal);
            var expected = $"({line + 1},{column + 1})";
            var found = diagnostics.Where(d => d.Code == code).ToList();
            Assert.True(found.Any(d => $"({d.Span.Line},{d.Span.Column})" == expected && d.Span.Path.EndsWith("aws_ecr_container_upload_outside_business_hours.yml", StringComparison.Ordinal)),
                $"expected {code} at {expected}; got:\n{string.Join("\n", diagnostics)}");
            Assert.Equal(code != SplDiagnostics.Differs && code != SplDiagnostics.IndexedObjectArray, found.Any(d => d.IsError));
        }
        finally
        {
            Directory.Delete(repository, recursive: true);
        }
    }

    [Fact]
    public void AnErrorStopsTheSplunkBuildAndWritesNothing()
    {
        var repository = CliRunner.CopyRules();
        var dist = Path.Combine(repository, "dist");
        try
        {
            var file = Path.Combine(repository, "rules", "aws", "ecr", "aws_ecr_container_upload_outside_business_hours.yml");
            File.WriteAllText(file, ReplaceSearch(File.ReadAllText(file), "where eventName == \"PutImage\"\n| join kind=inner (where eventName == \"DeleteRepository\" | project eventID) on eventID\n" + Output));
            var (exit, _, error) = CliRunner.Run(repository, "build", "rules", "--target", "splunk", "--out", dist);
            Assert.Equal(1, exit);
            Assert.Contains("error RC4001", error, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(dist, "splunk")));
        }
        finally
        {
            Directory.Delete(repository, recursive: true);
        }
    }

    /// <summary>
    /// The rule text with its <c>search: |</c> block replaced by <paramref name="search"/>, and without its
    /// <c>tests:</c> (written for the old search; their expected columns are checked against the search, RC1330).
    /// </summary>
    internal static string ReplaceSearch(string rule, string search)
    {
        var lines = rule.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        RemoveBlock(lines, "tests:");
        var start = lines.FindIndex(l => l.StartsWith("search:", StringComparison.Ordinal));
        var end = lines.FindIndex(start + 1, l => l.Length > 0 && !l.StartsWith(' '));
        lines.RemoveRange(start + 1, end - start - 1);
        lines.InsertRange(start + 1, search.Split('\n').Select(l => "  " + l));
        return string.Join("\n", lines);
    }

    private static void RemoveBlock(List<string> lines, string key)
    {
        var start = lines.FindIndex(l => l.StartsWith(key, StringComparison.Ordinal));
        if (start < 0) return;
        var end = lines.FindIndex(start + 1, l => l.Length > 0 && !l.StartsWith(' ') && !l.StartsWith('-'));
        lines.RemoveRange(start, (end < 0 ? lines.Count : end) - start);
    }
}
