using System.Text.Json;

namespace RuleCompiler.Compiler.Tests.Cli;

public class ValidateCommandTests
{
    private static string ValidFolder => Path.Combine(TestPaths.TestsFolder, "Valid");

    [Fact]
    public void Valid_rules_exit_0_with_the_summary()
    {
        var outcome = CliRunner.Run(ValidFolder, "validate", "rules");
        Assert.Equal("", outcome.Error);
        Assert.Equal("validated 5 rules, 2 data sources, 1 list, 1 fragment: 0 errors, 0 warnings\n", outcome.Out);
        Assert.Equal(0, outcome.ExitCode);
    }

    [Fact]
    public void Default_path_is_rules()
    {
        Assert.Equal(0, CliRunner.Run(ValidFolder, "validate").ExitCode);
    }

    [Theory]
    [InlineData("RC1902", "validate", "rules", "--bogus")]
    [InlineData("RC1902", "validate", "--format", "xml")]
    [InlineData("RC1902", "frobnicate")]
    [InlineData("RC1902")]
    [InlineData("RC1901", "validate", "no_such_folder")]
    [InlineData("RC1903", "validate", "rules", "--attack-catalogue", "rules/lists/aws_ecr_users_asl.yml")]
    [InlineData("RC1902", "validate", "rules", "--output", "x.sarif")]
    public void Usage_errors_exit_2_with_a_code_and_no_stack_trace(string code, params string[] args)
    {
        var outcome = CliRunner.Run(ValidFolder, args);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains($"rulec: error {code}: ", outcome.Error);
        Assert.DoesNotContain("   at ", outcome.Error);
    }

    [Fact]
    public void Sarif_lists_each_diagnostic_with_a_relative_path_and_region()
    {
        using var repo = TempRepository.CopyOfValid();
        repo.Edit("rules/aws/ecr/aws_ecr_container_scanning_findings_high.yml", "attack: [T1204.003]", "attack: [T9999]");
        var outcome = CliRunner.Run(repo.Root, "validate", "rules", "--format", "sarif");
        Assert.Equal(1, outcome.ExitCode);
        using var sarif = JsonDocument.Parse(outcome.Out);
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        var result = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Single();
        Assert.Equal("RC1304", result.GetProperty("ruleId").GetString());
        Assert.Equal("error", result.GetProperty("level").GetString());
        var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("rules/aws/ecr/aws_ecr_container_scanning_findings_high.yml", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(repo.LineOf("rules/aws/ecr/aws_ecr_container_scanning_findings_high.yml", "T9999"), location.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal(10, location.GetProperty("region").GetProperty("startColumn").GetInt32());
        Assert.Contains("1 error", outcome.Error);
    }

    [Fact]
    public void Sarif_goes_to_the_output_file_when_asked()
    {
        using var repo = TempRepository.CopyOfValid();
        var outcome = CliRunner.Run(repo.Root, "validate", "rules", "--format", "sarif", "--output", "report.sarif");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("", outcome.Out);
        Assert.Contains("\"version\": \"2.1.0\"", File.ReadAllText(Path.Combine(repo.Root, "report.sarif")));
    }

    [Fact]
    public void Diagnostics_are_relative_and_sorted_by_path_then_position()
    {
        using var repo = TempRepository.CopyOfValid();
        repo.Edit("rules/aws/ecr/aws_ecr_container_upload_outside_business_hours.yml", "  lookback: 2h", "  lookback: 2 hours");
        repo.Edit("rules/aws/ecr/aws_ecr_container_scanning_findings_high.yml", "  impact: 70", "  impact: 700");
        repo.Edit("rules/aws/ecr/aws_ecr_container_scanning_findings_high.yml", "type: ttp", "typ: ttp");
        var outcome = CliRunner.Run(repo.Root, "validate");
        var lines = outcome.Error.Replace('\\', '/').TrimEnd('\n').Split('\n');
        const string high = "rules/aws/ecr/aws_ecr_container_scanning_findings_high.yml";
        const string hours = "rules/aws/ecr/aws_ecr_container_upload_outside_business_hours.yml";
        Assert.Equal(
        [
            $"{high}(2,1): error RC1202: missing required field 'type'",
            $"{high}(8,1): error RC1203: unknown field 'typ'; did you mean 'type'?",
            $"{high}({repo.LineOf(high, "impact: 700")},11): error RC1206: 'risk.impact' is 700, outside the range 0..100",
            $"{hours}({repo.LineOf(hours, "2 hours")},13): error RC1307: '2 hours' is not a duration; "
                + "write a whole number and a unit (ms, s, m, h, d) such as 5m, 1h or 1d, or ISO 8601 such as PT1H",
        ],
        lines);
        Assert.Equal("validated 5 rules, 2 data sources, 1 list, 1 fragment: 4 errors, 0 warnings\n", outcome.Out);
        Assert.Equal(1, outcome.ExitCode);
    }

    [Fact]
    public void Help_lists_the_commands_and_exits_0()
    {
        var outcome = CliRunner.Run(ValidFolder, "--help");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("validate", outcome.Out);
        Assert.Contains("new", outcome.Out);
    }

    [Fact]
    public void Colour_only_when_asked_for()
    {
        using var repo = TempRepository.CopyOfValid();
        repo.Edit("rules/aws/ecr/aws_ecr_container_scanning_findings_high.yml", "type: ttp", "type: tttp");
        var error = new StringWriter();
        var code = RuleCompiler.Cli.Program.Run(["validate", "rules"], new RuleCompiler.Cli.CliContext(new StringWriter(), error, repo.Root, Colour: true));
        Assert.Equal(1, code);
        Assert.Contains("\u001b[31merror\u001b[0m RC1204", error.ToString());
        Assert.DoesNotContain("\u001b", CliRunner.Run(repo.Root, "validate", "rules").Error);
    }
}
