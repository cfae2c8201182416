using RuleCompiler.Backends.Tests.Runtime;
using RuleCompiler.Runtime.Rows;
using RuleCompiler.Runtime.Values;
using Xunit;
using static RuleCompiler.Backends.Tests.CSharp.RuleHarness;

namespace RuleCompiler.Backends.Tests.CSharp;

public class PipelineTests(PipelineFixture rules) : IClassFixture<PipelineFixture>
{
    private static string Event(string name, string extra = "", string time = "2024-05-25T21:14:00Z") =>
        $$"""{"eventTime":"{{time}}","eventSource":"ecr.amazonaws.com","eventName":"{{name}}","awsRegion":"us-east-1"{{extra}}}""";

    private static string Findings(string repository, params string[] severities)
    {
        var findings = string.Join(",", severities.Select((s, i) => $"{{\"name\":\"CVE-{i}\",\"description\":\"d{i}\",\"severity\":\"{s}\"}}"));
        return Event(
            "DescribeImageScanFindings",
            $",\"requestParameters\":{{\"repositoryName\":\"{repository}\"}},\"userIdentity\":{{\"principalId\":\"AIDA1\"}}"
            + $",\"responseElements\":{{\"imageScanFindings\":{{\"findings\":[{findings}]}}}}");
    }

    [Fact]
    public void FindingsRuleGivesOneRowPerMediumFindingGroup()
    {
        var rows = Run(
            rules["EcrFindingsMedium"],
            Findings("web", "HIGH", "MEDIUM", "medium", "LOW"),
            Findings("api", "LOW"),
            Findings("db"), // no findings at all
            Event("PutImage"));
        Assert.Equal(2, rows.Count);
        Assert.Equal(
            "awsRegion=us-east-1, repository=web, user=AIDA1, finding_text=CVE-1, d1, firstTime=2024-05-25T21:14:00Z, lastTime=2024-05-25T21:14:00Z, count_=1",
            Text(rows[0]));
        Assert.Equal("CVE-2, d2", rows[1].GetTop("finding_text").AsString);
    }

    [Theory]
    [InlineData("2024-05-27T07:59:59Z", true)]  // Monday before 08:00
    [InlineData("2024-05-27T08:00:00Z", false)] // Monday at 08:00
    [InlineData("2024-05-27T19:59:59Z", false)]
    [InlineData("2024-05-27T20:00:00Z", true)]
    [InlineData("2024-05-25T12:00:00Z", true)]  // Saturday noon
    [InlineData("2024-05-26T12:00:00Z", true)]  // Sunday noon
    [InlineData("2024-05-24T12:00:00Z", false)] // Friday noon
    public void BusinessHoursBoundaries(string time, bool alert)
    {
        var rows = Run(rules["OutsideBusinessHours"], Event("PutImage", ""","userIdentity":{"arn":"arn:aws:iam::1:user/x"}""", time));
        Assert.Equal(alert ? 1 : 0, rows.Count);
        if (alert)
        {
            Assert.Equal(["user", "hour", "_time"], rows[0].Fields().Select(f => f.Key));
        }
    }

    [Fact]
    public void NamedListMembershipIgnoresCaseAndMissingUserIsUnknown()
    {
        var rows = Run(
            rules["UnknownPusher"],
            Event("PutImage", ""","userIdentity":{"arn":"ARN:AWS:IAM::111111111111:USER/CI-PUSHER"}"""),
            Event("PutImage", ""","userIdentity":{"arn":"arn:aws:iam::222222222222:user/mallory"}"""),
            Event("PutImage"));
        Assert.Equal(["arn:aws:iam::222222222222:user/mallory", ""], rows.Select(r => r.GetTop("user").ToText()));
    }

    [Fact]
    public void LetPipelineJoinMatchesCreateThenAttach()
    {
        var rows = Run(
            rules["CreateThenAttach"],
            """{"eventName":"CreatePolicy","userIdentity":{"userName":"eve"},"responseElements":{"policy":{"arn":"arn:p1"}}}""",
            """{"eventName":"CreatePolicy","userIdentity":{"userName":"bob"},"responseElements":{"policy":{"arn":"arn:p2"}}}""",
            """{"eventName":"AttachUserPolicy","requestParameters":{"policyArn":"arn:p1","userName":"target1"}}""",
            """{"eventName":"AttachUserPolicy","requestParameters":{"policyArn":"arn:other","userName":"target2"}}""");
        Assert.Equal("policy=arn:p1, target=target1, creator=eve", Text(Assert.Single(rows)));
    }

    [Fact]
    public void LeftAntiJoinWithLeftRightKeys()
    {
        var rows = Run(
            rules["DeletedNotCreated"],
            """{"eventName":"CreateBucket","requestParameters":{"bucketName":"a"}}""",
            """{"eventName":"DeleteBucket","requestParameters":{"bucketName":"a"}}""",
            """{"eventName":"DeleteBucket","requestParameters":{"bucketName":"b"}}""");
        Assert.Equal("bucket=b", Text(Assert.Single(rows)));
    }

    [Fact]
    public void UnionAppendsBranchRows()
    {
        var rows = Run(rules["UnionOfTwo"], """{"eventName":"DeleteTrail"}""", """{"eventName":"StopLogging"}""", """{"eventName":"Other"}""");
        Assert.Equal(["what=stop, eventName=StopLogging", "what=delete, eventName=DeleteTrail"], rows.Select(Text));
    }

    [Fact]
    public void ExtendProjectAwayRenameFillNullDistinctSortTake()
    {
        var rows = Run(
            rules["Shaping"],
            """{"eventSource":"iam.amazonaws.com","eventName":"DeleteUser"}""",
            """{"eventSource":"iam.amazonaws.com","eventName":"CreateUser","errorCode":"AccessDenied"}""",
            """{"eventSource":"iam.amazonaws.com","eventName":"CreateUser","errorCode":"AccessDenied"}""",
            """{"eventSource":"iam.amazonaws.com","eventName":"AttachUserPolicy"}""",
            """{"eventSource":"s3.amazonaws.com","eventName":"AAA"}""");
        Assert.Equal(["api=AttachUserPolicy, b=2, errorCode=none", "api=CreateUser, b=2, errorCode=AccessDenied"], rows.Select(Text));
    }

    [Fact]
    public void LetConstantsAndAgoFollowTheFixedClock()
    {
        using var clock = EvaluationClock.FixAt(new DateTime(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc));
        var rows = Run(
            rules["WindowedRecent"],
            """{"eventTime":"2024-05-30T00:00:00Z","eventName":"PutObject","errorCode":"AccessDenied"}""",
            """{"eventTime":"2024-05-31T00:00:00Z","eventName":"PutObject"}""",
            """{"eventTime":"2024-05-31T00:00:00Z","eventName":"ListBuckets"}""",
            """{"eventTime":"2024-01-01T00:00:00Z","eventName":"PutObject"}""");
        Assert.Equal("eventName=PutObject, count_=2, failures=1", Text(Assert.Single(rows)));
    }

    [Fact]
    public void InvokedFragmentsAreInlined()
    {
        var rows = Run(
            rules["Fragments"],
            """{"eventName":"ConsoleLogin","userIdentity":{"userName":"alice"}}""",
            """{"eventName":"ConsoleLogin","userIdentity":{"sessionContext":{"sessionIssuer":{"userName":"role-x"}}}}""");
        Assert.Equal(["AccountName=alice", "AccountName=role-x"], rows.Select(Text));
    }

    [Fact]
    public void ArgMaxAndMakeSetAndRegex()
    {
        var rows = Run(
            rules["LatestPerUser"],
            """{"eventTime":"2024-05-25T10:00:00Z","eventName":"A","userIdentity":{"arn":"arn:aws:iam::1:user/bob"}}""",
            """{"eventTime":"2024-05-25T12:00:00Z","eventName":"B","userIdentity":{"arn":"arn:aws:iam::1:user/bob"}}""",
            """{"eventTime":"2024-05-25T11:00:00Z","eventName":"C","userIdentity":{"arn":"arn:aws:iam::1:user/bob"}}""",
            """{"eventTime":"2024-05-25T11:00:00Z","eventName":"D","userIdentity":{"arn":"arn:aws:iam::1:user/Bob"}}""");
        Assert.Equal("user=arn:aws:iam::1:user/bob, _time=2024-05-25T12:00:00Z, eventName=B, events=[\"A\",\"B\",\"C\"]", Text(Assert.Single(rows)));
    }

    [Fact]
    public void RegexTextAndAggregateFunctions()
    {
        static string Assume(string time, string arn, string session) =>
            $"{{\"eventTime\":\"{time}\",\"eventName\":\"AssumeRole\",\"requestParameters\":{{\"roleArn\":\"{arn}\",\"roleSessionName\":\"{session}\",\"policy\":\"aGk=\"}}}}";
        var rows = Run(
            rules["MoreFunctions"],
            Assume("2024-05-25T21:00:00Z", "arn:aws:iam::123456789012:role/admin", "  s1 "),
            Assume("2024-05-25T21:20:00Z", "arn:aws:iam::123456789012:role/dev", "s2"),
            Assume("2024-05-25T21:10:00Z", "arn:aws:iam::123456789012:role/admin", "s3"));
        var row = Assert.Single(rows);
        Assert.Equal("day=2024-05-25, n=2, sd=10, roles=[\"admin\"]", Text(row));
    }

    [Fact]
    public void SubPipelineListsWaitForTheWholeInput()
    {
        var rows = Run(
            rules["LoginsOfNewAdmins"],
            """{"eventName":"ConsoleLogin","userIdentity":{"userName":"Eve"}}""",
            """{"eventName":"ConsoleLogin","userIdentity":{"userName":"bob"}}""",
            """{"eventName":"AttachUserPolicy","requestParameters":{"userName":"eve","policyArn":"arn:aws:iam::aws:policy/AdministratorAccess"}}""",
            """{"eventName":"AttachUserPolicy","requestParameters":{"userName":"bob","policyArn":"arn:aws:iam::aws:policy/ReadOnlyAccess"}}""",
            """{"eventName":"ConsoleLogin","userIdentity":{"userName":"eve"}}""");
        Assert.Equal(["user=Eve", "user=eve"], rows.Select(Text));
    }

    [Fact]
    public void NegationsHoldForMissingFieldsAndNoMatchingElement()
    {
        var rows = Run(
            rules["Negations"],
            """{"eventID":"missing-both"}""",
            """{"eventID":"console-agent","userAgent":"AWS Console"}""",
            """{"eventID":"prod-resource","resources":[{"ARN":"arn:aws:s3:::dev"},{"ARN":"arn:aws:s3:::prod"}]}""",
            """{"eventID":"dev-only","userAgent":"aws-cli","resources":[{"ARN":"arn:aws:s3:::dev"}]}""",
            """{"eventID":"empty-resources","resources":[]}""");
        Assert.Equal(["eventID=missing-both", "eventID=dev-only", "eventID=empty-resources"], rows.Select(Text));
    }

    private static string Shared(string id, string items, string rules = "[]") =>
        $$$"""{"eventID":"{{{id}}}","requestParameters":{"launchPermission":{"add":{"items":{{{items}}}}},"Rule":{{{rules}}}}}""";

    [Fact]
    public void EachPathsMatchAnyElementAndCollectScalarMembersInOrder()
    {
        var rows = Run(
            rules["EachPaths"],
            Shared("public", """[{"userId":"222222222222"},{"group":"all"},{"group":null},{"userId":{"nested":1}}]""",
                """[{"Transition":[{"Days":1},{"Days":[2]},{}]},{"Transition":{"Days":9}},{"Transition":[{"Days":3}]}]"""),
            Shared("own-account", """[{"userId":"111111111111"}]"""),
            Shared("without-member", """[{"other":"x"}]"""),
            Shared("empty", "[]"),
            Shared("not-an-array", """{"group":"all","userId":"333333333333"}"""),
            """{"eventID":"missing"}""");

        // own-account: its only userId is in the list and no group is "all". without-member, empty, not-an-array and
        // missing have no member values: the list is empty, so "!in" compares null (as "") and "" is in the list.
        Assert.Equal(["eventID=public, accounts=[\"222222222222\"], days=[1,3], groups=[\"all\"], n=1"], rows.Select(Text));
    }

    [Fact]
    public void AnExpandedMemberListGivesOneRowPerValue()
    {
        var rows = Run(
            rules["EachPathExpanded"],
            Shared("two", "[]", """[{"Days":1},{"Days":2},{"Days":{"x":3}}]"""),
            Shared("one", "[]", """[{"Days":1}]"""),
            Shared("none", "[]", """[{"Other":1}]"""),
            Shared("no-rules", "[]", "[]"));
        Assert.Equal(["days=1, n=2", "days=2, n=1"], rows.Select(Text).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EachPathWithoutValuesIsNullAndNestedPathsFlatten()
    {
        Assert.True(Paths.Each(Json.Value("""{"b":1}"""), PathStep.Member("b")).IsNull);
        Assert.True(Paths.Each(Value.Null, PathStep.Member("b")).IsNull);
        Assert.True(Paths.Each(Json.Value("""[{"c":1},{"b":{}},{"b":[1]},{"b":null}]"""), PathStep.Member("b")).IsNull);
        Assert.Equal("[1,2,3]", Paths.Each(Json.Value("""[[1,{"x":1}],[],null,[2,3]]"""), PathStep.Each).ToText());
        Assert.Equal("[\"a\",\"c\"]", Paths.Each(Json.Value("""[{"b":"a"},{"b":null},{},"s",{"b":"c"}]"""), PathStep.Member("b")).ToText());
    }

    [Fact]
    public void RulesCanRunTwiceWithFreshState()
    {
        var first = Run(rules["EcrFindingsMedium"], Findings("web", "MEDIUM"));
        var second = Run(rules["EcrFindingsMedium"], Findings("web", "MEDIUM"));
        Assert.Equal(Text(first[0]), Text(second[0]));
        Assert.Equal(1L, second[0].GetTop("count_").AsLong);
    }
}
