using Xunit;

namespace RuleCompiler.Backends.Tests.Cli;

public class TestCommandTests
{
    [Fact]
    public void EveryRuleInTheRepositoryPassesItsTests()
    {
        var (exit, output, error) = CliRunner.Run(RepositoryPaths.Root, "test", "rules");
        var summary = output.Trim().Split('\n')[^1];
        Assert.True(exit == 0, output + error);
        Assert.Matches(@"^\d+ passed, 0 failed$", summary);
        Assert.True(int.Parse(summary.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) >= 10, summary);
    }

    [Fact]
    public void BreakingARuleConditionMakesItsTestsFail()
    {
        var root = CliRunner.CopyRules();
        try
        {
            var rule = Path.Combine(root, "rules", "aws", "ecr", "aws_ecr_container_scanning_findings_medium.yml");
            var text = File.ReadAllText(rule);
            Assert.Contains("=~ \"MEDIUM\"", text, StringComparison.Ordinal);
            File.WriteAllText(rule, text.Replace("=~ \"MEDIUM\"", "=~ \"LOW\"", StringComparison.Ordinal));

            var (exit, output, _) = CliRunner.Run(root, "test", "rules");
            Assert.Equal(1, exit);
            Assert.Contains("aws_ecr_container_scanning_findings_medium.yml(", output, StringComparison.Ordinal);
            Assert.Contains("FAIL test 'a scan report with mixed severities gives one row per medium finding'", output, StringComparison.Ordinal);
            Assert.Contains("<-- differs", output, StringComparison.Ordinal);
            Assert.Matches(@"\d+ passed, [1-9]\d* failed", output.Trim().Split('\n')[^1]);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void AWrongExpectationIsReportedWithTheRowDiff()
    {
        var root = CliRunner.CopyRules();
        try
        {
            var rule = Path.Combine(root, "rules", "aws", "ecr", "aws_ecr_container_scanning_findings_medium.yml");
            var text = File.ReadAllText(rule);
            File.WriteAllText(rule, text.Replace("count: 2", "count: 3", StringComparison.Ordinal).Replace("src_ip: 198.51.100.24", "src_ip: 198.51.100.25", StringComparison.Ordinal));
            var (exit, output, _) = CliRunner.Run(root, "test", "rules/aws/ecr/aws_ecr_container_scanning_findings_medium.yml");
            Assert.Equal(1, exit);
            Assert.Contains("expected 3 row(s), got 2", output, StringComparison.Ordinal);
            Assert.Contains("expected: repository=payments-api", output, StringComparison.Ordinal);
            Assert.Contains("src_ip=198.51.100.24  <-- differs", output, StringComparison.Ordinal);
            Assert.Equal("1 passed, 1 failed", output.Trim().Split('\n')[^1]);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void MissingPathIsAUsageError()
    {
        var (exit, _, error) = CliRunner.Run(RepositoryPaths.Root, "test", "no/such/rules");
        Assert.Equal(2, exit);
        Assert.Contains("RC1901", error, StringComparison.Ordinal);
    }
}
