namespace RuleCompiler.Compiler.Tests.Cli;

/// <summary>
/// Issue 12, findings 1 and 3: a rule that cannot be bound is never reported as clean, and every summary count
/// covers every rule and every test.
/// </summary>
public class HonestResultTests
{
    private const string High = "rules/aws/ecr/aws_ecr_container_scanning_findings_high.yml";

    private const string BrokenRule = """
        id: 11111111-2222-4333-8444-555555555555
        name: Broken Outside
        version: 1
        date: 2024-01-01
        author: Someone
        status: experimental
        type: ttp
        description: A rule with an unknown data source and a bad search.
        data_source: does_not_exist
        search: where nosuchfield == 1 | bogus
        tests:
          - name: never runs
            events: [{a: 1}]
            expect: {count: 0}
        """;

    [Theory]
    [InlineData("validate")]
    [InlineData("build")]
    [InlineData("test")]
    public void A_rule_in_no_repository_is_a_usage_error_not_a_clean_result(string command)
    {
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Root, "broken.yml"), BrokenRule);

        var outcome = CliRunner.Run(folder.Root, command, "broken.yml");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("rulec: error RC1906: broken.yml is not in a rules repository", outcome.Error);
        Assert.DoesNotContain("0 error", outcome.Out);
        Assert.DoesNotContain("0 failed", outcome.Out);
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("build")]
    [InlineData("test")]
    public void A_repository_marked_by_rulec_yaml_without_data_sources_reports_the_unknown_data_source(string command)
    {
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Root, "rulec.yaml"), "# rules repository\n");
        Directory.CreateDirectory(Path.Combine(folder.Root, "sub"));
        File.WriteAllText(Path.Combine(folder.Root, "sub", "broken.yml"), BrokenRule);

        var outcome = CliRunner.Run(Path.Combine(folder.Root, "sub"), command, "broken.yml");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("error RC1312: unknown data source 'does_not_exist'", outcome.Error);
        Assert.DoesNotContain("RC12", outcome.Error); // rulec.yaml itself is not loaded as a rule
    }

    [Fact]
    public void Build_counts_a_rule_with_a_schema_error()
    {
        using var repo = TempRepository.CopyOfValid();
        repo.Edit(High, "type: ttp", "type: anomally");

        var outcome = CliRunner.Run(repo.Root, "build", "rules", "--target", "csharp", "--out", "dist");

        Assert.Equal(1, outcome.ExitCode);
        Assert.StartsWith("4 of 5 rules compiled: ", outcome.Out);
    }

    [Fact]
    public void Build_counts_per_target_only_the_rules_that_target_wrote()
    {
        // The seed rules with the ASL rule reading class_name, which no Sentinel column carries: Sentinel leaves it
        // out (RC4101) and builds the other four.
        using var repo = RulesSentinelLeavesOneOf();

        var outcome = CliRunner.Run(repo.Root, "build", "rules", "--out", "dist");

        Assert.True(outcome.ExitCode == 0, outcome.Out + outcome.Error);
        Assert.Contains("warning RC4101: not built for Sentinel", outcome.Error);
        var lines = outcome.Out.TrimEnd('\n').Split('\n');
        Assert.StartsWith("csharp: wrote 5 rule(s) into dist/csharp: ", lines[0]);
        Assert.StartsWith("splunk: wrote 5 rule(s) into dist/splunk: ", lines[1]);
        Assert.StartsWith("sentinel: wrote 4 rule(s) into dist/sentinel (1 not built: see the warnings): ", lines[2]);
        Assert.Equal(4, Directory.GetFiles(Path.Combine(repo.Root, "dist", "sentinel", "AnalyticRules")).Length);
    }

    [Fact]
    public void Build_ends_with_a_summary_that_counts_every_warning_it_printed()
    {
        // Sentinel's RC4101 (and any other target warning) comes after the rules are compiled; the last line counts it.
        using var repo = RulesSentinelLeavesOneOf();

        var outcome = CliRunner.Run(repo.Root, "build", "rules", "--out", "dist");

        Assert.True(outcome.ExitCode == 0, outcome.Out + outcome.Error);
        var warnings = CountLines(outcome.Error, ": warning RC");
        Assert.True(warnings >= 1, outcome.Error);
        Assert.Equal(0, CountLines(outcome.Error, ": error RC"));
        Assert.Equal($"5 of 5 rules compiled: 0 errors, {warnings} warning{(warnings == 1 ? "" : "s")}", outcome.Out.TrimEnd('\n').Split('\n')[^1]);
    }

    [Fact]
    public void Build_that_a_target_stops_ends_with_a_summary_that_counts_every_error_it_printed()
    {
        using var repo = RulesSentinelLeavesOneOf();

        var outcome = CliRunner.Run(repo.Root, "build", "rules", "--out", "dist", "--warnings-as-errors");

        Assert.Equal(1, outcome.ExitCode);
        var errors = CountLines(outcome.Error, ": error RC");
        Assert.True(errors >= 1, outcome.Error);
        Assert.Equal($"5 of 5 rules compiled: {errors} error{(errors == 1 ? "" : "s")}, 0 warnings; nothing written", outcome.Out.TrimEnd('\n').Split('\n')[^1]);
        Assert.False(Directory.Exists(Path.Combine(repo.Root, "dist")));
    }

    /// <summary>The seed rules with the ASL rule reading class_name, which no Sentinel column carries (RC4101).</summary>
    private static TempRepository RulesSentinelLeavesOneOf()
    {
        var repo = TempRepository.CopyOfRepositoryRules();
        repo.Edit("rules/aws/ecr/asl_aws_ecr_container_upload_unknown_user.yml", "vendor_product = cloud.provider", "vendor_product = class_name");
        return repo;
    }

    private static int CountLines(string text, string marker) => text.Split('\n').Count(line => line.Contains(marker, StringComparison.Ordinal));

    [Fact]
    public void Test_says_that_a_rule_with_a_schema_error_was_not_tested()
    {
        using var repo = TempRepository.CopyOfValid();
        repo.Edit(High, "type: ttp", "type: anomally");

        var outcome = CliRunner.Run(repo.Root, "test", "rules");

        Assert.Equal(1, outcome.ExitCode);
        var summary = outcome.Out.TrimEnd('\n').Split('\n')[^1];
        Assert.Matches(@"^\d+ passed, \d+ failed, 1 rule not tested \(it has errors\)$", summary);
    }

    [Fact]
    public void Test_counts_a_test_whose_events_file_is_refused_as_failed_not_passed()
    {
        // The file exists and would make the test pass (no events, count 0) if it were read; it lies outside the
        // repository (rules/), so it is refused with RC1318 and the test has nothing to run on.
        using var repo = TempRepository.CopyOfRepositoryRules();
        File.WriteAllText(repo.PathOf("outside.json"), "[]");
        const string Rule = "rules/aws/ecr/aws_ecr_container_scanning_findings_high.yml";
        repo.Edit(Rule, "events: tests/aws_ecr_container_scanning_findings_high/no_high_findings.json", "events: ../../../outside.json");
        var line = repo.LineOf(Rule, "events: ../../../outside.json");

        var outcome = CliRunner.Run(repo.Root, "test", "rules");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains($"{Rule}({line},13): error RC1318: ", outcome.Error);
        Assert.Contains($"{Rule}({line - 1},5): FAIL test 'scans with only medium, low and informational findings raise nothing': "
            + "its events file '../../../outside.json' was not read: it resolves outside the repository (RC1318)", outcome.Out);
        Assert.EndsWith("\n9 passed, 1 failed\n", outcome.Out);
    }

    [Theory]
    [InlineData("test", "rules")]
    [InlineData("run", "--events", "rules/aws/ecr/tests/aws_ecr_container_scanning_findings_high/mixed_severity_findings.json")]
    public void Two_copies_of_a_rule_are_reported_not_a_crash(params string[] args)
    {
        // What importing a repository's own rules next to them gives: the same id and name twice (RC1301, RC1302).
        using var repo = TempRepository.CopyOfRepositoryRules();
        const string Rule = "rules/aws/ecr/aws_ecr_container_scanning_findings_high.yml";
        Directory.CreateDirectory(repo.PathOf("rules/imported"));
        File.WriteAllText(repo.PathOf("rules/imported/aws_ecr_container_scanning_findings_high.yml"),
            File.ReadAllText(repo.PathOf(Rule)).Replace("events: tests/", "events: ../aws/ecr/tests/", StringComparison.Ordinal));

        var outcome = CliRunner.Run(repo.Root, args);

        Assert.Equal(1, outcome.ExitCode);
        Assert.DoesNotContain("exception", outcome.Out + outcome.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("error RC1301: duplicate id", outcome.Error);
        if (args[0] == "test")
        {
            // Neither copy can be told apart when run: all four of their tests fail, the other rules' eight pass.
            Assert.EndsWith("\n8 passed, 4 failed\n", outcome.Out);
        }
    }

    private sealed class TempFolder : IDisposable
    {
        public string Root { get; } = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rulec-tests", Guid.NewGuid().ToString("N"))).FullName;

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }
}
