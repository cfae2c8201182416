namespace RuleCompiler.Compiler.Tests.Cli;

/// <summary>Issue 12, deliverable 6: <c>--warnings-as-errors</c> and <c>--quiet</c> on the commands CI runs.</summary>
public class QuietAndStrictTests
{
    private const string High = "rules/aws/ecr/aws_ecr_container_scanning_findings_high.yml";

    /// <summary>A copy of the valid repository with one warning: a rule without its modeline (RC1315).</summary>
    private static TempRepository WithOneWarning()
    {
        var repo = TempRepository.CopyOfValid();
        repo.EditMatch(High, "^# yaml-language-server:.*\n", "");
        return repo;
    }

    [Fact]
    public void A_warning_alone_passes_validate()
    {
        using var repo = WithOneWarning();

        var outcome = CliRunner.Run(repo.Root, "validate", "rules");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("warning RC1315", outcome.Error);
        Assert.EndsWith(": 0 errors, 1 warning\n", outcome.Out);
    }

    [Theory]
    [InlineData("validate", "rules", "--warnings-as-errors")]
    [InlineData("--warnings-as-errors", "validate", "rules")]
    public void Warnings_as_errors_fails_validate_on_a_warning(params string[] args)
    {
        using var repo = WithOneWarning();

        var outcome = CliRunner.Run(repo.Root, args);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("error RC1315", outcome.Error);
        Assert.EndsWith(": 1 error, 0 warnings\n", outcome.Out);
    }

    [Fact]
    public void Warnings_as_errors_stops_build_before_anything_is_written()
    {
        using var repo = WithOneWarning();

        var outcome = CliRunner.Run(repo.Root, "build", "rules", "--target", "csharp", "--out", "dist", "--warnings-as-errors");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("error RC1315", outcome.Error);
        Assert.False(Directory.Exists(repo.PathOf("dist")));
    }

    [Fact]
    public void Warnings_as_errors_shows_in_the_json_counts()
    {
        using var repo = WithOneWarning();

        var outcome = CliRunner.Run(repo.Root, "validate", "rules", "--format", "json", "--warnings-as-errors");

        Assert.Equal(1, outcome.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(outcome.Out);
        Assert.Equal(1, json.RootElement.GetProperty("errors").GetInt32());
        Assert.Equal("error", json.RootElement.GetProperty("diagnostics")[0].GetProperty("severity").GetString());
    }

    [Fact]
    public void Quiet_prints_neither_warnings_nor_the_summary()
    {
        using var repo = WithOneWarning();

        var outcome = CliRunner.Run(repo.Root, "validate", "rules", "--quiet");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("", outcome.Out);
        Assert.Equal("", outcome.Error);
    }

    [Fact]
    public void Quiet_still_prints_errors()
    {
        using var repo = TempRepository.CopyOfValid();
        var line = repo.EditMatch(High, "^type: ttp", "type: anomally");

        var outcome = CliRunner.Run(repo.Root, "-q", "build", "rules", "--target", "csharp", "--out", "dist");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal("", outcome.Out);
        Assert.Contains($"aws_ecr_container_scanning_findings_high.yml({line},7): error RC12", outcome.Error);
    }
}
