namespace RuleCompiler.Compiler.Tests.Cli;

/// <summary>Issue 12, finding 2: a schema error does not hide the rule's other errors.</summary>
public class EveryProblemTests
{
    private const string High = "rules/aws/ecr/aws_ecr_container_scanning_findings_high.yml";

    [Fact]
    public void A_schema_error_comes_with_the_search_and_attack_errors_of_the_same_rule()
    {
        using var repo = TempRepository.CopyOfValid();
        var type = repo.EditMatch(High, "^type: ttp$", "type: anomally");
        var search = repo.EditMatch(High, @"where eventSource ==", "where eventSorce ==");
        var attack = repo.EditMatch(High, @"^attack: \[T1204\.003\]$", "attack: [T9999]");

        var outcome = CliRunner.Run(repo.Root, "validate", "rules");

        Assert.Equal(1, outcome.ExitCode);
        var lines = outcome.Error.Replace('\\', '/').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith($"{High}({type},", StringComparison.Ordinal) && l.Contains("error RC12"));
        Assert.Contains(lines, l => l.StartsWith($"{High}({search},", StringComparison.Ordinal) && l.Contains("error RC2501") && l.Contains("eventSorce"));
        Assert.Contains(lines, l => l.StartsWith($"{High}({attack},", StringComparison.Ordinal) && l.Contains("error RC1304") && l.Contains("T9999"));
        Assert.EndsWith("3 errors, 0 warnings\n", outcome.Out);
    }

    [Fact]
    public void A_schema_error_comes_with_the_placeholder_errors_of_the_same_rule()
    {
        using var repo = TempRepository.CopyOfValid();
        repo.EditMatch(High, "^type: ttp$", "type: anomally");
        var message = repo.EditMatch(High, @"\$repositoryName\$", "$repositoryNme$");

        var outcome = CliRunner.Run(repo.Root, "validate", "rules");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains($"{High}({message},", outcome.Error.Replace('\\', '/'));
        Assert.Contains("repositoryNme", outcome.Error);
        Assert.EndsWith("2 errors, 0 warnings\n", outcome.Out);
    }

    [Fact]
    public void A_missing_key_is_reported_once_not_again_as_an_unknown_data_source()
    {
        using var repo = TempRepository.CopyOfValid();
        repo.EditMatch(High, "^data_source: aws_cloudtrail\n", "");

        var outcome = CliRunner.Run(repo.Root, "validate", "rules");

        Assert.Equal(1, outcome.ExitCode);
        Assert.DoesNotContain("RC1312", outcome.Error);
        Assert.EndsWith("1 error, 0 warnings\n", outcome.Out);
    }
}
