using Xunit;

namespace RuleCompiler.Backends.Tests.Cli;

/// <summary><c>rulec run --now</c>: rules with time windows replay old logs (issue 8, "Replaying old logs").</summary>
public class RunNowTests
{
    private static readonly string Events = Path.Combine(RepositoryPaths.Root, "tests", "Backends.Tests", "Fixtures", "run", "ecr_scenarios.json");

    private const string Rule = "AWS ECR Container Upload Outside Business Hours";

    /// <summary>A copy of rules/ whose business-hours rule only looks at the last 14 days.</summary>
    private static string RulesWithWindow()
    {
        var root = CliRunner.CopyRules();
        var rule = Path.Combine(root, "rules", "aws", "ecr", "aws_ecr_container_upload_outside_business_hours.yml");
        var text = File.ReadAllText(rule);
        const string condition = "where eventSource == \"ecr.amazonaws.com\" and eventName == \"PutImage\"";
        Assert.Contains(condition, text, StringComparison.Ordinal);
        File.WriteAllText(rule, text.Replace(condition, condition + " and _time >= ago(14d)", StringComparison.Ordinal));
        return root;
    }

    private static int Alerts(string output) => output.Split('\n').Count(l => l.Contains($"\"rule_name\":\"{Rule}\"", StringComparison.Ordinal));

    [Fact]
    public void On_the_wall_clock_old_logs_are_outside_the_window_and_a_hint_says_why()
    {
        var root = RulesWithWindow();
        try
        {
            var (exit, output, error) = CliRunner.Run(root, "run", "--rules", "rules", "--events", Events);
            Assert.True(exit == 0, error);
            Assert.Equal(0, Alerts(output));
            Assert.Contains("rule(s) with a time window relative to now() gave no alert", error, StringComparison.Ordinal);
            Assert.Contains(Rule, error, StringComparison.Ordinal);
            Assert.Contains("--now latest", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("2024-05-26T00:00:00Z")]
    public void With_now_set_the_window_covers_the_old_logs(string now)
    {
        var root = RulesWithWindow();
        try
        {
            var (exit, output, error) = CliRunner.Run(root, "run", "--rules", "rules", "--events", Events, "--now", now);
            Assert.True(exit == 0, error);
            Assert.Equal(1, Alerts(output));
            Assert.DoesNotContain("gave no alert", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void A_now_that_is_not_a_datetime_is_a_usage_error()
    {
        var (exit, _, error) = CliRunner.Run(RepositoryPaths.Root, "run", "--rules", "rules", "--events", Events, "--now", "yesterday");
        Assert.Equal(2, exit);
        Assert.Contains("RC1902", error, StringComparison.Ordinal);
        Assert.Contains("'latest'", error, StringComparison.Ordinal);
    }
}
