using System.Text.RegularExpressions;
using RuleCompiler.Backends.Tests.Cli;
using Xunit;

namespace RuleCompiler.Backends.Tests.Tables;

/// <summary>
/// rulec test on a rule that reads a maintained table: each test supplies the table's rows (tables:), a test that
/// supplies none reads it empty, and a test naming a table that is not a maintained one is RC1329 at the name.
/// </summary>
public class RuleTestTablesTests
{
    private const string RuleFile = "rules/aws/ecr/aws_ecr_container_upload_outside_business_hours.yml";

    private const string Table = """
        # yaml-language-server: $schema=../../schemas/table.schema.json
        name: known_pushers
        description: Principals expected to push images at any hour, kept by the release team.
        columns:
          - {name: user, type: string}
          - {name: since, type: datetime}
        maintained_by: the release team's weekly review
        splunk:
          collection: known_pushers
        sentinel:
          watchlist: KnownPushers
        """;

    private const string Tests = """
        tests:
          - name: a known pusher's uploads are dropped, the others alert
            events: tests/aws_ecr_container_upload_outside_business_hours/outside_business_hours.json
            tables:
              known_pushers:
                - {user: release-bot, since: "2024-01-01T00:00:00Z"}
            expect:
              count: 1
              rows:
                - user: CodeBuildServiceRole
          - name: with no known pushers every upload alerts
            events: tests/aws_ecr_container_upload_outside_business_hours/outside_business_hours.json
            expect:
              count: 6

        """;

    private static string Repository(string tablesName = "known_pushers")
    {
        var root = CliRunner.CopyRules();
        Directory.CreateDirectory(Path.Combine(root, "rules", "tables"));
        File.WriteAllText(Path.Combine(root, "rules", "tables", "known_pushers.yml"), Table);
        var path = Path.Combine(root, RuleFile);
        var text = File.ReadAllText(path);
        text = text.Replace(
            "      by awsRegion, eventName, eventSource, user, userName, src_ip, imageTag, registryId, repository, phase, severity\n",
            "      by awsRegion, eventName, eventSource, user, userName, src_ip, imageTag, registryId, repository, phase, severity\n"
            + "  | join kind=leftanti (table(known_pushers) | where isnotempty(user)) on user\n", StringComparison.Ordinal);
        text = text[..text.IndexOf("tests:\n", StringComparison.Ordinal)] + Tests.Replace("known_pushers:\n", tablesName + ":\n", StringComparison.Ordinal);
        File.WriteAllText(path, text);
        return root;
    }

    [Fact]
    public void Each_test_runs_on_the_rows_it_supplies()
    {
        var root = Repository();
        try
        {
            var (exit, output, error) = CliRunner.Run(root, "test", "rules/aws/ecr/aws_ecr_container_upload_outside_business_hours.yml");
            Assert.True(exit == 0, output + error);
            Assert.Contains("2 passed", output + error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Rows_for_a_table_that_is_not_maintained_in_the_repository_are_RC1329_at_the_name()
    {
        var root = Repository("known_pusher");
        try
        {
            var (exit, output, error) = CliRunner.Run(root, "validate", "rules/");
            Assert.Equal(1, exit);
            Assert.Contains("error RC1329: test 'a known pusher's uploads are dropped, the others alert' supplies rows for 'known_pusher', which is not a table of the repository (rules/tables/); did you mean 'known_pushers'?", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Rulec_run_reads_table_rows_from_a_file_and_names_a_table_without_rows_once()
    {
        var root = Repository();
        try
        {
            var events = "rules/aws/ecr/tests/aws_ecr_container_upload_outside_business_hours/outside_business_hours.json";
            File.WriteAllText(Path.Combine(root, "pushers.json"), """[{"user": "release-bot", "since": "2024-01-01T00:00:00Z"}]""");
            var (exit, output, error) = CliRunner.Run(root, "run", "--rules", "rules/aws/ecr", "--events", events, "--table", "known_pushers=pushers.json", "--threads", "1");
            Assert.True(exit == 0, error);
            var alerts = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains("Outside Business Hours", StringComparison.Ordinal)).ToList();
            Assert.Single(alerts);
            Assert.DoesNotContain("got no rows", error, StringComparison.Ordinal);

            (exit, output, error) = CliRunner.Run(root, "run", "--rules", "rules/aws/ecr", "--events", events);
            Assert.True(exit == 0, error);
            Assert.Equal(6, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains("Outside Business Hours", StringComparison.Ordinal)));
            Assert.Single(Regex.Matches(error, "the maintained table 'known_pushers' got no rows"));

            (exit, _, error) = CliRunner.Run(root, "run", "--rules", "rules/aws/ecr", "--events", events, "--table", "known_pusher=pushers.json");
            Assert.Equal(2, exit);
            Assert.Contains("error RC1329: --table known_pusher: not a table of the repository (rules/tables/); did you mean 'known_pushers'?", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
