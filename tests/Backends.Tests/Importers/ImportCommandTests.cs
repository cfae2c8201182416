using RuleCompiler.Backends.Tests.Cli;
using Xunit;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary><c>rulec import sigma</c>: writes what translates, reports what does not, ends with the table.</summary>
public class ImportCommandTests
{
    private const string Header = "title: {0}\nid: {1}\nauthor: A\ndate: 2024-01-02\ndescription: D\nlogsource:\n    product: aws\n    service: cloudtrail\ndetection:\n";

    [Fact]
    public void Import_writes_the_translated_rule_reports_the_failed_one_and_ends_with_the_table()
    {
        using var scratch = new ImportScratch();
        var source = Path.Combine(scratch.Root, "sigma");
        Directory.CreateDirectory(source);
        File.WriteAllText(Path.Combine(source, "good.yml"), string.Format(System.Globalization.CultureInfo.InvariantCulture, Header, "Trail Deleted", "6d3b4f7e-1c2a-4b5d-9e8f-0a1b2c3d4e5f") + "    sel:\n        eventName: DeleteTrail\n    condition: sel\n");
        File.WriteAllText(Path.Combine(source, "keywords.yml"), string.Format(System.Globalization.CultureInfo.InvariantCulture, Header, "Keywords", "7e4c5a8f-2d3b-4c6e-8f9a-1b2c3d4e5f6a") + "    keywords:\n        - mimikatz\n    condition: keywords\n");

        var (exit, output, error) = CliRunner.Run(scratch.Root, "import", "sigma", "sigma", "--out", "rules/imported/sigma");

        Assert.Equal(1, exit);
        Assert.Contains("sigma/keywords.yml(11,9): error RC5004: ", error, StringComparison.Ordinal);
        Assert.StartsWith("imported 1, partial 0, failed 1 of 2\n", output, StringComparison.Ordinal);
        Assert.Contains("  failed   RC5004     1  keyword search\n", output, StringComparison.Ordinal);
        Assert.Equal(["trail_deleted.yml"], Directory.GetFiles(scratch.Rules).Select(Path.GetFileName));
        Assert.StartsWith("# yaml-language-server: $schema=../../../schemas/rule.schema.json\n", File.ReadAllText(Path.Combine(scratch.Rules, "trail_deleted.yml")), StringComparison.Ordinal);
        Assert.Equal(0, scratch.Compile(scratch.Rules).ErrorCount);
    }
}
