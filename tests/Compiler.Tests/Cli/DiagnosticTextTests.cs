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
    public void Alerts_on_stdout_never_print_an_azure_pipelines_logging_command()
    {
        // Event text reaches the alert (fields, entities, the risk message); rulec run's stdout may be a CI log.
        using var repo = TempRepository.CopyOfRepositoryRules();
        const string Events = "rules/aws/ecr/tests/aws_ecr_container_scanning_findings_high/mixed_severity_findings.json";
        const string Injected = "##VSO[task.setvariable variable=x]y";
        repo.Edit(Events, "payments-api", Injected);

        var outcome = CliRunner.Run(repo.Root, "run", "--events", Events, "--now", "latest", "--threads", "1");

        Assert.Equal(0, outcome.ExitCode);
        Assert.DoesNotContain("##vso[", outcome.Out, StringComparison.OrdinalIgnoreCase);
        var alerts = outcome.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line)).ToList();
        Assert.Contains(alerts, a => a.RootElement.GetProperty("fields").TryGetProperty("repositoryName", out var name) && name.GetString() == Injected);
        Assert.Contains(alerts, a => a.RootElement.TryGetProperty("risk_message", out var message) && message.GetString()!.EndsWith(Injected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(1000)]
    public void A_logging_command_split_across_writes_is_still_escaped(int chunk)
    {
        const string Text = "{\"a\":\"x##vSo[task.complete]##vso##\",\"b\":\"###vso[\"}\n{\"c\":\"#\"}";
        var bytes = System.Text.Encoding.UTF8.GetBytes(Text);
        var sink = new MemoryStream();
        using (var safe = new RuleCompiler.Cli.LoggingCommandSafeStream(sink))
        {
            for (var at = 0; at < bytes.Length; at += chunk)
            {
                safe.Write(bytes, at, Math.Min(chunk, bytes.Length - at));
            }
        }

        var written = System.Text.Encoding.UTF8.GetString(sink.ToArray());
        Assert.Equal("{\"a\":\"x#\\u0023vSo[task.complete]##vso##\",\"b\":\"##\\u0023vso[\"}\n{\"c\":\"#\"}", written);
        // The same strings to a JSON reader.
        static IEnumerable<string?> Values(string ndjson) => ndjson.Split('\n')
            .SelectMany(line => JsonDocument.Parse(line).RootElement.EnumerateObject().Select(p => p.Value.GetString()));
        Assert.Equal(Values(Text), Values(written));
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
