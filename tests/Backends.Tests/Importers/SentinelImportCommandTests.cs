using RuleCompiler.Backends.Tests.Cli;
using Xunit;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary><c>rulec import sentinel</c>: writes what translates, reports what does not at its line and column, ends with the table.</summary>
public class SentinelImportCommandTests
{
    [Fact]
    public void Import_writes_the_translated_rule_reports_the_failed_one_and_ends_with_the_table()
    {
        using var scratch = new ImportScratch();
        var source = Path.Combine(scratch.Root, "sentinel");
        Directory.CreateDirectory(source);
        File.WriteAllText(Path.Combine(source, "good.yaml"), "id: 5d3b4f7e-1c2a-4b5d-9e8f-0a1b2c3d4e5f\nname: Trail deleted\ndescription: D\nseverity: Low\nquery: |\n  AWSCloudTrail\n  | where EventName == \"DeleteTrail\"\nkind: Scheduled\nqueryFrequency: 1h\nqueryPeriod: 1h\ntriggerOperator: gt\ntriggerThreshold: 0\n");
        File.WriteAllText(Path.Combine(source, "vpcflow.yaml"), "name: Flows\nquery: |\n  AWSVPCFlow\n  | where DstPortNumber == 22\n");

        var (exit, output, error) = CliRunner.Run(scratch.Root, "import", "sentinel", "sentinel", "--out", "rules/imported/sigma");

        Assert.Equal(1, exit);
        Assert.Contains("sentinel/vpcflow.yaml(3,3): error RC5052: no data source reads the table 'AWSVPCFlow'", error, StringComparison.Ordinal);
        Assert.StartsWith("imported 1, partial 0, failed 1 of 2\n", output, StringComparison.Ordinal);
        Assert.Contains("  failed   RC5052     1  table without a data source\n", output, StringComparison.Ordinal);
        Assert.Equal(["trail_deleted.yml"], Directory.GetFiles(scratch.Rules).Select(Path.GetFileName));
        Assert.Equal(0, scratch.Compile(scratch.Rules).ErrorCount);
    }
}
