using System.Collections.Immutable;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Compiler.Language.Syntax;
using RuleCompiler.Compiler.Model;
using static RuleCompiler.Backends.Tests.CSharp.Ast;

namespace RuleCompiler.Backends.Tests.CSharp;

/// <summary>Hand-built rules covering every stage; compiled once, together, by <see cref="PipelineFixture"/>.</summary>
internal static class PipelineCases
{
    private static Query Parsed(string search) => QueryParser.Parse(search).Query ?? throw new ArgumentException($"does not parse: {search}", nameof(search));

    public static readonly TestRepository Context = new(
        [new NamedList("ecr_pushers", "allowed", false, ["arn:aws:iam::111111111111:user/ci-pusher"], SourceSpan.File("rules/lists/ecr_pushers.yml"))],
        [new ParsedFragment(
            new Fragment("account_name", "test fragment", "aws_cloudtrail", Compiler.Model.QueryText.Standalone("", SourceSpan.File("rules/fragments/account_name.yml")), SourceSpan.File("rules/fragments/account_name.yml")),
            [Extend(As("AccountName", Call("coalesce", F("userIdentity.userName"), Path("userIdentity", "sessionContext", "sessionIssuer", "userName"))))])]);

    public static readonly Dictionary<string, Query> Cases = new()
    {
        // The design's example: ECR scan findings of medium severity, one row per finding.
        ["EcrFindingsMedium"] = Query(
            Where(And(Eq(F("eventSource"), Str("ecr.amazonaws.com")), Eq(F("eventName"), Str("DescribeImageScanFindings")))),
            MvExpand("finding", F("responseElements.imageScanFindings.findings")),
            Where(Bin(BinaryOperator.EqualCi, F("finding.severity"), Str("MEDIUM"))),
            Extend(
                As("repository", F("requestParameters.repositoryName")),
                As("user", F("userIdentity.principalId")),
                As("finding_text", Call("strcat", F("finding.name"), Str(", "), F("finding.description")))),
            Summarize(
                [As("firstTime", Call("min", F("_time"))), As("lastTime", Call("max", F("_time"))), As(null, Call("count"))],
                As(null, F("awsRegion")), As(null, F("repository")), As(null, F("user")), As(null, F("finding_text")))),

        // Uploads outside 08:00-20:00 or at the weekend.
        ["OutsideBusinessHours"] = Query(
            Where(And(Eq(F("eventSource"), Str("ecr.amazonaws.com")), Eq(F("eventName"), Str("PutImage")))),
            Extend(As("hour", Call("hourofday", F("_time"))), As("day", Call("dayofweek", F("_time")))),
            Where(Or(
                Or(Bin(BinaryOperator.GreaterOrEqual, F("hour"), Long(20)), Bin(BinaryOperator.Less, F("hour"), Long(8))),
                In(F("day"), InOperator.In, Duration(TimeSpan.Zero), Duration(TimeSpan.FromDays(6))))),
            Project(As("user", F("userIdentity.arn")), As(null, F("hour")), As(null, F("_time")))),

        // Unknown pusher: not in a named list (case-insensitive).
        ["UnknownPusher"] = Query(
            Where(Eq(F("eventName"), Str("PutImage"))),
            Where(InList(F("userIdentity.arn"), InOperator.NotInCi, "ecr_pushers")),
            Project(As("user", F("userIdentity.arn")))),

        // Policy created, then attached: join on the policy ARN.
        ["CreateThenAttach"] = Query(
            [LetPipe("created", Pipe(Where(Eq(F("eventName"), Str("CreatePolicy"))), Extend(As("policy", F("responseElements.policy.arn")))))],
            PipeFrom(
                "created",
                Join(
                    JoinKind.Inner,
                    Pipe(Where(Eq(F("eventName"), Str("AttachUserPolicy"))), Project(As("policy", F("requestParameters.policyArn")), As("target", F("requestParameters.userName")))),
                    F("policy")),
                Project(As(null, F("policy")), As(null, F("target")), As("creator", F("userIdentity.userName"))))),

        // Anti-join with $left/$right: deletions of buckets never created in the window.
        ["DeletedNotCreated"] = Query(
            Where(Eq(F("eventName"), Str("DeleteBucket"))),
            Project(As("bucket", F("requestParameters.bucketName"))),
            Join(JoinKind.LeftAnti, Pipe(Where(Eq(F("eventName"), Str("CreateBucket"))), Project(As("created", F("requestParameters.bucketName")))), Eq(Left("bucket"), Right("created")))),

        ["UnionOfTwo"] = Query(
            Where(Eq(F("eventName"), Str("StopLogging"))),
            Project(As("what", Str("stop")), As(null, F("eventName"))),
            Union(Pipe(Where(Eq(F("eventName"), Str("DeleteTrail"))), Project(As("what", Str("delete")), As(null, F("eventName")))))),

        ["Shaping"] = Query(
            Where(Eq(F("eventSource"), Str("iam.amazonaws.com"))),
            Extend(As("a", Long(1)), As("b", Bin(BinaryOperator.Add, F("a"), Long(1)))),
            ProjectAway("eventSource"),
            Rename("api", "eventName"),
            FillNull(Str("none"), "errorCode"),
            Project(As(null, F("api")), As(null, F("b")), As(null, F("errorCode"))),
            Distinct("api", "b", "errorCode"),
            Sort(F("api"), descending: false),
            Take(2)),

        ["WindowedRecent"] = Query(
            [Let("window", Duration(TimeSpan.FromDays(14))), Let("noisy", new ArrayExpression([Str("ListBuckets"), Str("GetCallerIdentity")], default))],
            Pipe(
                Where(Bin(BinaryOperator.Greater, F("_time"), Call("ago", F("window")))),
                Where(new InExpression(F("eventName"), InOperator.NotIn, new LetListReference("noisy", default), default)),
                Summarize([As(null, Call("count")), As("failures", Call("countif", Call("isnotempty", F("errorCode"))))], As(null, F("eventName"))))),

        ["Fragments"] = Query(
            Where(Eq(F("eventName"), Str("ConsoleLogin"))),
            Invoke("account_name"),
            Project(As(null, F("AccountName")))),

        ["MoreFunctions"] = Query(
            Where(Eq(F("eventName"), Str("AssumeRole"))),
            Extend(
                As("role", Call("extract", Str("role/([^/]+)"), Long(1), F("requestParameters.roleArn"))),
                As("trimmed", Call("trim", Str(@"\s"), F("requestParameters.roleSessionName"))),
                As("masked", Call("replace_regex", F("requestParameters.roleArn"), Str("[0-9]{12}"), Str("<account>"))),
                As("decoded", Call("base64_decode_tostring", F("requestParameters.policy"))),
                As("minutes", Call("datetime_diff", Str("minute"), Call("todatetime", Str("2024-05-25T21:30:00Z")), F("_time"))),
                As("day", Call("format_datetime", F("_time"), Str("yyyy-MM-dd")))),
            Summarize(
                [As("n", Call("sumif", Long(1), Eq(F("role"), Str("admin")))), As("sd", Call("stdev", F("minutes"))), As("roles", Call("make_set", F("role"), Long(1)))],
                As(null, F("day")))),

        // A one-column sub-pipeline as a list: logins of users that were given admin rights (at any time in the input).
        ["LoginsOfNewAdmins"] = Query(
            [LetPipe("admins", Pipe(
                Where(And(Eq(F("eventName"), Str("AttachUserPolicy")), Bin(BinaryOperator.EndsWith, F("requestParameters.policyArn"), Str("/AdministratorAccess")))),
                Project(As("user", F("requestParameters.userName")))))],
            Pipe(
                Where(Eq(F("eventName"), Str("ConsoleLogin"))),
                Where(new InExpression(F("userIdentity.userName"), InOperator.InCi, new LetListReference("admins", default), default)),
                Project(As("user", F("userIdentity.userName"))))),

        // Negated operators on missing fields and on member paths below arrays, through generated code.
        ["Negations"] = Query(
            Where(And(
                Bin(BinaryOperator.NotContains, F("userAgent"), Str("console")),
                Bin(BinaryOperator.NotHas, F("resources"), Str("prod")))), // any element (a member below it is null)
            Project(As(null, F("eventID")))),

        // [*] paths (semantics §5.2): any-element tests on member lists, a member list as a column, nested [*], make_set flattening.
        ["EachPaths"] = Parsed("""
            where requestParameters.launchPermission.add.items[*].group =~ "all" or requestParameters.launchPermission.add.items[*].userId !in ("", "111111111111")
            | extend accounts = requestParameters.launchPermission.add.items[*].userId, days = requestParameters.Rule[*].Transition[*].Days
            | summarize accounts = make_set(accounts), days = make_list(days), groups = make_set(requestParameters.launchPermission.add.items[*].group), n = count() by eventID
            """),

        // Expanding a member list: one row per value, none for an event without values; then it can be a by key.
        ["EachPathExpanded"] = Parsed("""
            mv-expand days = requestParameters.Rule[*].Days
            | summarize n = count() by days = tolong(days)
            """),

        ["LatestPerUser"] = Query(
            Where(Bin(BinaryOperator.MatchesRegex, F("userIdentity.arn"), Str(":user/[a-z]+$"))),
            Summarize([As(null, Call("arg_max", F("_time"), F("eventName"))), As("events", Call("make_set", F("eventName")))], As("user", F("userIdentity.arn")))),
    };
}
