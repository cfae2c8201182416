namespace RuleCompiler.Compiler.Tests.Cli;

/// <summary>
/// Issue 12, finding 6 / deliver 4: a test row naming a column the search does not output is a validate error at
/// that key (before, `test` printed `count=(null) <-- differs` and `validate` said nothing).
/// </summary>
public class ExpectedRowColumnTests
{
    private const string Medium = "rules/aws/ecr/aws_ecr_container_scanning_findings_medium.yml";

    [Fact]
    public void Validate_reports_the_misnamed_expected_column_at_its_key_and_exits_1()
    {
        using var repo = TempRepository.CopyOfValid();
        repo.Edit(Medium, "        - repository: web-frontend", "        - repositry: web-frontend");
        var line = repo.LineOf(Medium, "- repositry: web-frontend");

        var outcome = CliRunner.Run(repo.Root, "validate", Medium);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal(
            $"{Medium}({line},11): error RC1330: test 'a medium finding raises one alert' expects column 'repositry', which the search does not output; did you mean 'repository'?\n",
            outcome.Error.Replace('\\', '/'));
    }

    [Fact]
    public void Validate_accepts_expected_columns_the_search_outputs()
    {
        using var repo = TempRepository.CopyOfValid();

        var outcome = CliRunner.Run(repo.Root, "validate", Medium);

        Assert.Equal(0, outcome.ExitCode);
        Assert.DoesNotContain("RC1330", outcome.Error);
    }
}
