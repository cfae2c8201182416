using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RuleCompiler.Importers.Escu;
using Xunit;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary>
/// The Splunk Add-on for AWS 7.10.0's user, user_name, user_type and userName of aws:cloudtrail as the ESCU importer
/// derives them: run by the C# backend on hand-made CloudTrail events (every event name the EVALs name, names their
/// like() patterns match and others, each with several identity shapes), and checked against a direct reading of
/// <see cref="AddOnIdentityTable"/> written here: the first branch whose condition holds, SPL's split/mvindex, coalesce
/// and replace, the branch whose value has no canonical form read as userIdentity.userName.
/// </summary>
public class EscuAddOnIdentityTests
{
    private static readonly string[] Fields = ["user", "user_name", "user_type", "userName"];

    // Identity shapes: an IAM user, an assumed role (with the keys the per-eventName branches read), an AWS service with
    // no userIdentity.arn (the roleArn fallback), a root console sign-in, and an event without any identity keys.
    private static readonly (string Name, string Json)[] Shapes =
    [
        ("iam", """
            "eventType": "AwsApiCall", "userIdentity": {"type": "IAMUser", "principalId": "AIDAEXAMPLE", "arn": "arn:aws:iam::111122223333:user/team/alice", "accountId": "111122223333", "userName": "alice"}
            """),
        ("role", """
            "eventType": "AwsApiCall",
            "userIdentity": {"type": "AssumedRole", "principalId": "AROAEXAMPLE:bob-session", "arn": "arn:aws:sts::111122223333:assumed-role/Admin/bob-session",
              "sessionContext": {"sessionIssuer": {"type": "Role", "userName": "Admin", "principalId": "AROAEXAMPLE", "arn": "arn:aws:iam::111122223333:role/Admin"}}},
            "additionalEventData": {"LoginTo": "https://console.aws.amazon.com"},
            "errorMessage": "User: x is not authorized to perform: iam:GetUser on resource: user mallory",
            "resources": [{"type": "AWS::IAM::Role", "ARN": "arn:aws:iam::111122223333:role/Target"}, {"ARN": "no-type"}, {"type": "AWS::KMS::Key"}],
            "requestParameters": {"roleArn": "arn:aws:iam::111122223333:role/path/Target", "userName": "carol", "newUserName": "dave", "username": "erin",
              "member": {"memberId": "m-1"}, "sourceIdentity": "src-id", "userAttributes": [{"Name": "email", "Value": "x@example.com"}, {"Name": "name", "Value": "frank"}]},
            "responseElements": {"user": {"userName": "gina", "username": "hank"}, "loginProfile": {"userName": "ivy"}, "accessKey": {"userName": "jack"},
              "assumedRoleUser": {"arn": "arn:aws:sts::111122223333:assumed-role/Target/kim-session"}}
            """),
        ("service", """
            "eventType": "AwsServiceEvent", "userIdentity": {"type": "AWSService", "invokedBy": "lambda.amazonaws.com"},
            "requestParameters": {"roleArn": "arn:aws:iam::111122223333:role/service-role/Runner"},
            "responseElements": {"assumedRoleUser": {"arn": "arn:aws:sts::111122223333:assumed-role/Runner/lee"}},
            "errorMessage": "An error without a resource"
            """),
        ("root", """
            "eventType": "AwsConsoleSignIn", "userIdentity": {"type": "Root", "principalId": "111122223333", "arn": "arn:aws:iam::111122223333:root", "accountId": "111122223333"}
            """),
        ("bare", """
            "eventType": "AwsApiCall"
            """),
    ];

    private static IEnumerable<string> EventNames()
    {
        var named = new[] { AddOnIdentityTable.User, AddOnIdentityTable.UserNameField, AddOnIdentityTable.UserType }
            .SelectMany(b => b).SelectMany(b => b.Alternatives).SelectMany(a => a).SelectMany(t => t switch
            {
                EventNameIn n => n.Names,
                EventNameIsNot n => [n.Name],
                _ => [],
            });

        // Names only a like() pattern takes, names no branch names, and names that differ only in case.
        string[] others = ["DescribeInstances", "CreateVolume", "PutBucketPolicy", "DeleteBucket", "TagUser", "AssumeRoleWithSAML", "AssumeRoleX",
            "GetFederationToken", "NotAnEvent", "consolelogin", "assumerole", "putbucketacl", "XPut", "InstancesDescribe"];
        return named.Concat(others).Distinct(StringComparer.Ordinal);
    }

    private static string Event(string id, string eventName, string shape) =>
        "{\"eventTime\": \"2024-01-02T03:04:05Z\", \"eventID\": \"" + id + "\", \"eventName\": \"" + eventName + "\", " + shape + "}";

    private static string Canonical(string spl) => EscuAddOnFieldsTests.Canonical(spl);

    // ---- the reference: the table read directly, with SPL's meaning of each piece --------------------------------

    private static JsonNode? Node(JsonNode e, string key)
    {
        JsonNode? node = e;
        foreach (var part in key.Split('.'))
        {
            node = node is JsonObject o && o.TryGetPropertyValue(part, out var child) ? child : null;
        }

        return node;
    }

    // A value as SPL's fields hold it: none, or its values (one for a scalar, the members of a {} path); "" is none.
    private static List<string>? Read(JsonNode e, string key)
    {
        if (key.Split("[*].") is [var array, var member])
        {
            var values = (Node(e, array) as JsonArray ?? []).Select(el => el is JsonObject o && o[member] is JsonValue v ? v.ToString() : null).OfType<string>().ToList();
            return values.Count == 0 ? null : values;
        }

        return Node(e, key) is JsonValue value && value.ToString() is { Length: > 0 } text ? [text] : null;
    }

    private static bool Present(JsonNode e, string key) => Read(e, key) is not null;

    private static List<string>? One(string? text) => string.IsNullOrEmpty(text) ? null : [text];

    private static List<string>? Evaluate(AddOnValue value, JsonNode e, bool reproducedOnly) => value switch
    {
        KeyValue k => Read(e, k.Key),
        NoValue => null,
        FirstOf f => f.Values.Select(v => Evaluate(v, e, reproducedOnly)).FirstOrDefault(v => v is not null),
        SplitPart p => Evaluate(p.Of, e, reproducedOnly) is [var text, ..] && text.Split(p.Separator) is var parts
            && (p.Index < 0 ? parts.Length + p.Index : p.Index) is var i && i >= 0 && i < parts.Length ? One(parts[i]) : null,
        // SPL's replace() writes groups as \1; .NET as $1.
        RegexReplaced r => Evaluate(r.Of, e, reproducedOnly) is [var text, ..] ? One(Regex.Replace(text, r.Pattern, r.Replacement.Replace("\\1", "$1", StringComparison.Ordinal))) : null,
        IfKey i => Present(e, i.Key) == i.Present ? Evaluate(i.Then, e, reproducedOnly) : Evaluate(i.Else, e, reproducedOnly),
        Joined j => Evaluate(j.Of, e, reproducedOnly) is { } values ? One(string.Join(j.Separator, values)) : null,
        MemberNamed m => Read(e, $"{m.List}[*].{m.NameMember}") is { } names && names.FindIndex(n => n == m.Name) is >= 0 and var at
            && Read(e, $"{m.List}[*].{m.ValueMember}") is { } values && at < values.Count ? One(values[at]) : null,
        _ => throw new InvalidOperationException(value.ToString()),
    };

    private static bool Like(string name, string pattern) =>
        Regex.IsMatch(name, "^" + Regex.Escape(pattern).Replace("%", ".*", StringComparison.Ordinal) + "$", RegexOptions.Singleline);

    private static bool Holds(AddOnTest test, JsonNode e)
    {
        var name = Node(e, "eventName")!.ToString();
        return test switch
        {
            EventNameIn n => n.Names.Contains(name),
            EventNameLike l => Like(name, l.Pattern),
            EventNameIsNot n => name != n.Name,
            KeyEquals k => Read(e, k.Key) is [var v] && v == k.Value,
            KeyPresent p => Present(e, p.Key) == p.Present,
            _ => throw new InvalidOperationException(test.ToString()),
        };
    }

    /// <summary>The first branch whose condition holds (none: no value); a branch without a canonical form reads userIdentity.userName.</summary>
    private static string Expected(IEnumerable<AddOnBranch> branches, JsonNode e, bool addOn = false)
    {
        foreach (var branch in branches)
        {
            if (branch.Always || branch.Alternatives.Any(a => a.All(t => Holds(t, e))))
            {
                var value = addOn || branch.Reproduced ? branch.Value : new KeyValue("userIdentity.userName");
                return string.Join(",", Evaluate(value, e, !addOn) ?? []);
            }
        }

        return "";
    }

    // ---- the tests ---------------------------------------------------------------------------------------------

    [Fact]
    public void The_table_restates_the_add_on_evals_branch_by_branch()
    {
        Assert.Equal("7.10.0", AddOnIdentityTable.Version);
        Assert.Equal([21, 14, 7], new[] { AddOnIdentityTable.User, AddOnIdentityTable.UserNameField, AddOnIdentityTable.UserType }.Select(b => b.Length));
        // user and user_type end in true(); user_name has no default.
        Assert.True(AddOnIdentityTable.User[^1].Always && AddOnIdentityTable.UserType[^1].Always && !AddOnIdentityTable.UserNameField[^1].Always);
        // Only user_name's AdminCreateUser branch (mvfind over requestParameters.userAttributes{}) has no canonical form.
        var unreproduced = new[] { AddOnIdentityTable.User, AddOnIdentityTable.UserNameField, AddOnIdentityTable.UserType }.SelectMany(b => b).Where(b => !b.Reproduced).ToList();
        var only = Assert.Single(unreproduced);
        Assert.Equal("AdminCreateUser", Assert.Single(Assert.IsType<EventNameIn>(Assert.Single(Assert.Single(only.Alternatives))).Names));
    }

    [Fact]
    public void On_every_event_name_and_identity_shape_the_derived_fields_are_the_first_matching_branches()
    {
        var events = new List<string>();
        var expected = new List<string>();
        foreach (var name in EventNames())
        {
            foreach (var (shape, json) in Shapes)
            {
                var id = $"{name}|{shape}";
                var text = Event(id, name, json);
                events.Add(text);
                var e = JsonNode.Parse(text)!;
                expected.Add($"eventID={id}, user={Expected(AddOnIdentityTable.User, e)}, user_name={Expected(AddOnIdentityTable.UserNameField, e)}, "
                    + $"user_type={Expected(AddOnIdentityTable.UserType, e)}, userName={string.Join(",", Evaluate(AddOnIdentityTable.UserName, e, true) ?? [])}");
            }
        }

        var rows = EscuAddOnFieldsTests.Run("`cloudtrail` | table eventID user user_name user_type userName", [.. events]);
        Assert.Equal(expected, rows);
        Assert.True(events.Count >= 650, $"{events.Count} events");

        // Spot checks of the reading itself, one per kind of piece.
        Assert.Contains("eventID=AssumeRole|role, user=Target, user_name=Admin, user_type=AWS::IAM::Role,AWS::KMS::Key, userName=src-id", rows);
        Assert.Contains("eventID=AssumeRole|service, user=lee, user_name=Runner, user_type=Runner, userName=Runner", rows);
        Assert.Contains("eventID=ConsoleLogin|role, user=bob-session, user_name=Admin, user_type=AssumedRole, userName=src-id", rows);
        Assert.Contains("eventID=GetUser|role, user=mallory, user_name=mallory, user_type=, userName=src-id", rows);
        Assert.Contains("eventID=GetUser|service, user=An error without a resource, user_name=An error without a resource, user_type=, userName=Runner", rows);
        Assert.Contains("eventID=AddMemberToGroup|iam, user=, user_name=, user_type=IAMUser, userName=alice", rows);
        Assert.Contains("eventID=DescribeVpcs|role, user=bob-session, user_name=bob-session, user_type=AssumedRole, userName=src-id", rows);
        Assert.Contains("eventID=Decrypt|role, user=bob-session, user_name=bob-session, user_type=AssumedRole, userName=src-id", rows);
        Assert.Contains("eventID=ConsoleLogin|root, user=, user_name=root, user_type=Root, userName=root", rows);
        // like() is case-sensitive and anchored: putbucketacl and XPut take no Put% branch.
        Assert.Contains("eventID=PutBucketPolicy|role, user=Admin, user_name=Admin, user_type=AssumedRole, userName=src-id", rows);
        Assert.Contains("eventID=XPut|role, user=, user_name=Admin, user_type=AssumedRole, userName=src-id", rows);
    }

    [Fact]
    public void AdminCreateUser_reads_user_identity_user_name_where_the_add_on_picks_the_user_attribute_named_name()
    {
        var e = JsonNode.Parse(Event("x", "AdminCreateUser", Shapes[1].Json.Replace("\"username\": \"hank\"", "\"other\": 1", StringComparison.Ordinal)))!;
        Assert.Equal("frank", Expected(AddOnIdentityTable.UserNameField, e, addOn: true));
        Assert.Equal("", Expected(AddOnIdentityTable.UserNameField, e));
        var result = SplQueryTranslator.Translate("`cloudtrail` eventName=AdminCreateUser | table user_name", EscuScratch.Context);
        var note = Assert.Single(result.Notes, n => n.Code == EscuDiagnosticCodes.DerivedField);
        Assert.Contains("for AdminCreateUser the add-on's value (a member of requestParameters.userAttributes picked with mvfind) has no canonical form, and userIdentity.userName is read there", note.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SplQueryTranslator.Translate("`cloudtrail` eventName=ConsoleLogin | table user_name", EscuScratch.Context).Notes, n => n.Message.Contains("AdminCreateUser", StringComparison.Ordinal));
    }

    [Fact]
    public void The_rules_event_names_narrow_the_branches_and_keep_like_patterns_that_can_match()
    {
        Assert.Equal(
            "where eventName =~ \"ConsoleLogin\"\n| project user_type = case(eventName == \"ConsoleLogin\" and userIdentity.type == \"AssumedRole\" and isempty(additionalEventData.LoginTo), "
            + "userIdentity.sessionContext.sessionIssuer.type, userIdentity.type)\n",
            Canonical("`cloudtrail` eventName=ConsoleLogin | table user_type"));
        // (The console sign-in branch gives userIdentity.type, as the default does: it is left out.)
        // user_name's last branch, eventName!="AddMemberToGroup", holds for every event a ConsoleLogin search keeps: it is the default.
        Assert.EndsWith("| project user_name = coalesce(userIdentity.userName, userIdentity.sessionContext.sessionIssuer.userName, "
            + "iif(isempty(userIdentity.arn), tostring(split(tostring(split(tostring(requestParameters.roleArn), \":\")[-1]), \"/\")[-1]), tostring(split(tostring(split(userIdentity.arn, \":\")[-1]), \"/\")[-1])))\n",
            Canonical("`cloudtrail` eventName=ConsoleLogin | table user_name"));
        var put = Canonical("`cloudtrail` eventName=PutBucketLifecycle user_type=IAMUser | table user");
        Assert.Contains("eventName startswith_cs \"Put\"", put, StringComparison.Ordinal);
        Assert.DoesNotContain("endswith_cs \"Instances\"", put, StringComparison.Ordinal);
        Assert.DoesNotContain("eventName ==", put, StringComparison.Ordinal);
        // Without a bound on eventName every branch is there, each name once.
        var all = Canonical("`cloudtrail` | table user");
        Assert.All(AddOnIdentityTable.User.SelectMany(b => b.Alternatives).SelectMany(a => a).OfType<EventNameIn>().SelectMany(n => n.Names).Distinct(),
            n => Assert.Contains($"\"{n}\"", all, StringComparison.Ordinal));
        Assert.Contains("eventName endswith_cs \"Instances\" or eventName endswith_cs \"Volume\" or eventName startswith_cs \"Put\" or eventName endswith_cs \"Bucket\"", all, StringComparison.Ordinal);
        Assert.Contains("not (eventName == \"AddMemberToGroup\")", Canonical("`cloudtrail` | table user_name"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_spl_the_splunk_backend_writes_for_these_fields_reads_back_and_other_forms_are_still_refused_or_kept()
    {
        // mvindex of split() is the element as text; of anything else, or with an index that is not a whole number, it is refused.
        Assert.Equal("extend a = tostring(split(userAgent, \"/\")[-2])\n", Canonical("`cloudtrail` | eval a=mvindex(split(userAgent, \"/\"), -2)"));
        Assert.Equal("summarize n = dcount(tostring(split(userAgent, \":\")[1]))\n", Canonical("`cloudtrail` | stats dc(eval(mvindex(split(userAgent, \":\"), 1))) as n"));
        foreach (var refused in new[] { "mvindex(lower(userAgent), 0)", "mvindex(split(userAgent, \"/\"), awsRegion)", "mvindex(split(userAgent, \"/\"), 1.5)" })
        {
            var result = SplQueryTranslator.Translate($"`cloudtrail` | eval a={refused}", EscuScratch.Context);
            Assert.True(result.Search is null, refused);
            Assert.Contains(result.Diagnostics, d => d.Code == EscuDiagnosticCodes.UnsupportedFunction);
        }

        // match() anchored at one end on a literal is startswith_cs/endswith_cs; with any other pattern it stays a regex.
        Assert.Equal("where eventName endswith_cs \"Bucket\" and eventName startswith_cs \"Put-x\"\n", Canonical("`cloudtrail` | where match(eventName, \"Bucket\\z\") AND match(eventName, \"^Put\\-x\")"));
        foreach (var pattern in new[] { "^Put.*", "Bucket$", "^a|b", "(?i)^put", "^", "\\\\z" })
        {
            Assert.Contains("matches regex", Canonical($"`cloudtrail` | where match(eventName, \"{pattern}\")"), StringComparison.Ordinal);
        }

        // The normaliser drops the Splunk backend's guards only where the test implies them.
        Assert.Equal(SearchNormalizer.Normalize("where x startswith_cs \"a\"\n"), SearchNormalizer.Normalize("where isnotempty(x) and x startswith_cs \"a\"\n"));
        Assert.NotEqual(SearchNormalizer.Normalize("where x startswith_cs \"\"\n"), SearchNormalizer.Normalize("where isnotempty(x) and x startswith_cs \"\"\n"));
        Assert.Equal(SearchNormalizer.Normalize("where case(a == \"x\", b, c) =~ \"v\"\n"), SearchNormalizer.Normalize("where isnotempty(tolower(case(a == \"x\", b, c))) and tolower(case(a == \"x\", b, c)) == tolower(\"v\")\n"));
        Assert.NotEqual(SearchNormalizer.Normalize("where case(a == \"x\", b, c) =~ \"v\"\n"), SearchNormalizer.Normalize("where isnotempty(tolower(b)) and tolower(c) == tolower(\"v\")\n"));
        Assert.Equal(SearchNormalizer.Normalize("extend o = iif(isempty(a), b, c)\n"), SearchNormalizer.Normalize("extend o = iif(isempty(a) or a == \"\", b, c)\n"));
        Assert.NotEqual(SearchNormalizer.Normalize("extend o = iif(isempty(a), b, c)\n"), SearchNormalizer.Normalize("extend o = iif(isempty(a) or a == \"\" and d, b, c)\n"));
        Assert.Equal(SearchNormalizer.Normalize("extend o = iif(isnotempty(a), b, c)\n"), SearchNormalizer.Normalize("extend o = iif((isnotempty(a) and a != \"\"), b, c)\n"));
        Assert.Equal(SearchNormalizer.Normalize("extend o = iif(x and a == \"v\", b, c)\n"), SearchNormalizer.Normalize("extend o = iif(x and (a == \"v\"), b, c)\n"));
        Assert.NotEqual(SearchNormalizer.Normalize("extend o = iif(x and a == \"v\" or y, b, c)\n"), SearchNormalizer.Normalize("extend o = iif(x and (a == \"v\" or y), b, c)\n"));
        // A computed column of a project is an extend and the project of its name; a copy stays as it is.
        Assert.Equal(SearchNormalizer.Normalize("extend u = f(a)\n| project u, b = c\n"), SearchNormalizer.Normalize("project u = f(a), b = c\n"));
    }

    [Theory]
    [InlineData("`cloudtrail` | stats count by user user_type user_name userName")]
    [InlineData("`cloudtrail` eventName=ConsoleLogin | stats count min(_time) as firstTime by user, user_type, user_name")]
    [InlineData("`cloudtrail` eventName=PutBucketLifecycle user_type=IAMUser | table user, userName")]
    [InlineData("`cloudtrail` eventName=AssumeRole | stats dc(eval(userName)) as names by user_type")]
    public void Rules_reading_the_identity_fields_bind_run_and_round_trip_through_spl(string search) =>
        EscuImporterTests.BindsRunsAndRoundTrips(search);
}
