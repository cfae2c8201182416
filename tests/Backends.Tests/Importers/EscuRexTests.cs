using RuleCompiler.Backends.Hosting;
using RuleCompiler.Backends.Splunk;
using RuleCompiler.Backends.Splunk.Emit;
using RuleCompiler.Backends.Tests.CSharp;
using RuleCompiler.Backends.Tests.Sentinel;
using RuleCompiler.Compiler.Catalogues;
using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Importers;
using RuleCompiler.Importers.Escu;
using RuleCompiler.Importers.Verification;
using Xunit;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary>
/// SPL rex: named groups as extract() of their numbers where the regex matches, the field's earlier value (null for a
/// new one) elsewhere, as SPL leaves it; run on hand-made CloudTrail events through the C# backend; compiled back to
/// the same rex, to KQL that Kusto.Language accepts; and the forms that would change meaning refused at the construct.
/// </summary>
public class EscuRexTests
{
    private static readonly string[] Events =
    [
        """{"eventTime": "2024-06-01T07:30:01Z", "eventID": "1", "eventName": "PutBucketAcl", "userAgent": "aws-cli/2.15.0 Python/3.11"}""",
        """{"eventTime": "2024-06-01T07:30:02Z", "eventID": "2", "eventName": "PutBucketAcl", "userAgent": "console.amazonaws.com"}""",
        """{"eventTime": "2024-06-01T07:30:03Z", "eventID": "3", "eventName": "PutBucketAcl"}""",
    ];

    private const string TwoGroups = "`cloudtrail` eventName=PutBucketAcl | rex field=userAgent \"^(?<tool>[\\w-]+)/(?<version>[\\d.]+)\"";

    private static SplTranslation Translate(string spl) => SplQueryTranslator.Translate(spl, EscuScratch.Context);

    private static string Search(string spl)
    {
        var result = Translate(spl);
        Assert.True(result.Search is not null, string.Join("\n", result.Diagnostics));
        return result.Search!;
    }

    private static List<RuleCompiler.Runtime.Rows.Row> Run(string spl) => RuleHarness.Run(QueryParser.Parse(Search(spl)).Query!, Events);

    private static Compiler.Diagnostics.Diagnostic Refused(string spl, string code)
    {
        var result = Translate(spl);
        Assert.Null(result.Search);
        return Assert.Single(result.Diagnostics, d => d.Code == code);
    }

    [Fact]
    public void Each_named_group_is_its_numbered_extract_where_the_regex_matches_and_null_elsewhere()
    {
        const string Pattern = "\"^([\\\\w-]+)/([\\\\d.]+)\"";
        Assert.Equal(
            "where eventName =~ \"PutBucketAcl\"\n"
            + $"| extend tool = iif(userAgent matches regex {Pattern}, extract({Pattern}, 1, userAgent), null),\n"
            + $"         version = iif(userAgent matches regex {Pattern}, extract({Pattern}, 2, userAgent), null)\n",
            Search(TwoGroups));
        Assert.Contains(Translate(TwoGroups).Notes, n => n.Message.Contains("rex sets a field only where its regex matches", StringComparison.Ordinal));
    }

    [Fact]
    public void A_rex_that_does_not_match_leaves_a_new_field_null()
    {
        var rows = Run(TwoGroups + " | table eventID tool version");
        Assert.Equal(["eventID=1, tool=aws-cli, version=2.15.0", "eventID=2, tool=, version=", "eventID=3, tool=, version="], rows.Select(RuleHarness.Text));
        // Null, not the empty text extract() gives for no match.
        Assert.All(rows.Skip(1), r => Assert.True(r.GetTop("tool").IsNull && r.GetTop("version").IsNull));
    }

    [Fact]
    public void A_rex_that_does_not_match_leaves_an_existing_field_as_it_was()
    {
        Assert.Contains(
            "extend userAgent = iif(userAgent matches regex \"^([\\\\w-]+)/\", extract(\"^([\\\\w-]+)/\", 1, userAgent), userAgent)\n",
            Search("`cloudtrail` | rex field=userAgent \"^(?<userAgent>[\\w-]+)/\""));
        Assert.Equal(
            ["eventID=1, userAgent=aws-cli", "eventID=2, userAgent=console.amazonaws.com", "eventID=3, userAgent="],
            Run("`cloudtrail` | rex field=userAgent \"^(?<userAgent>[\\w-]+)/\" | table eventID userAgent").Select(RuleHarness.Text));
        Assert.Equal(
            ["eventID=1, kind=cli", "eventID=2, kind=other", "eventID=3, kind=other"],
            Run("`cloudtrail` | eval kind=\"other\" | rex field=userAgent \"^aws-(?<kind>[a-z]+)/\" | table eventID kind").Select(RuleHarness.Text));
    }

    [Fact]
    public void A_group_named_as_the_field_it_reads_is_assigned_last_so_the_others_read_the_field_as_rex_does() =>
        Assert.Equal(
            ["eventID=1, userAgent=aws-cli, version=2.15.0", "eventID=2, userAgent=console.amazonaws.com, version=", "eventID=3, userAgent=, version="],
            Run("`cloudtrail` | rex field=userAgent \"^(?<userAgent>[\\w-]+)/(?<version>[\\d.]+)\" | table eventID userAgent version").Select(RuleHarness.Text));

    [Fact]
    public void The_PCRE_end_anchor_keeps_its_meaning_before_a_final_newline()
    {
        var search = Search("`cloudtrail` | rex field=userAgent \"/(?<rest>[^/]+)$\"");
        Assert.Contains("\"/([^/]+)\\\\n?$\"", search, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("`cloudtrail` | rex field=userAgent max_match=0 \"(?<a>\\w+)\"", EscuDiagnosticCodes.UntranslatedRex, 46, "every match")]
    [InlineData("`cloudtrail` | rex field=userAgent max_match=3 \"(?<a>\\w+)\"", EscuDiagnosticCodes.UntranslatedRex, 46, "up to 3 matches")]
    [InlineData("`cloudtrail` | rex field=userAgent mode=sed \"s/a/b/g\"", EscuDiagnosticCodes.UntranslatedRex, 41, "sed expression")]
    [InlineData("`cloudtrail` | rex field=userAgent offset_field=at \"(?<a>\\w+)\"", EscuDiagnosticCodes.UntranslatedRex, 49, "offset_field")]
    [InlineData("`cloudtrail` | rex field=userAgent \"(?<a>\\w+)(?=/)\"", EscuDiagnosticCodes.UnportableRegex, 46, "lookahead")]
    [InlineData("`cloudtrail` | rex field=userAgent \"(?<a>\\w+)\\\\1\"", EscuDiagnosticCodes.UnportableRegex, 46, "backreference")]
    [InlineData("`cloudtrail` | rex field=userAgent \"(?<a>\\w++)\"", EscuDiagnosticCodes.UnportableRegex, 45, "possessive")]
    [InlineData("`cloudtrail` | rex field=userAgent \"x(?<a>\\w+)?\"", EscuDiagnosticCodes.UntranslatedRex, 38, "can leave out")]
    [InlineData("`cloudtrail` | rex field=userAgent \"(?<a>x)|(?<b>y)\"", EscuDiagnosticCodes.UntranslatedRex, 37, "can leave out")]
    [InlineData("`cloudtrail` | rex field=userAgent \"(\\w+)/\"", EscuDiagnosticCodes.UntranslatedRex, 36, "no field")]
    [InlineData("`cloudtrail` | rex field=userAgent \"(?<host>\\w+)\"", EscuDiagnosticCodes.UntranslatedRex, 37, "field 'host' of its own")]
    [InlineData("`cloudtrail` | rex field=userAgent \"(?<_KEY_1>\\w+)\"", EscuDiagnosticCodes.UntranslatedRex, 37, "group name")]
    [InlineData("`cloudtrail` | rex field=userAgent \"(?<eventTime>\\w+)\"", EscuDiagnosticCodes.UntranslatedRex, 36, "datetime field")]
    [InlineData("`cloudtrail` | rex field=userAgent \"(?<errorCode>\\w+)\"", EscuDiagnosticCodes.UntranslatedRex, 36, "reads that as result_id")]
    [InlineData("`cloudtrail` | rex field=userAgent \"(?<userIdentity>\\w+)\"", EscuDiagnosticCodes.UntranslatedRex, 36, "the dynamic field 'userIdentity'")]
    [InlineData("`amazon_security_lake` | rex field=http_request.user_agent \"(?<actor>\\w+)\"", EscuDiagnosticCodes.UntranslatedRex, 60, "an object of the events")]
    [InlineData("`cloudtrail` | rex \"user=(?<u>\\w+)\"", EscuDiagnosticCodes.UntranslatedRex, 20, "raw text")]
    [InlineData("`cloudtrail` | rex field=_raw \"(?<j>{.+})\" | eval n=j | table n", EscuDiagnosticCodes.RawEventText, 53, "raw event's JSON text")]
    [InlineData("`cloudtrail` | rex field=_raw \"(?<j>{.+})\" | spath input=j | table eventName", EscuDiagnosticCodes.RawEventText, 58, "without path=")]
    [InlineData("`cloudtrail` | rex field=_raw \"(?<j>{.+})\" | where eventName=\"x\"", EscuDiagnosticCodes.RawEventText, 31, "ends in events")]
    [InlineData("`amazon_security_lake` | rex field=_raw \"(?<j>{.+})\" | spath input=j path=api.operation output=op | table op", EscuDiagnosticCodes.UntranslatedRex, 36, "one JSON object per line")]
    public void Forms_that_would_change_meaning_are_refused_at_the_construct(string spl, string code, int column, string says)
    {
        var diagnostic = Refused(spl, code);
        Assert.Equal((1, column), (diagnostic.Span.Line, diagnostic.Span.Column));
        Assert.Contains(says, diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Spath_of_the_whole_events_json_text_reads_the_events_own_fields()
    {
        Assert.Equal(
            "extend bucket = requestParameters.bucketName\n| project bucket\n",
            Search("`cloudtrail` | rex field=_raw \"(?<j>\\{.+\\})\" | spath input=j path=requestParameters.bucketName output=bucket | table bucket"));
        // Reading j is refused only while it holds the raw text: set again, it is a column like any other.
        Assert.Contains("extend j = \"x\"", Search("`cloudtrail` | rex field=_raw \"(?<j>{.+})\" | eval j=\"x\" | table j"), StringComparison.Ordinal);
        Assert.Equal("project eventName\n", Search("`cloudtrail` | rex field=_raw \"(?<j>{.+})\" | fields - j | table eventName"));
    }

    [AnalyzerFact]
    public void Rex_on_a_field_binds_runs_compiles_to_accepted_kql_and_round_trips_through_spl()
    {
        Verified(TwoGroups + " | stats count by tool version");
        Verified("`cloudtrail` eventName=PutBucketAcl | rex field=userAgent \"^(?<userAgent>[\\w-]+)/(?<version>[^ ]+) \\w+/\" | table userAgent version");
        Verified("`cloudtrail` | rex field=requestParameters.bucketName \"^(?<prefix>[a-z]+)-(?<rest>.*)$\" | stats count by prefix rest");
    }

    private static readonly string HeldOut = Path.Combine(RepositoryPaths.Corpus, "splunk", "security_content", "detections", "cloud", "detect_new_open_s3_buckets.yml");

    [CorpusAnalyzerFact]
    public void The_held_out_open_bucket_rule_imports_binds_compiles_to_accepted_kql_runs_and_round_trips()
    {
        Verified(null, HeldOut, written =>
        {
            // The Splunk target (capability pass and emitter) compiles it: the array is read with spath path=...{}.
            var compilation = EscuScratch.Compile(written);
            Assert.DoesNotContain(RuleCompilerHost.Check(new SplunkTarget(), compilation), d => d.IsError);
            var spl = SplEmitter.Emit(compilation.Rules.Single());
            Assert.False(spl.HasErrors, string.Join("\n", spl.Diagnostics));
            Splunk.SplGolden.Matches(spl.Spl + "\n", "SplunkRex", "detect_new_open_s3_buckets.spl");
        });
    }

    [CorpusFact]
    public void The_held_out_open_bucket_rule_finds_a_grant_to_all_users_and_no_other_grant()
    {
        var yaml = new YamlDotNet.RepresentationModel.YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(HeldOut)));
        var search = ((YamlDotNet.RepresentationModel.YamlScalarNode)((YamlDotNet.RepresentationModel.YamlMappingNode)yaml.Documents[0].RootNode).Children["search"]).Value!;
        var translated = SplQueryTranslator.Translate(search, EscuScratch.Context.WithMacrosAbove(HeldOut));
        Assert.True(translated.Search is not null, string.Join("\n", translated.Diagnostics));
        const string Grants = """
            [{"Grantee": {"URI": "http://acs.amazonaws.com/groups/global/AllUsers"}, "Permission": "READ"},
             {"Grantee": {"ID": "0a1b"}, "Permission": "FULL_CONTROL"},
             {"Grantee": {"URI": "http://acs.amazonaws.com/groups/s3/LogDelivery"}, "Permission": "WRITE"}]
            """;
        var acl = "{\"eventTime\": \"2024-06-01T07:30:01Z\", \"eventSource\": \"s3.amazonaws.com\", \"eventName\": \"PutBucketAcl\", \"userAgent\": \"aws-cli/2\","
            + " \"userIdentity\": {\"arn\": \"arn:aws:iam::111122223333:user/alice\", \"principalId\": \"AIDA1\"},"
            + " \"requestParameters\": {\"bucketName\": \"reports\", \"AccessControlPolicy\": {\"AccessControlList\": {\"Grant\": " + Grants + "}}}}";
        var rows = RuleHarness.Run(QueryParser.Parse(translated.Search!).Query!, acl, acl.Replace("AllUsers", "Owners", StringComparison.Ordinal).Replace("reports", "private", StringComparison.Ordinal));
        var row = Assert.Single(rows);
        Assert.Equal(["reports", "http://acs.amazonaws.com/groups/global/AllUsers", "READ", "1"],
            new[] { "bucketName", "uri", "permission", "count" }.Select(c => row.GetTop(c).ToText()));
    }

    /// <summary>Imports and verifies one rule (a search, or an ESCU file); <paramref name="then"/> reads the written canonical rule.</summary>
    internal static void Verified(string? search, string? file = null, Action<string>? then = null)
    {
        using var scratch = new EscuScratch();
        var source = file ?? Path.Combine(scratch.Root, "source.yml");
        if (file is null)
        {
            File.WriteAllText(source, EscuImporterTests.Header + "search: '" + search!.Replace("'", "''", StringComparison.Ordinal) + "'\n");
        }

        var outDir = Path.Combine(scratch.Root, "rules", "imported", "verified");
        var imported = ImportBatch.Run(new EscuImporter(AttackCatalogue.Default, EscuScratch.Context.WithMacrosAbove(source)), [source], outDir, p => p);
        var verified = Assert.Single(ImportVerifier.Verify("escu", imported, outDir, p => p,
            new EscuRoundTripComparer(EscuScratch.Context), (tables, queries) => AnalyzerFactAttribute.Analyzer.Analyze(tables, queries), []).Rules);
        Assert.True(verified.Bound, verified.BindReason);
        Assert.True(verified.KqlAccepted, verified.KqlReason);
        Assert.True(verified.CSharpRan, verified.CSharpReason);
        Assert.True(verified.RoundTrip, verified.RoundTripReason);
        then?.Invoke(Path.Combine(outDir, imported.Single().FileName!));
    }
}
