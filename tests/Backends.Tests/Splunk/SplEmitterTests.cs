using RuleCompiler.Backends.Splunk.Emit;
using RuleCompiler.Backends.Splunk.Spl;
using RuleCompiler.Compiler.Compilation;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Compiler.Loading;
using Xunit;

namespace RuleCompiler.Backends.Tests.Splunk;

/// <summary>The SPL of single constructs, bound against the repository's data sources.</summary>
public class SplEmitterTests
{
    private const string CloudTrail = "aws_ecr_container_scanning_findings_medium";
    private const string SecurityLake = "asl_aws_ecr_container_upload_unknown_user";

    [Fact]
    public void CaseInsensitiveTestsOfPlainConstantsAreSearchTerms()
    {
        Assert.Equal("`cloudtrail` eventName=PutImage NOT awsRegion=us-east-1 userAgent=aws-cli* eventSource=\"*.amazonaws.com\"",
            FirstLine("where eventName =~ \"PutImage\" and awsRegion !~ \"us-east-1\" and userAgent startswith \"aws-cli\" and eventSource endswith \".amazonaws.com\""));
        Assert.Equal("`cloudtrail` eventName IN (PutImage, DeleteRepository)", FirstLine("where eventName in~ (\"PutImage\", \"DeleteRepository\")"));
    }

    [Fact]
    public void A_conjunction_inside_an_or_keeps_its_group_because_OR_binds_tighter_than_the_implicit_AND()
    {
        // Without the inner group, SPL reads (a OR b c) as (a OR b) AND c.
        Assert.Equal("`cloudtrail` (eventName=DeleteBucket OR (eventName=PutBucketAcl awsRegion=us-east-1))",
            FirstLine("where eventName =~ \"DeleteBucket\" or (eventName =~ \"PutBucketAcl\" and awsRegion =~ \"us-east-1\")"));
        // A conjunction of two groups is not one group: (a OR b) (c OR d) under NOT or OR gets its own parentheses.
        Assert.Equal("`cloudtrail` NOT ((eventName=A OR eventName=B) (awsRegion=x OR awsRegion=y))",
            FirstLine("where not ((eventName =~ \"A\" or eventName =~ \"B\") and (awsRegion =~ \"x\" or awsRegion =~ \"y\"))"));
        Assert.Equal("`cloudtrail` (eventName=C OR ((eventName=A OR eventName=B) (awsRegion=x OR awsRegion=y)))",
            FirstLine("where eventName =~ \"C\" or (eventName =~ \"A\" or eventName =~ \"B\") and (awsRegion =~ \"x\" or awsRegion =~ \"y\")"));
    }

    [Fact]
    public void CaseSensitiveTestsUseCaseOrWhere()
    {
        Assert.Equal("`cloudtrail` eventName=CASE(PutImage) NOT awsRegion=CASE(us-east-1)", FirstLine("where eventName == \"PutImage\" and awsRegion != \"us-east-1\""));
        Assert.Equal("`cloudtrail` (eventName=CASE(A) OR eventName=CASE(B))", FirstLine("where eventName in (\"A\", \"B\")"));
        // CASE() takes bare words only: a value that needs quotes is tested with where.
        Assert.Equal(["`cloudtrail`", "where (isnotnull(errorMessage) AND errorMessage==\"Access denied\")", "`r_filter`"],
            Lines("where errorMessage == \"Access denied\""));
    }

    [Fact]
    public void ValuesWithAWildcardAreNeverSearchTerms()
    {
        Assert.Equal(["`cloudtrail`", "where (isnotnull(eventName) AND eventName==\"Put*\")", "`r_filter`"], Lines("where eventName == \"Put*\""));
        Assert.Equal(["`cloudtrail`", "where (isnotnull(userAgent) AND match(userAgent, \"(?i)\\\\*\"))", "`r_filter`"], Lines("where userAgent contains \"*\""));
    }

    [Fact]
    public void HasIsATermMatchAndNegationsKeepMissingValues()
    {
        Assert.Equal("where (isnotnull(userAgent) AND match(userAgent, \"(?i)(?<![[:alnum:]])boto3(?![[:alnum:]])\"))", Lines("where userAgent has \"boto3\"")[1]);
        Assert.Equal("where NOT (isnotnull(userAgent) AND match(userAgent, \"(?i)(?<![[:alnum:]])boto3(?![[:alnum:]])\"))", Lines("where userAgent !has \"boto3\"")[1]);
    }

    [Fact]
    public void HasAnyAndHasAllAreOneTermMatchPerTerm()
    {
        const string boto3 = "(isnotnull(userAgent) AND match(userAgent, \"(?i)(?<![[:alnum:]])boto3(?![[:alnum:]])\"))";
        Assert.Equal($"where ({boto3} OR (isnotnull(userAgent) AND match(userAgent, \"(?i)(?<![[:alnum:]])aws\\\\-cli(?![[:alnum:]])\")))",
            Lines("where userAgent has_any (\"boto3\", \"aws-cli\")")[1]);
        Assert.Equal($"where {boto3} AND (isnotnull(userAgent) AND match(userAgent, \"(?i)(?<![[:alnum:]])exec\\\\-env(?![[:alnum:]])\"))",
            Lines("where userAgent has_all (\"boto3\", \"exec-env\") and eventName == \"x\"")[1]);
    }

    [Fact]
    public void HoursAreDateHourOnlyForUtcTimestampText()
    {
        Assert.Equal("`cloudtrail` date_hour>=20", FirstLine("where hourofday(_time) >= 20"));
        // Security Lake times are epoch milliseconds: no date_* fields from the text; UTC arithmetic instead.
        Assert.Equal("where (isnotnull((floor(_time/3600)%24)) AND (floor(_time/3600)%24)>=20)", Lines("where hourofday(_time) >= 20", SecurityLake)[1]);
    }

    [Fact]
    public void AggregatesOfExpressionsGoThroughTemporaries()
    {
        Assert.Equal(
            ["`cloudtrail`", "fillnull value=\"\" eventName", "stats max(_time) as rc_aggregate_1 min(_time) as rc_aggregate_2 count(eval(if((isnotnull(result_id) AND result_id!=\"\"), 1, null()))) as failures dc(awsRegion) as regions by eventName",
             "eval duration=(rc_aggregate_1-rc_aggregate_2)", "fields - rc_aggregate_1 rc_aggregate_2", "`r_filter`"],
            Lines("summarize duration = max(_time) - min(_time), failures = countif(isnotempty(errorCode)), regions = dcount(awsRegion) by eventName"));
    }

    [Fact]
    public void SortTakeAndProjectAway()
    {
        Assert.Equal(["`cloudtrail`", "sort 0 +eventName, -_time", "head 5", "fields - userAgent", "`r_filter`"],
            Lines("sort by eventName asc, _time desc | take 5 | project-away userAgent"));
    }

    [Fact]
    public void ARenameIsUsedOnlyWhenTheFieldIsNotReadAgain()
    {
        Assert.Equal(["`cloudtrail`", "rename awsRegion as region", "fields - awsRegion", "`r_filter`"], Lines("extend region = awsRegion | project-away awsRegion"));
        Assert.Equal(["`cloudtrail`", "eval region=awsRegion", "search awsRegion=us-east-1", "`r_filter`"], Lines("extend region = awsRegion | where awsRegion =~ \"us-east-1\""));
    }

    [Fact]
    public void MembersOfParsedJsonTextAreSpath()
    {
        Assert.Equal(
            ["spath input=requestParameters.policyDocument path=Statement{} output=s", "mvexpand s", "spath input=s path=Action output=action", "eval n=1"],
            Lines("mv-expand s = parse_json(tostring(requestParameters.policyDocument)).Statement | extend action = parse_json(s).Action, n = 1 | project action, n")[1..5]);
        // An index step or a member of a computed value other than parsed field text still has no SPL form.
        var parsed = QueryParser.Parse("extend x = parse_json(strcat(eventName, \"{}\")).a | project x");
        var template = CompiledRules.Named(CloudTrail);
        var bound = QueryBinder.Bind(parsed.Query!, BindingContext.For(template.DataSource, []));
        Assert.Contains(SplEmitter.Emit(new CompiledRule(template.Rule, template.DataSource, bound)).Diagnostics, d => d.Code == SplDiagnostics.ObjectValue);
    }

    [Fact]
    public void LiteralsNoQuotedStringMayHoldAreSpelledWithUrldecode()
    {
        Assert.Equal("eval x=(coalesce(eventName, \"\").(\"a\".urldecode(\"%60\").\"b\"))", Lines("extend x = strcat(eventName, \"a`b\")")[1]);
    }

    [Fact]
    public void EverySearchOfTheRepositoryTokenizesWithoutProblems()
    {
        foreach (var rule in CompiledRules.All.Values)
        {
            var spl = SplEmitter.Emit(rule).Spl;
            Assert.Empty(SplTokenizer.Tokenize(spl).Problems);
        }
    }

    [Fact]
    public void EachPathsAreSplunksArrayMemberFields()
    {
        // a[*].b is Splunk's own multivalue field a{}.b: search terms match any value, eval reads the field quoted.
        Assert.Equal("`cloudtrail` requestParameters.launchPermission.add.items{}.group=all",
            FirstLine("where requestParameters.launchPermission.add.items[*].group =~ \"all\""));
        Assert.Equal(["`cloudtrail`", "fillnull value=\"\" eventName", "stats values(resources{}.ARN) as arns by eventName", "`r_filter`"],
            Lines("summarize arns = make_set(resources[*].ARN) by eventName"));
        Assert.Equal(
            ["`cloudtrail` resources{}.ARN=CASE(x*)", "eval days='requestParameters.LifecycleConfiguration.Rule{}.Transition{}.Days'", "search NOT days=*3*", "`r_filter`"],
            Lines("where resources[*].ARN startswith_cs \"x\" | extend days = requestParameters.LifecycleConfiguration.Rule[*].Transition[*].Days | where days !contains \"3\""));
        // Expanding a member list is Splunk's mvexpand of the multivalue field; isnotempty of one is a{}.b=*.
        Assert.Equal(
            ["`cloudtrail` resources{}.ARN=*", "eval arn='resources{}.ARN'", "mvexpand arn", "fillnull value=\"\" arn", "stats count as count_ by arn", "`r_filter`"],
            Lines("where isnotempty(resources[*].ARN) | mv-expand arn = resources[*].ARN | summarize count() by arn"));
    }

    [Fact]
    public void AColumnNamedAsTheFieldItCopiesIsThatField()
    {
        // A leaf of the raw event, or its text, under its own SPL name: Splunk's table lists the extracted field.
        Assert.Equal(["`cloudtrail`", "table requestParameters.roleName, eventName", "`r_filter`"],
            Lines("project [\"requestParameters.roleName\"] = tostring(requestParameters.roleName), eventName"));
        Assert.Equal(["`cloudtrail`", "table requestParameters.roleName", "`r_filter`"], Lines("project [\"requestParameters.roleName\"] = requestParameters.roleName"));
        Assert.Equal(["`cloudtrail`", "table readOnly", "`r_filter`"], Lines("project readOnly = tostring(readOnly)"));
        // A column computed earlier under that name is the field SPL's eval wrote.
        Assert.Equal(["`cloudtrail`", "eval 'requestParameters.roleName'=(\"x\".coalesce(eventName, \"\"))", "table requestParameters.roleName", "`r_filter`"],
            Lines("extend [\"requestParameters.roleName\"] = strcat(\"x\", eventName) | project [\"requestParameters.roleName\"] = tostring(requestParameters.roleName)"));
        // The field keeps its value, so other columns may read it.
        Assert.Equal(["`cloudtrail`", "eval r=(coalesce('requestParameters.roleName', \"\").\"x\")", "table requestParameters.roleName, r", "`r_filter`"],
            Lines("project [\"requestParameters.roleName\"] = tostring(requestParameters.roleName), r = strcat(requestParameters.roleName, \"x\")"));
        // A count's text is its decimal digits, as in SPL.
        Assert.Equal(["`cloudtrail`", "fillnull value=\"\" eventName", "stats count as n by eventName", "table eventName, n", "`r_filter`"],
            Lines("summarize n = count() by eventName | project eventName, n = tostring(n)"));
        // A source field Splunk reads under another name is renamed, not the same field.
        Assert.Equal(["`cloudtrail`", "rename result_id as errorCode", "table errorCode", "`r_filter`"], Lines("project errorCode = tostring(errorCode)"));
    }

    [Fact]
    public void ATableOfExtractedFieldsMatchesItsGoldenFile() =>
        // Renamed, computed and same-name columns of raw-event leaves in one project.
        SplGolden.Matches(string.Join("\n", Lines("where eventName == \"AssumeRole\" | project sourceIPAddress, user_agent = userAgent, [\"requestParameters.roleName\"] = tostring(requestParameters.roleName), "
            + "[\"responseElements.credentials.expiration\"] = responseElements.credentials.expiration, readOnly = tostring(readOnly), role = strcat(\"role/\", requestParameters.roleName)")) + "\n",
            "Splunk", "constructs", "table_of_extracted_fields.spl");

    [Theory]
    [InlineData("project requestParameters = tostring(requestParameters)")] // an object's JSON text: Splunk has only its leaves
    [InlineData("project resources = tostring(resources)")] // an array's JSON text: Splunk has a multivalue field
    [InlineData("project [\"userIdentity.sessionContext.attributes.creationDate\"] = tostring(userIdentity.sessionContext.attributes.creationDate)")] // ISO text, epoch seconds in SPL
    [InlineData("summarize a = avg(toreal(eventVersion)) by eventName | project eventName, a = tostring(a)")] // SPL's text of a real may differ
    [InlineData("project [\"requestParameters.roleName\"] = strcat(requestParameters.roleName, \"x\")")] // computed from the field it replaces
    [InlineData("project [\"resources{}.ARN\"] = tostring(resources[*].ARN)")] // a member list's JSON text: Splunk has a multivalue field
    public void AColumnThatChangesTheFieldItsNameReadsIsRefused(string query)
    {
        var template = CompiledRules.Named(CloudTrail);
        var bound = QueryBinder.Bind(QueryParser.Parse(query).Query!, BindingContext.For(template.DataSource, []));
        Assert.False(bound.HasErrors, string.Join("\n", bound.Diagnostics));
        var diagnostics = SplEmitter.Emit(new CompiledRule(template.Rule, template.DataSource, bound)).Diagnostics;
        Assert.Contains(diagnostics, d => d.Code == SplDiagnostics.NotSpellable && d.Message.Contains("both computed and read", StringComparison.Ordinal));
    }

    private static string FirstLine(string query, string rule = CloudTrail) => Lines(query, rule)[0];

    /// <summary>The SPL of <paramref name="query"/> over the data source of <paramref name="rule"/>, one command per entry, "| " removed, the filter macro as `r_filter`.</summary>
    private static List<string> Lines(string query, string rule = CloudTrail)
    {
        var template = CompiledRules.Named(rule);
        var parsed = QueryParser.Parse(query);
        Assert.True(parsed.Succeeded, string.Join("\n", parsed.Diagnostics));
        var lists = RuleRepository.Load(Path.Combine(RepositoryPaths.Root, "rules")).Lists;
        var bound = QueryBinder.Bind(parsed.Query!, BindingContext.For(template.DataSource, lists));
        Assert.False(bound.HasErrors, string.Join("\n", bound.Diagnostics));
        var result = SplEmitter.Emit(new CompiledRule(template.Rule, template.DataSource, bound));
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return [.. result.Spl.Replace($"`{rule}_filter`", "`r_filter`", StringComparison.Ordinal).Split('\n').Select(l => l.StartsWith("| ", StringComparison.Ordinal) ? l[2..] : l)];
    }
}
