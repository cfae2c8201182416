using System.Text.Json;
using RuleCompiler.Backends.Tests.Cli;
using RuleCompiler.Backends.Tests.Sentinel;
using Xunit;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary>
/// A Sentinel rule on the AWSGuardDuty table, end to end through the CLI: imported onto the aws_guardduty data source,
/// bound, compiled back to KQL (which must read the int Severity column as the real field it is, and pass
/// Kusto.Language), and run in C# on hand-made findings.
/// </summary>
public sealed class GuardDutyImportTests
{
    private const string Rule = """
        id: 0b8f4b5e-52c4-4a8e-9d63-3f0f2f8b6a11
        name: High severity GuardDuty findings
        description: D
        severity: High
        query: |
          AWSGuardDuty
          | where Severity >= 7.0
          | extend ThreatPurpose = tostring(split(ActivityType, ":")[0]), HalfSeverity = Severity / 2
          | project-away TimeGenerated
          | project Id, ThreatPurpose, HalfSeverity
        kind: Scheduled
        queryFrequency: 1h
        queryPeriod: 1h
        triggerOperator: gt
        triggerThreshold: 0

        """;

    // Two findings in GuardDuty's own format (fictitious accounts and ids): one high, one medium.
    private const string Findings = """
        {"schemaVersion":"2.0","accountId":"111122223333","region":"eu-west-1","partition":"aws","id":"a1b2c3","arn":"arn:aws:guardduty:eu-west-1:111122223333:detector/d1/finding/a1b2c3","type":"UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS","resource":{"resourceType":"AccessKey"},"service":{"detectorId":"d1","count":1},"severity":8.5,"createdAt":"2024-11-18T09:00:00.000Z","updatedAt":"2024-11-18T09:05:00.000Z","title":"Credentials used from outside AWS","description":"D"}
        {"schemaVersion":"2.0","accountId":"111122223333","region":"eu-west-1","partition":"aws","id":"d4e5f6","arn":"arn:aws:guardduty:eu-west-1:111122223333:detector/d1/finding/d4e5f6","type":"Recon:EC2/PortProbeUnprotectedPort","resource":{"resourceType":"Instance"},"service":{"detectorId":"d1","count":3},"severity":5.0,"createdAt":"2024-11-18T08:00:00.000Z","updatedAt":"2024-11-18T09:10:00.000Z","title":"Unprotected port probed","description":"D"}

        """;

    private const string CloudTrailRecord = """
        {"eventVersion":"1.10","eventTime":"2024-11-18T09:00:00Z","eventSource":"iam.amazonaws.com","eventName":"GetUser","awsRegion":"us-east-1","sourceIPAddress":"198.51.100.7","userAgent":"aws-cli","recipientAccountId":"111122223333"}

        """;

    [AnalyzerFact]
    public void A_GuardDuty_rule_imports_round_trips_passes_Kusto_and_runs()
    {
        using var scratch = new ImportScratch();
        var source = Path.Combine(scratch.Root, "sentinel");
        Directory.CreateDirectory(source);
        File.WriteAllText(Path.Combine(source, "high.yaml"), Rule);
        File.WriteAllText(Path.Combine(scratch.Root, "findings.ndjson"), Findings);

        var (exit, output, error) = CliRunner.Run(scratch.Root, "import", "sentinel", "sentinel", "--out", "rules/imported/sigma", "--verify", "--events", "findings.ndjson");

        Assert.True(exit == 0, output + error);
        Assert.Contains("bind and round trip                 1 of 1 (100.0%)", output, StringComparison.Ordinal);
        Assert.Contains("KQL accepted by Kusto.Language      1 of 1 of bound (100.0%)", output, StringComparison.Ordinal);
        var written = File.ReadAllText(Path.Combine(scratch.Rules, "high_severity_guardduty_findings.yml"));
        Assert.Contains("data_source: aws_guardduty", written, StringComparison.Ordinal);
        // TimeGenerated holds both _time and the time field updatedAt: removing it removes both.
        Assert.Contains("| project-away _time, updatedAt", written, StringComparison.Ordinal);

        var kql = CliRunner.Run(scratch.Root, "show", "high_severity_guardduty_findings", "--target", "sentinel");
        Assert.Contains("AWSGuardDuty\n  | extend Severity = toreal(Severity)\n  | where Severity >= 7.0", kql.Out, StringComparison.Ordinal);

        var run = CliRunner.Run(scratch.Root, "run", "--events", "findings.ndjson");
        Assert.True(run.Exit == 0, run.Out + run.Error);
        var alert = Assert.Single(run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(alert);
        var row = json.RootElement.GetProperty("fields");
        Assert.Equal("a1b2c3", row.GetProperty("Id").GetString());
        Assert.Equal("UnauthorizedAccess", row.GetProperty("ThreatPurpose").GetString());
        Assert.Equal(4.25, row.GetProperty("HalfSeverity").GetDouble());

        // A CloudTrail record among the events reaches no GuardDuty rule, even one without a filter.
        File.WriteAllText(Path.Combine(source, "all.yaml"), Rule.Replace("0b8f4b5e", "1c9f4b5e", StringComparison.Ordinal)
            .Replace("name: High severity GuardDuty findings", "name: Every GuardDuty finding", StringComparison.Ordinal)
            .Replace("  | where Severity >= 7.0\n", "", StringComparison.Ordinal));
        Assert.Equal(0, CliRunner.Run(scratch.Root, "import", "sentinel", "sentinel/all.yaml", "--out", "rules/imported/sigma").Exit);
        File.WriteAllText(Path.Combine(scratch.Root, "trail.ndjson"), CloudTrailRecord);
        var mixed = CliRunner.Run(scratch.Root, "run", "--events", "trail.ndjson", "findings.ndjson");
        Assert.True(mixed.Exit == 0, mixed.Out + mixed.Error);
        Assert.Equal(3, mixed.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
