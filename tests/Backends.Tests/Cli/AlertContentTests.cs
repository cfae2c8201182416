using System.Text.Json;
using Xunit;

namespace RuleCompiler.Backends.Tests.Cli;

/// <summary>
/// Issue 12, finding 11: an alert from <c>rulec run</c> carries the filled-in risk message and alert title and the
/// ATT&amp;CK ids, and a risk score only when the rule has risk.
/// </summary>
public class AlertContentTests
{
    private static readonly Dictionary<string, JsonElement> AlertsByRule = Run();

    private static Dictionary<string, JsonElement> Run()
    {
        var events = Path.Combine(RepositoryPaths.Root, "tests", "Backends.Tests", "Fixtures", "run", "ecr_scenarios.json");
        var (exit, output, error) = CliRunner.Run(RepositoryPaths.Root, "run", "--rules", "rules", "--events", events);
        Assert.True(exit == 0, error);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.Clone())
            .GroupBy(a => a.GetProperty("rule_name").GetString()!)
            .ToDictionary(g => g.Key, g => g.First());
    }

    [Fact]
    public void A_rule_with_risk_carries_its_score_and_the_message_filled_from_the_row()
    {
        var alert = AlertsByRule["AWS ECR Container Scanning Findings Medium"];

        Assert.Equal(21, alert.GetProperty("risk_score").GetInt64());
        var repository = alert.GetProperty("fields").GetProperty("repository").GetString();
        Assert.Equal($"Vulnerabilities with severity medium found in repository {repository}", alert.GetProperty("risk_message").GetString());
        Assert.DoesNotContain("$", alert.GetProperty("risk_message").GetString(), StringComparison.Ordinal);
        Assert.Equal(["T1204.003", "T1204"], alert.GetProperty("attack").EnumerateArray().Select(a => a.GetString()));
        Assert.False(alert.TryGetProperty("title", out _));
    }

    [Fact]
    public void A_rule_without_risk_has_no_risk_score_and_its_alert_title_is_filled_from_the_row()
    {
        var alert = AlertsByRule["Amazon ECR image scanning disabled"];

        Assert.False(alert.TryGetProperty("risk_score", out _));
        Assert.False(alert.TryGetProperty("risk_message", out _));
        var fields = alert.GetProperty("fields");
        Assert.Equal(
            $"Amazon ECR image scanning disabled by {fields.GetProperty("AccountName").GetString()} from {fields.GetProperty("SourceIpAddress").GetString()}",
            alert.GetProperty("title").GetString());
        Assert.Equal(["T1562.001"], alert.GetProperty("attack").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(["rule_id", "rule_name", "severity", "title", "attack", "entities", "fields"], alert.EnumerateObject().Select(p => p.Name));
    }
}
