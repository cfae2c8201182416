using RuleCompiler.Backends.Tests.Cli;
using RuleCompiler.Backends.Tests.Sentinel;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Importers.Escu;
using Xunit;
using static RuleCompiler.Backends.Tests.Importers.NewDataSourceImportTests;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary>
/// ESCU searches of this test's own on `aws_cloudwatchlogs_eks` (Kubernetes audit events that the Splunk Add-on for
/// AWS reads from CloudWatch Logs): they import, bind and round-trip through SPL; Splunk's default field source is
/// noted where it is read (RC5032), read by the C# run from the event's key source, and not built for Sentinel
/// (RC4101). Keyword searches over these events that read CloudTrail keys are refused at the keyword (RC5026) and at
/// each CloudTrail name (RC5033), and source is no field of the other sources.
/// </summary>
public sealed class EksCloudWatchImportTests
{
    private const string Stream = "us-east-1:/aws/eks/prod/cluster:kube-apiserver-audit-0a1b";
    private const string OtherStream = "us-east-1:/aws/eks/dev/cluster:kube-apiserver-audit-9f8e";

    // A Kubernetes audit event as Splunk exports it, with the default field source beside the event's keys (null: a
    // raw audit event, without it).
    private static string Audit(string id, string user, string verb, string resource, string? source, string groups, string ip) =>
        $$"""{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"{{id}}","stage":"ResponseComplete","requestURI":"/api/v1/{{resource}}","verb":"{{verb}}","user":{"username":"{{user}}","groups":[{{groups}}]},"sourceIPs":["{{ip}}"],"userAgent":"curl/8.5.0","objectRef":{"resource":"{{resource}}","apiVersion":"v1"},"responseStatus":{"code":403,"reason":"Forbidden"},"requestReceivedTimestamp":"2024-11-18T09:00:0{{id.Length}}.000000Z","stageTimestamp":"2024-11-18T09:00:09.000000Z"{{(source is null ? "" : $",\"source\":\"{source}\"")}}}""";

    [Fact]
    public void An_anonymous_secrets_scan_reads_source_as_the_cluster_round_trips_and_runs_on_exported_events()
    {
        var (verified, imported, rows) = ImportAndRun(
            "`aws_cloudwatchlogs_eks` \"user.username\"=\"system:anonymous\" verb=list objectRef.resource=secrets | rename source as cluster_name sourceIPs{} as src_ip | stats count values(responseStatus.code) as codes by src_ip cluster_name user.groups{}",
            Audit("e1", "system:anonymous", "list", "secrets", Stream, "\"system:unauthenticated\"", "203.0.113.7"),
            Audit("e22", "system:anonymous", "list", "secrets", Stream, "\"system:unauthenticated\"", "203.0.113.7"),
            Audit("e333", "system:anonymous", "list", "secrets", OtherStream, "\"system:unauthenticated\",\"x:extra\"", "203.0.113.8"),
            Audit("e4", "alice", "list", "secrets", Stream, "\"system:authenticated\"", "203.0.113.7"),
            Audit("e5", "system:anonymous", "get", "secrets", Stream, "\"system:unauthenticated\"", "203.0.113.7"));

        Assert.True(verified.Bound, verified.BindReason);
        Assert.True(verified.RoundTrip == true, verified.RoundTripReason);
        Assert.Contains("data_source: aws_cloudwatchlogs_eks\n", imported.Yaml, StringComparison.Ordinal);
        Assert.Contains("| extend cluster_name = source,\n", imported.Yaml, StringComparison.Ordinal);
        var note = Assert.Single(imported.Diagnostics, d => d.Code == EscuDiagnosticCodes.SplunkMetadataField);
        Assert.Equal(DiagnosticSeverity.Info, note.Severity);
        Assert.Equal(1 + "search: '`aws_cloudwatchlogs_eks` \"user.username\"=\"system:anonymous\" verb=list objectRef.resource=secrets | rename ".Length, note.Span.Column);
        Assert.Contains("the C# run reads the event's top-level key 'source'", note.Message, StringComparison.Ordinal);
        Assert.Contains("no column of AWSEKSLogs holds it", note.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(imported.Diagnostics, d => d.Code == EscuDiagnosticCodes.FieldOfAnotherSource);

        // One row per address, cluster stream and group (SPL splits multivalue by-fields value by value).
        Assert.Equal(
            [
                $"src_ip=203.0.113.7, cluster_name={Stream}, user.groups{{}}=system:unauthenticated, count=2, codes=[403]",
                $"src_ip=203.0.113.8, cluster_name={OtherStream}, user.groups{{}}=system:unauthenticated, count=1, codes=[403]",
                $"src_ip=203.0.113.8, cluster_name={OtherStream}, user.groups{{}}=x:extra, count=1, codes=[403]",
            ],
            rows.Order(StringComparer.Ordinal));

        NotBuiltForSentinel(verified, "RC4101", "AWSEKSLogs");
    }

    [Fact]
    public void Source_alone_is_what_keeps_a_search_from_Sentinel_and_a_raw_audit_event_has_none_in_CSharp()
    {
        var (verified, _, rows) = ImportAndRun(
            "`aws_cloudwatchlogs_eks` | stats count by source",
            Audit("r1", "bob", "get", "pods", Stream, "", "198.51.100.1"),
            Audit("r2", "bob", "get", "pods", null, "", "198.51.100.1"));

        Assert.True(verified.Bound, verified.BindReason);
        Assert.True(verified.RoundTrip == true, verified.RoundTripReason);
        // The exported event has source. The raw one has no key source: the C# run reads it as null, which summarize
        // groups as the empty key (Splunk gives every event a source, so it has no such event).
        Assert.Equal(["source=, count=1", $"source={Stream}, count=1"], rows.Order(StringComparer.Ordinal));
        NotBuiltForSentinel(verified, "RC4101", "no column of the Sentinel table AWSEKSLogs carries the field 'source' of aws_cloudwatchlogs_eks");
    }

    [Fact]
    public void A_column_the_search_names_source_itself_is_not_the_default_field()
    {
        var made = Import("`aws_cloudwatchlogs_eks` | eval source=verb | stats count by source");
        Assert.DoesNotContain(made.Diagnostics, d => d.Code == EscuDiagnosticCodes.SplunkMetadataField);
        // A value "source" in search terms is no read of the field either.
        var value = Import("`aws_cloudwatchlogs_eks` verb=source | stats count by verb");
        Assert.DoesNotContain(value.Diagnostics, d => d.Code == EscuDiagnosticCodes.SplunkMetadataField);
    }

    [Theory]
    [InlineData("`kube_audit` | stats count by source")]
    [InlineData("`cloudtrail` | stats count by source")]
    public void Source_is_no_field_of_the_other_sources(string search)
    {
        var (verified, imported, _) = ImportAndRun(search);
        Assert.False(verified.Bound);
        Assert.Contains("'source'", verified.BindReason, StringComparison.Ordinal);
        Assert.DoesNotContain(imported.Diagnostics, d => d.Code == EscuDiagnosticCodes.SplunkMetadataField);
    }

    [Fact]
    public void A_keyword_search_reading_cloudtrail_keys_over_eks_events_is_refused_at_the_keyword_and_at_each_key()
    {
        var result = Import("`aws_cloudwatchlogs_eks` DeleteTrail | spath eventName | search eventName=DeleteTrail userIdentity.type=IAMUser verb=delete | eval made=1, errorCode=verb | table sourceIPAddress user_type errorCode made notAFieldAnywhere");

        var keyword = Assert.Single(result.Diagnostics, d => d.Code == EscuDiagnosticCodes.KeywordSearch);
        Assert.Contains("'DeleteTrail'", keyword.Message, StringComparison.Ordinal);
        var named = result.Diagnostics.Where(d => d.Code == EscuDiagnosticCodes.FieldOfAnotherSource).ToList();
        Assert.All(named, d => Assert.True(d.IsError));
        Assert.Equal(["eventName", "userIdentity.type", "sourceIPAddress", "user_type"], named.Select(d => d.Message[1..d.Message.IndexOf('\'', 1)]));
        Assert.Contains("'eventName' is a field of aws_cloudtrail and not of aws_cloudwatchlogs_eks", named[0].Message, StringComparison.Ordinal);
        Assert.Contains("'user_type' is a Splunk add-on field derived from the fields of aws_cloudtrail", named[3].Message, StringComparison.Ordinal);
        // eventName is named once, at its first place (the spath argument).
        Assert.Equal(1 + "search: '`aws_cloudwatchlogs_eks` DeleteTrail | spath ".Length, named[0].Span.Column);
    }

    [Fact]
    public void Names_of_other_sources_are_left_to_the_binder_when_the_search_translates()
    {
        var (verified, imported, _) = ImportAndRun("`aws_cloudwatchlogs_eks` verb=delete | stats count by eventName");
        Assert.DoesNotContain(imported.Diagnostics, d => d.Code == EscuDiagnosticCodes.FieldOfAnotherSource);
        Assert.False(verified.Bound);
        Assert.Contains("eventName", verified.BindReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_cloudtrail_search_names_the_kubernetes_fields_it_reads()
    {
        var result = Import("`cloudtrail` kubectl eventName=ListPods objectRef.resource=pods | table eventName user.username");
        Assert.Contains(result.Diagnostics, d => d.Code == EscuDiagnosticCodes.KeywordSearch);
        var named = result.Diagnostics.Where(d => d.Code == EscuDiagnosticCodes.FieldOfAnotherSource).Select(d => d.Message).ToList();
        Assert.Equal(2, named.Count);
        Assert.StartsWith("'objectRef.resource' is a field of ", named[0], StringComparison.Ordinal);
        Assert.StartsWith("'user.username' is a field of ", named[1], StringComparison.Ordinal);
        Assert.All(named, m => Assert.Contains("and not of aws_cloudtrail", m, StringComparison.Ordinal));
    }

    [AnalyzerFact]
    public void A_hand_written_rule_reading_source_builds_for_Splunk_and_CSharp_and_its_tests_run_on_exported_events()
    {
        using var scratch = new EscuScratch();
        var eks = Path.Combine(scratch.Root, "rules", "eks");
        Directory.CreateDirectory(eks);
        File.WriteAllText(Path.Combine(eks, "eks_anonymous_requests_per_cluster.yml"), $$"""
            # yaml-language-server: $schema=../../schemas/rule.schema.json
            id: 0f2b6c1e-7a8d-4e3f-9b0a-5c6d7e8f9a01
            name: EKS anonymous requests per cluster
            version: 1
            date: 2026-11-30
            author: tester
            status: experimental
            type: hunting
            description: Anonymous Kubernetes API requests per EKS audit log stream and source address.
            data_source: aws_cloudwatchlogs_eks
            search: |
              where user.username == "system:anonymous"
              | mv-expand src_ip = sourceIPs[*]
              | summarize requests = count(), firstTime = min(_time) by cluster_stream = source, src_ip = tostring(src_ip)
            schedule:
              frequency: 1h
              lookback: 1h
            tests:
              - name: two anonymous requests on one stream, one without the exported source
                events:
                  - {{Audit("h1", "system:anonymous", "list", "pods", Stream, "", "203.0.113.9")}}
                  - {{Audit("h2", "system:anonymous", "get", "pods", Stream, "", "203.0.113.9")}}
                  - {{Audit("h3", "alice", "get", "pods", Stream, "", "203.0.113.9")}}
                expect:
                  rows:
                    - {cluster_stream: "{{Stream}}", src_ip: 203.0.113.9, requests: 2}

            """);
        var (exit, output, error) = CliRunner.Run(scratch.Root, "build", "rules", "--out", Path.Combine(scratch.Root, "dist"));
        Assert.True(exit == 0, output + error);
        // Sentinel: not built, with the reason at each field no AWSEKSLogs column carries (source among them).
        Assert.Contains("warning RC4101", error, StringComparison.Ordinal);
        Assert.Contains("'source' of aws_cloudwatchlogs_eks", error, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.EnumerateFiles(Path.Combine(scratch.Root, "dist"), "EKSAnonymous*", SearchOption.AllDirectories),
            f => f.Contains("sentinel", StringComparison.Ordinal));
        var splunk = string.Concat(Directory.EnumerateFiles(Path.Combine(scratch.Root, "dist", "splunk"), "*.conf", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal).Select(File.ReadAllText));
        Assert.Contains("definition = sourcetype=\"aws:cloudwatchlogs:eks\"", splunk, StringComparison.Ordinal);
        Assert.Contains("`aws_cloudwatchlogs_eks`", splunk, StringComparison.Ordinal);

        var test = CliRunner.Run(scratch.Root, "test", "rules");
        Assert.True(test.Exit == 0, test.Out + test.Error);
    }
}
