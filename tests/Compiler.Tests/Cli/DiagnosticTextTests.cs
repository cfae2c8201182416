using System.Text.Json;

namespace RuleCompiler.Compiler.Tests.Cli;

/// <summary>
/// Issue 13, finding 6: user text quoted in a diagnostic can neither break the line nor start a line a CI runner
/// acts on, and it is capped in length; the SARIF log stays valid JSON with the same text.
/// </summary>
public class DiagnosticTextTests
{
    private const string Medium = "rules/aws/ecr/aws_ecr_container_scanning_findings_medium.yml";

    [Fact]
    public void A_newline_in_quoted_text_is_escaped_and_no_line_is_a_workflow_command()
    {
        using var repo = TempRepository.CopyOfValid();
        repo.Edit(Medium, "data_source: aws_cloudtrail", "data_source: \"x\\n::error file=README.md,line=1::injected\\r\\u001b[31m\"");

        var outcome = CliRunner.Run(repo.Root, "validate", "rules");

        Assert.Equal(1, outcome.ExitCode);
        var lines = outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.StartsWith("rules", l.Replace('\\', '/')));
        Assert.All(lines, l => Assert.DoesNotContain('\r', l));
        Assert.All(lines, l => Assert.DoesNotContain('\u001b', l));
        Assert.Contains(@"'data_source' is 'x\n::error file=README.md,line=1::injected\r\u001b[31m'", outcome.Error);
    }

    [Fact]
    public void Quoted_text_never_prints_an_azure_pipelines_logging_command()
    {
        // Azure Pipelines acts on "##vso[" anywhere in a line, so quoting it is enough to set a pipeline variable.
        using var repo = TempRepository.CopyOfValid();
        repo.Edit(Medium, "data_source: aws_cloudtrail", "data_source: \"##VSO[task.setvariable variable=x]y\"");

        var outcome = CliRunner.Run(repo.Root, "validate", "rules");

        Assert.Equal(1, outcome.ExitCode);
        Assert.DoesNotContain("##vso[", outcome.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(@"'#\u0023VSO[task.setvariable variable=x]y'", outcome.Error);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public void Rule_names_listed_never_print_an_azure_pipelines_logging_command(string format)
    {
        using var repo = TempRepository.CopyOfValid();
        const string Name = "##vso[task.setvariable variable=x]y";
        repo.Edit(Medium, "name: AWS ECR Container Scanning Findings Medium", $"name: \"{Name}\"");

        var outcome = CliRunner.Run(repo.Root, "list", "rules", "--format", format);

        Assert.DoesNotContain("##vso[", outcome.Out, StringComparison.OrdinalIgnoreCase);
        if (format == "json")
        {
            // The same name once parsed: the JSON escape \u0023 is the character '#'.
            using var document = JsonDocument.Parse(outcome.Out);
            Assert.Contains(Name, document.RootElement.EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        }
    }

    [Fact]
    public void Sixty_four_kilobytes_of_quoted_text_give_one_capped_line()
    {
        using var repo = TempRepository.CopyOfValid();
        var huge = new string('f', 64_000);
        repo.Edit(Medium, "where eventSource ==", $"where {huge} ==");

        var outcome = CliRunner.Run(repo.Root, "validate", "rules");

        Assert.Equal(1, outcome.ExitCode);
        var line = Assert.Single(outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("RC2501", StringComparison.Ordinal));
        Assert.True(line.Length < 1200, $"{line.Length} characters");
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(line, @"\.\.\. \(\d+ more characters\)$"), line[^200..]);
    }

    [Fact]
    public void The_sarif_log_carries_the_escaped_text_as_valid_json()
    {
        using var repo = TempRepository.CopyOfValid();
        repo.Edit(Medium, "data_source: aws_cloudtrail", "data_source: \"x\\n::error::y\"");

        var outcome = CliRunner.Run(repo.Root, "validate", "rules", "--format", "sarif");

        using var log = JsonDocument.Parse(outcome.Out);
        var messages = log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("message").GetProperty("text").GetString()!).ToList();
        Assert.Contains(@"'data_source' is 'x\n::error::y'", messages.Single(m => m.Contains("'data_source'", StringComparison.Ordinal)));
        Assert.All(messages, m => Assert.DoesNotContain('\n', m));
    }
}
