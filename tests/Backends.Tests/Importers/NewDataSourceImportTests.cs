using RuleCompiler.Backends.CSharp;
using RuleCompiler.Backends.Sentinel.Analysis;
using RuleCompiler.Backends.Sentinel.Emit;
using RuleCompiler.Backends.Tests.CSharp;
using RuleCompiler.Backends.Tests.Cli;
using RuleCompiler.Backends.Tests.Sentinel;
using RuleCompiler.Compiler.Catalogues;
using RuleCompiler.Compiler.Compilation;
using RuleCompiler.Importers;
using RuleCompiler.Importers.Escu;
using RuleCompiler.Importers.Verification;
using Xunit;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary>
/// ESCU searches of this test's own on the data sources aws_securityhub (`aws_securityhub_finding`, ASFF findings),
/// k8s_audit (`kube_audit`, Kubernetes audit events) and asl_aws_cloudtrail in Security Lake's first layout (identity.*):
/// each imports, binds and round-trips through SPL, the C# backend runs it on hand-made events, and Sentinel either
/// reads the right columns or says why it cannot. Searches outside what these sources define are still refused.
/// </summary>
public sealed class NewDataSourceImportTests
{
    private const string Header = EscuImporterTests.Header;

    // Fictitious findings in ASFF: an EC2 instance, an S3 bucket, an access key, a Lambda function (no pattern: the
    // text after the id's last colon), an instance id the pattern does not match, an actor resource, and a LOW one.
    private static readonly string[] Findings =
    [
        Finding("f1", "HIGH", "AwsEc2Instance", "arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc123"),
        Finding("f2", "HIGH", "AwsEc2Instance", "arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc123"),
        Finding("f3", "HIGH", "AwsS3Bucket", "arn:aws:s3:::my-bucket"),
        Finding("f4", "HIGH", "AwsIamAccessKey", "AWS::IAM::AccessKey:AKIAEXAMPLEKEY"),
        Finding("f5", "HIGH", "AwsLambdaFunction", "arn:aws:lambda:eu-west-1:111122223333:function:fn1"),
        Finding("f6", "HIGH", "AwsEc2Instance", "i-0def456"),
        Finding("f7", "HIGH", "AwsEc2Instance", "arn:aws:ec2:eu-west-1:111122223333:instance/i-0actor", role: "ACTOR"),
        Finding("f8", "LOW", "AwsEc2Instance", "arn:aws:ec2:eu-west-1:111122223333:instance/i-0low"),
    ];

    private static string Finding(string id, string severity, string type, string resourceId, string role = "TARGET") =>
        $$"""{"SchemaVersion":"2018-10-08","Id":"{{id}}","ProductArn":"arn:aws:securityhub:eu-west-1::product/aws/guardduty","GeneratorId":"g","AwsAccountId":"111122223333","Types":["TTPs/Discovery"],"CreatedAt":"2024-11-18T09:00:00Z","UpdatedAt":"2024-11-18T09:05:00Z","Severity":{"Label":"{{severity}}","Normalized":70},"Title":"T {{id}}","Description":"D","Resources":[{"Type":"{{type}}","Id":"{{resourceId}}","Region":"eu-west-1","ResourceRole":"{{role}}"}]}""";

    [Fact]
    public void A_security_hub_search_derives_the_add_on_fields_round_trips_and_runs_on_findings()
    {
        var (verified, imported, rows) = ImportAndRun(
            "`aws_securityhub_finding` Severity.Label=HIGH | stats count values(vendor_region) as regions by dest vendor_account severity",
            Findings);

        Assert.True(verified.Bound, verified.BindReason);
        Assert.True(verified.RoundTrip == true, verified.RoundTripReason);
        Assert.True(verified.CSharpRan == true, verified.CSharpReason);
        Assert.Contains(imported.Diagnostics, d => d.Code == EscuDiagnosticCodes.DerivedField && d.Message.Contains("'dest' of aws:securityhub:finding", StringComparison.Ordinal)
            && d.Message.Contains("not reproduced", StringComparison.Ordinal));
        Assert.Contains(imported.Diagnostics, d => d.Code == EscuDiagnosticCodes.DerivedField && d.Message.Contains("'severity' of aws:securityhub:finding is derived as tolower(Severity.Label)", StringComparison.Ordinal));

        // The add-on's extractions by resource type; an actor resource and an id no pattern matches give no dest, so
        // SPL's stats by dest leaves those two findings out.
        Assert.Equal(
            [
                "dest=AKIAEXAMPLEKEY, vendor_account=111122223333, severity=high, count=1, regions=[\"eu-west-1\"]",
                "dest=fn1, vendor_account=111122223333, severity=high, count=1, regions=[\"eu-west-1\"]",
                "dest=i-0abc123, vendor_account=111122223333, severity=high, count=2, regions=[\"eu-west-1\"]",
                "dest=my-bucket, vendor_account=111122223333, severity=high, count=1, regions=[\"eu-west-1\"]",
            ],
            rows.Order(StringComparer.Ordinal));

        // No Log Analytics table holds Security Hub findings: the Sentinel target says so instead of guessing one.
        NotBuiltForSentinel(verified, "RC4104", "no Log Analytics table holds AWS Security Hub findings");
    }

    [Fact]
    public void A_security_hub_search_reading_a_field_the_add_on_does_not_define_for_findings_is_still_refused()
    {
        // src_ip is a CloudTrail CIM name; for findings the add-on derives it from GuardDuty product fields, not reproduced.
        var (verified, _, _) = ImportAndRun("`aws_securityhub_finding` | stats count by src_ip", Findings);
        Assert.False(verified.Bound);
        Assert.Contains("src_ip", verified.BindReason, StringComparison.Ordinal);

        // An indexed array member is no field of the findings.
        var (indexed, _, _) = ImportAndRun("`aws_securityhub_finding` | stats count by Resources{0}.Id", Findings);
        Assert.False(indexed.Bound);

        // dest stays a plain field name on CloudTrail: the Security Hub table is for ASFF findings only.
        var (cloudTrail, _, _) = ImportAndRun("`cloudtrail` | stats count by dest", []);
        Assert.False(cloudTrail.Bound);
    }

    private static string Audit(string id, string verb, string resource, string user, params string[] ips) =>
        $$"""{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"{{id}}","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/prod/{{resource}}","verb":"{{verb}}","user":{"username":"{{user}}","groups":["system:authenticated"]},"sourceIPs":[{{string.Join(",", ips.Select(i => "\"" + i + "\""))}}],"userAgent":"kubectl/v1.29.0","objectRef":{"resource":"{{resource}}","namespace":"prod","apiVersion":"v1"},"responseStatus":{"code":200},"requestReceivedTimestamp":"2024-11-18T09:00:00.000000Z","stageTimestamp":"2024-11-18T09:00:00.010000Z"}""";

    [Fact]
    public void A_kubernetes_audit_search_groups_by_each_source_address_round_trips_and_runs()
    {
        var (verified, imported, rows) = ImportAndRun(
            "`kube_audit` verb=delete objectRef.resource=secrets | fillnull | stats count by user.username objectRef.namespace sourceIPs{} | rename sourceIPs{} as src_ip, user.username as user",
            Audit("a1", "delete", "secrets", "alice", "198.51.100.1", "198.51.100.2"),
            Audit("a2", "get", "secrets", "alice", "198.51.100.1"),
            Audit("a3", "delete", "secrets", "bob", "198.51.100.1"),
            Audit("a4", "delete", "pods", "carol", "198.51.100.3"));

        Assert.True(verified.Bound, verified.BindReason);
        Assert.True(verified.RoundTrip == true, verified.RoundTripReason);
        Assert.Contains("| mv-expand [\"sourceIPs{}\"] = sourceIPs[*]\n", imported.Yaml, StringComparison.Ordinal);
        // SPL's fillnull would keep an event without addresses under "0"; mv-expand drops it, which a note says.
        Assert.Contains(imported.Diagnostics, d => d.Code == EscuDiagnosticCodes.FidelityNote && d.Message.Contains("'sourceIPs{}'", StringComparison.Ordinal));
        // One row per address (SPL groups a multivalue by-field value by value); the event's nested values are kept.
        Assert.Equal(
            [
                "objectRef.namespace=prod, count=1, src_ip=198.51.100.1, user=alice",
                "objectRef.namespace=prod, count=1, src_ip=198.51.100.1, user=bob",
                "objectRef.namespace=prod, count=1, src_ip=198.51.100.2, user=alice",
            ],
            rows.Order(StringComparer.Ordinal));

        // The audit fields are read below AWSEKSLogs' RawEvent, but the bare fillnull puts the text "0" into the
        // expanded address column, which is dynamic in KQL.
        NotBuiltForSentinel(verified, "RC4105", "'sourceIPs{}'");
    }

    [Fact]
    public void A_kubernetes_audit_search_with_an_indexed_or_undeclared_array_member_is_still_refused()
    {
        var (indexed, _, _) = ImportAndRun("`kube_audit` | stats count by sourceIPs{0}");
        Assert.False(indexed.Bound);
        // A{} below a field that is no array of the source (verb is a string) has no canonical path.
        var result = Import("`kube_audit` | stats count by verb{}");
        Assert.Contains(result.Diagnostics, d => d.Code == EscuDiagnosticCodes.UnsupportedArgument && d.Message.Contains("verb{}", StringComparison.Ordinal));
    }

    // Security Lake 1.0 (OCSF 1.0.0-rc.2) CloudTrail records put the caller under identity; 2.0 under actor.
    private static string Lake10(string ip, string key, string name) =>
        """{"class_uid":3005,"category_uid":3,"time":1700000000000,"metadata":{"version":"1.0.0-rc.2","product":{"name":"CloudTrail"}},"api":{"operation":"DescribeEventAggregates"},"src_endpoint":{"ip":"""
        + "\"" + ip + "\"},\"identity\":{\"user\":{\"type\":\"IAMUser\",\"name\":\"" + name + "\",\"uid\":\"AIDAEXAMPLE\",\"uuid\":\"arn:aws:iam::111122223333:user/" + name
        + "\",\"credential_uid\":\"" + key + "\",\"account_uid\":\"111122223333\"}}}";

    private const string Lake20 = """{"class_uid":6003,"category_uid":6,"time":1700000000000,"metadata":{"version":"1.1.0"},"api":{"operation":"DescribeEventAggregates"},"src_endpoint":{"ip":"192.0.2.9"},"actor":{"user":{"name":"alice","credential_uid":"AKIAONE"}}}""";

    [Fact]
    public void A_security_lake_search_on_the_first_layout_binds_runs_and_reads_the_same_sentinel_columns()
    {
        var (verified, _, rows) = ImportAndRun(
            "`amazon_security_lake` api.operation=DescribeEventAggregates | bin span=5m _time | stats dc(src_endpoint.ip) as ips by identity.user.credential_uid identity.user.name | where ips > 1 | rename identity.user.name as user",
            Lake10("192.0.2.1", "AKIAONE", "alice"), Lake10("192.0.2.2", "AKIAONE", "alice"), Lake10("192.0.2.1", "AKIATWO", "bob"), Lake20);

        Assert.True(verified.Bound, verified.BindReason);
        Assert.True(verified.RoundTrip == true, verified.RoundTripReason);
        // The 2.0 record has no identity object: it does not count towards alice's key.
        Assert.Equal(["identity.user.credential_uid=AKIAONE, ips=2, user=alice"], rows);

        using var scratch = new EscuScratch();
        var file = scratch.Write("lake.yml", """
            # yaml-language-server: $schema=../../../schemas/rule.schema.json
            id: 7c7b1d0e-55a1-4b0c-9a0e-0b8f4f1f2a21
            name: Lake first layout
            version: 1
            date: 2026-11-30
            author: tester
            status: experimental
            type: hunting
            description: Calls by one user without MFA, in Security Lake's first layout.
            data_source: asl_aws_cloudtrail
            search: |
              where identity.user.uuid == "arn:aws:iam::111122223333:user/alice" and identity.session.mfa == false
              | project identity.user.credential_uid, identity.user.uid
            schedule:
              frequency: 1h
              lookback: 1h

            """);
        var result = EscuScratch.Compile(file);
        var compiled = Assert.Single(result.Rules);
        var kql = KqlEmitter.Emit(compiled.Query, compiled.Rule, KustoTable.FromDataSources([compiled.DataSource]));
        Assert.Contains("UserIdentityArn == \"arn:aws:iam::111122223333:user/alice\"", kql.Text, StringComparison.Ordinal);
        Assert.Contains("UserIdentityAccessKeyId", kql.Text, StringComparison.Ordinal);
        Assert.Contains("UserIdentityPrincipalid", kql.Text, StringComparison.Ordinal);
        Assert.Contains("SessionMfaAuthenticated", kql.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_layout_is_only_a_security_lake_layout()
    {
        var (verified, _, _) = ImportAndRun("`cloudtrail` | stats count by identity.user.name", []);
        Assert.False(verified.Bound);
        Assert.Contains("identity.user.name", verified.BindReason, StringComparison.Ordinal);
    }

    [AnalyzerFact]
    public void Rules_on_the_new_data_sources_build_for_every_target()
    {
        using var scratch = new EscuScratch();
        var k8s = Path.Combine(scratch.Root, "rules", "k8s");
        Directory.CreateDirectory(k8s);
        File.WriteAllText(Path.Combine(k8s, "kubernetes_requests_per_hour.yml"), """
            # yaml-language-server: $schema=../../schemas/rule.schema.json
            id: e1d4cb09-7295-4e5a-8082-aa3317535c36
            name: Kubernetes requests per hour
            version: 1
            date: 2026-11-30
            author: tester
            status: experimental
            type: hunting
            description: Counts Kubernetes API requests per hour.
            data_source: k8s_audit
            search: |
              summarize requests = count() by hour = bin(_time, 1h)
            schedule:
              frequency: 1h
              lookback: 1h
            tests:
              - name: two requests in one hour are counted together
                events:
                  - {kind: Event, apiVersion: audit.k8s.io/v1, auditID: a1, stage: ResponseComplete, verb: get, requestReceivedTimestamp: "2024-11-18T09:00:00Z"}
                  - {kind: Event, apiVersion: audit.k8s.io/v1, auditID: a2, stage: ResponseComplete, verb: list, requestReceivedTimestamp: "2024-11-18T09:30:00Z"}
                expect:
                  count: 1

            """);
        File.WriteAllText(Path.Combine(k8s, "security_hub_high_findings.yml"), """
            # yaml-language-server: $schema=../../schemas/rule.schema.json
            id: 5b0f0a43-1f7e-4f57-9a59-6a7b7e0f2c11
            name: Security Hub high findings
            version: 1
            date: 2026-11-30
            author: tester
            status: experimental
            type: hunting
            description: High and critical Security Hub findings per account.
            data_source: aws_securityhub
            search: |
              where Severity.Label in ("HIGH", "CRITICAL") and Resources[*].Type == "AwsEc2Instance"
              | summarize findings = count() by AwsAccountId
            schedule:
              frequency: 1h
              lookback: 1h

            """);

        var dist = Path.Combine(scratch.Root, "dist");
        var (exit, output, error) = CliRunner.Run(scratch.Root, "build", "rules", "--out", dist);
        Assert.True(exit == 0, output + error);
        // Security Hub: C# and Splunk, and a warning instead of a Sentinel rule; Kubernetes: all three, Kusto-checked.
        Assert.Contains("warning RC4104", error, StringComparison.Ordinal);
        Assert.Contains("no Log Analytics table holds AWS Security Hub findings", error, StringComparison.Ordinal);
        var sentinel = Directory.EnumerateFiles(Path.Combine(dist, "sentinel", "AnalyticRules")).Select(Path.GetFileName).ToList();
        Assert.Equal(["KubernetesRequestsPerHour.yaml"], sentinel);
        Assert.Contains("AWSEKSLogs", File.ReadAllText(Path.Combine(dist, "sentinel", "AnalyticRules", "KubernetesRequestsPerHour.yaml")), StringComparison.Ordinal);
        var macros = File.ReadAllText(Directory.EnumerateFiles(Path.Combine(dist, "splunk"), "macros.conf", SearchOption.AllDirectories).Single());
        Assert.Contains("definition = sourcetype=aws:securityhub:finding", macros, StringComparison.Ordinal);
        Assert.Contains("definition = source=\"kubernetes\"", macros, StringComparison.Ordinal);

        var test = CliRunner.Run(scratch.Root, "test", "rules");
        Assert.True(test.Exit == 0, test.Out + test.Error);
    }

    internal static void NotBuiltForSentinel(RuleVerification verified, string code, string reason)
    {
        Assert.Equal(false, verified.KqlAccepted);
        Assert.Contains(code, verified.KqlReason, StringComparison.Ordinal);
        Assert.Contains(reason, verified.KqlReason, StringComparison.Ordinal);
    }

    internal static ImportedRule Import(string search) =>
        new EscuImporter(AttackCatalogue.Default, EscuScratch.Context).Import("rule.yml", Header + "search: '" + search.Replace("'", "''", StringComparison.Ordinal) + "'\n", "../../../schemas/rule.schema.json");

    /// <summary>The search imported and verified (Kusto not run: the KQL reason is the emitter's), and its C# output rows.</summary>
    internal static (RuleVerification Verified, ImportedRule Imported, List<string> Rows) ImportAndRun(string search, params string[] events)
    {
        using var scratch = new EscuScratch();
        var source = Path.Combine(scratch.Root, "source.yml");
        File.WriteAllText(source, Header + "search: '" + search.Replace("'", "''", StringComparison.Ordinal) + "'\n");
        var output = Path.Combine(scratch.Root, "rules", "imported", "verified");
        var imported = ImportBatch.Run(new EscuImporter(AttackCatalogue.Default, EscuScratch.Context), [source], output, p => p);
        var verified = Assert.Single(ImportVerifier.Verify("escu", imported, output, p => p,
            new EscuRoundTripComparer(EscuScratch.Context), (_, _) => KustoAnalysis.Unavailable("not needed"), []).Rules);
        var rule = Assert.Single(imported);
        if (!verified.Bound)
        {
            return (verified, rule, []);
        }

        var compiled = Assert.Single(EscuScratch.Compile(Path.Combine(output, rule.FileName!)).Rules);
        using var set = RuleHarness.Compile([RuleSources.From(compiled, "rule.yml")]);
        return (verified, rule, [.. RuleHarness.Run(set.Rules[0], events).Select(RuleHarness.Text)]);
    }
}
