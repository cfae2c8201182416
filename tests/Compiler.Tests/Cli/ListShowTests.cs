using System.Text.Json;

namespace RuleCompiler.Compiler.Tests.Cli;

/// <summary>Issue 12, deliverables 5 and 6: <c>rulec list</c>, <c>rulec show</c> and <c>validate --format json</c>.</summary>
public class ListShowTests
{
    private const string High = "rules/aws/ecr/aws_ecr_container_scanning_findings_high.yml";

    [Fact]
    public void List_prints_one_line_per_rule_with_its_metadata()
    {
        using var repo = TempRepository.CopyOfValid();

        var outcome = CliRunner.Run(repo.Root, "list", "rules");

        Assert.Equal(0, outcome.ExitCode);
        var lines = outcome.Out.TrimEnd('\n').Split('\n');
        Assert.Equal(6, lines.Length);
        Assert.Matches(@"^ID\s+NAME\s+STATUS\s+TYPE\s+DATA SOURCE\s+ATT&CK$", lines[0]);
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l,
            @"^30a0e9f8-f1dd-4f9d-8fc2-c622461d781c\s+AWS ECR Container Scanning Findings High\s+production\s+ttp\s+aws_cloudtrail\s+T1204\.003$"));
    }

    [Fact]
    public void List_as_json_carries_every_field()
    {
        using var repo = TempRepository.CopyOfValid();

        var outcome = CliRunner.Run(repo.Root, "list", "rules", "--format", "json");

        Assert.Equal(0, outcome.ExitCode);
        using var json = JsonDocument.Parse(outcome.Out);
        Assert.Equal(5, json.RootElement.GetArrayLength());
        var high = json.RootElement.EnumerateArray().Single(r => r.GetProperty("name").GetString() == "AWS ECR Container Scanning Findings High");
        Assert.Equal("30a0e9f8-f1dd-4f9d-8fc2-c622461d781c", high.GetProperty("id").GetString());
        Assert.Equal("production", high.GetProperty("status").GetString());
        Assert.Equal("ttp", high.GetProperty("type").GetString());
        Assert.Equal("aws_cloudtrail", high.GetProperty("data_source").GetString());
        Assert.Equal(["T1204.003"], high.GetProperty("attack").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(High, high.GetProperty("path").GetString());
    }

    [Fact]
    public void List_reports_a_broken_rule_and_exits_1()
    {
        using var repo = TempRepository.CopyOfValid();
        repo.EditMatch(High, "^type: ttp", "type: anomally");

        var outcome = CliRunner.Run(repo.Root, "list", "rules");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("error RC12", outcome.Error);
    }

    [Fact]
    public void Validate_as_json_has_the_counts_and_each_diagnostic_with_its_place()
    {
        using var repo = TempRepository.CopyOfValid();
        var line = repo.EditMatch(High, "^type: ttp", "type: anomally");

        var outcome = CliRunner.Run(repo.Root, "validate", "rules", "--format", "json");

        Assert.Equal(1, outcome.ExitCode);
        using var json = JsonDocument.Parse(outcome.Out);
        Assert.Equal(5, json.RootElement.GetProperty("rules").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("errors").GetInt32());
        var diagnostic = json.RootElement.GetProperty("diagnostics")[0];
        Assert.Equal(High, diagnostic.GetProperty("path").GetString());
        Assert.Equal(line, diagnostic.GetProperty("line").GetInt32());
        Assert.Equal(7, diagnostic.GetProperty("column").GetInt32());
        Assert.Equal("error", diagnostic.GetProperty("severity").GetString());
        Assert.StartsWith("RC12", diagnostic.GetProperty("code").GetString());
        Assert.Contains("validated 5 rules", outcome.Error);
    }

    [Fact]
    public void Validate_json_goes_to_the_output_file()
    {
        using var repo = TempRepository.CopyOfValid();

        var outcome = CliRunner.Run(repo.Root, "validate", "rules", "--format", "json", "--output", "v.json");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("", outcome.Out);
        using var json = JsonDocument.Parse(File.ReadAllText(repo.PathOf("v.json")));
        Assert.Equal(0, json.RootElement.GetProperty("errors").GetInt32());
    }

    [Theory]
    [InlineData("aws_ecr_container_scanning_findings_high")]
    [InlineData("AWS ECR Container Scanning Findings High")]
    [InlineData("30a0e9f8-f1dd-4f9d-8fc2-c622461d781c")]
    [InlineData(High)]
    public void Show_prints_the_rules_csharp_and_nothing_of_the_runtime(string rule)
    {
        using var repo = TempRepository.CopyOfValid();

        var outcome = CliRunner.Run(repo.Root, "show", rule, "--target", "csharp");

        Assert.Equal(0, outcome.ExitCode);
        var headers = outcome.Out.Split('\n').Where(l => l.StartsWith("==> ", StringComparison.Ordinal)).ToList();
        Assert.Contains(headers, h => h.StartsWith("==> csharp/Rules/Rule_AwsEcrContainerScanningFindingsHigh", StringComparison.Ordinal));
        Assert.DoesNotContain(headers, h => h.Contains("Runtime/", StringComparison.Ordinal));
        Assert.Contains("\"30a0e9f8-f1dd-4f9d-8fc2-c622461d781c\"", outcome.Out);
        Assert.DoesNotContain("Medium", string.Join('\n', headers));
    }

    [Fact]
    public void Show_prints_the_splunk_saved_search_of_that_rule_only()
    {
        using var repo = TempRepository.CopyOfValid();

        var outcome = CliRunner.Run(repo.Root, "show", "aws_ecr_container_scanning_findings_high", "--target", "splunk");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("/default/savedsearches.conf <==", outcome.Out);
        Assert.Contains(" - AWS ECR Container Scanning Findings High - Rule]", outcome.Out);
        Assert.DoesNotContain("Findings Medium - Rule]", outcome.Out);
    }

    [Fact]
    public void Show_of_an_unknown_rule_is_a_usage_error_with_a_did_you_mean()
    {
        using var repo = TempRepository.CopyOfValid();

        var outcome = CliRunner.Run(repo.Root, "show", "aws_ecr_container_scaning_findings_high");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("rulec: error RC1920: no rule 'aws_ecr_container_scaning_findings_high' in rules; did you mean 'aws_ecr_container_scanning_findings_high'?", outcome.Error);
    }

    [Fact]
    public void Show_of_a_rule_with_errors_prints_them_and_exits_1()
    {
        using var repo = TempRepository.CopyOfValid();
        repo.Edit(High, "DescribeImageScanFindings", "DescribeImageScanFindings\" | where nosuchfield == 1 | where \"x");

        var outcome = CliRunner.Run(repo.Root, "show", "aws_ecr_container_scanning_findings_high", "--target", "csharp");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("error RC2501", outcome.Error);
        Assert.Equal("", outcome.Out);
    }

    [Fact]
    public void Show_says_when_a_target_leaves_the_rule_out()
    {
        // The seeds' ASL rule made to read class_name, which no Sentinel column carries: a warning and no artifacts.
        using var repo = TempRepository.CopyOfRepositoryRules();
        repo.Edit("rules/aws/ecr/asl_aws_ecr_container_upload_unknown_user.yml", "vendor_product = cloud.provider", "vendor_product = class_name");

        var outcome = CliRunner.Run(repo.Root, "show", "asl_aws_ecr_container_upload_unknown_user", "--target", "sentinel");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("warning RC4101: not built for Sentinel", outcome.Error);
        Assert.EndsWith("\nsentinel: the rule is not built for this target (see the warnings); nothing to show\n", outcome.Error);
        Assert.Equal("", outcome.Out);
    }
}
