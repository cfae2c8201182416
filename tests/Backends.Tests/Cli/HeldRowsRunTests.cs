using System.Text;
using Xunit;

namespace RuleCompiler.Backends.Tests.Cli;

/// <summary>
/// Issue 13, deliver 3 (`rulec run` memory): through the real command, a rule whose summarize would hold more than
/// 1,000,000 groups fails once, at the event that crosses the bound, with RC3010 naming the stage, and the other
/// rules' alerts are still written.
/// </summary>
public class HeldRowsRunTests
{
    private const string ProbeRule = """
        # yaml-language-server: $schema=../../../schemas/rule.schema.json
        id: 6b7df265-dda5-4638-a1db-c9a1c8ff9f83
        name: Held Rows Probe
        version: 1
        date: 2026-11-30
        author: rulec tests
        status: experimental
        type: hunting
        description: Counts events per id, so every event makes a group.
        how_to_implement: Nothing.
        known_false_positives: None.
        data_source: aws_cloudtrail
        search: |
          where eventName == "HeldRowsProbe"
          | summarize n = count() by eventID

        """;

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    public void A_summarize_past_the_bound_fails_once_and_the_other_rules_go_on(string threads)
    {
        var root = CliRunner.CopyRules();
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "rules", "aws", "probe"));
            File.WriteAllText(Path.Combine(root, "rules", "aws", "probe", "held_rows_probe.yml"), ProbeRule);
            var probe = Path.Combine(root, "probe.ndjson");
            using (var writer = new StreamWriter(probe, append: false, new UTF8Encoding(false)))
            {
                for (var i = 0; i <= 1_000_001; i++)
                {
                    writer.Write("{\"eventName\":\"HeldRowsProbe\",\"eventTime\":\"2024-05-01T00:00:00Z\",\"eventID\":\"");
                    writer.Write(i);
                    writer.Write("\"}\n");
                }
            }

            var scenarios = Path.Combine(RepositoryPaths.Root, "tests", "Backends.Tests", "Fixtures", "run", "ecr_scenarios.json");
            var (exit, output, error) = CliRunner.Run(root, "run", "--rules", "rules", "--events", probe, scenarios, "--threads", threads);

            Assert.Equal(1, exit);
            var failure = Assert.Single(error.Split('\n'), l => l.Contains("error RC3010", StringComparison.Ordinal));
            Assert.Contains("probe.ndjson(1000001,1): error RC3010: rule 'Held Rows Probe' failed on this event: summarize holds more than 1,000,000 rows", failure);
            Assert.Contains("1 rule failure(s)", error);
            Assert.DoesNotContain("Held Rows Probe", output);
            Assert.Contains("AWS ECR Container Scanning Findings High", output);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
