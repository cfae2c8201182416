namespace RuleCompiler.Compiler.Tests.Cli;

/// <summary>
/// Issue 12, findings 5 and 6: <c>rulec test</c> does not stay green when nothing was tested, says which rules have
/// no tests, runs only what <c>--filter</c> selects, and prints the warnings <c>validate</c> prints.
/// </summary>
public class TestCoverageTests
{
    private const string High = "rules/aws/ecr/aws_ecr_container_scanning_findings_high.yml";
    private const string Unknown = "rules/aws/ecr/asl_aws_ecr_container_upload_unknown_user.yml";

    private static string ValidFolder => Path.Combine(TestPaths.TestsFolder, "Valid");

    [Fact]
    public void A_path_with_no_rules_is_an_error()
    {
        using var repo = TempRepository.CopyOfValid();
        Directory.CreateDirectory(repo.PathOf("rules/empty"));

        var outcome = CliRunner.Run(repo.Root, "test", "rules/empty");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("rulec: error RC1907: no rules in rules/empty: nothing to test", outcome.Error);
        Assert.DoesNotContain("passed", outcome.Out);
    }

    [Fact]
    public void A_rule_without_tests_is_a_warning()
    {
        var outcome = CliRunner.Run(ValidFolder, "test", Unknown);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("warning RC1908: rule 'ASL AWS ECR Container Upload Unknown User' has no tests", outcome.Error);
        Assert.Equal("0 passed, 0 failed\n", outcome.Out);
    }

    [Fact]
    public void Require_tests_makes_a_rule_without_tests_an_error()
    {
        var outcome = CliRunner.Run(ValidFolder, "test", Unknown, "--require-tests");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("error RC1908: rule 'ASL AWS ECR Container Upload Unknown User' has no tests (--require-tests)", outcome.Error);
    }

    [Fact]
    public void Filter_runs_only_the_matching_tests()
    {
        var all = CliRunner.Run(ValidFolder, "test", High);
        var none = CliRunner.Run(ValidFolder, "test", High, "--filter", "no test is called this");
        var one = CliRunner.Run(ValidFolder, "test", High, "--filter", "NO FINDING");

        Assert.Equal("1 passed, 0 failed\n", all.Out);
        Assert.Equal("0 passed, 0 failed\n", none.Out);
        Assert.Equal("1 passed, 0 failed\n", one.Out);
    }

    [Fact]
    public void Test_prints_the_warnings_validate_prints()
    {
        using var repo = TempRepository.CopyOfValid();
        repo.EditMatch(High, @"^# yaml-language-server: .*\n", "");

        var validate = CliRunner.Run(repo.Root, "validate", High);
        var test = CliRunner.Run(repo.Root, "test", High);

        var warning = Assert.Single(validate.Error.Split('\n'), l => l.Contains(": warning "));
        Assert.Contains(warning, test.Error);
    }
}
