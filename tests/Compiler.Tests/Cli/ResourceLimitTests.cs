namespace RuleCompiler.Compiler.Tests.Cli;

/// <summary>
/// Issue 13, finding 9 and the resource limits: input that used to cost quadratic time (a 64,000-segment path took
/// 27 s, a 4,000,000-string list 536 s) or unbounded memory is a diagnostic, found before the expensive part.
/// Speed is measured by hand and in bench/, not here; these tests prove the limits and their diagnostics.
/// </summary>
public class ResourceLimitTests
{
    private const string Medium = "rules/aws/ecr/aws_ecr_container_scanning_findings_medium.yml";
    private const string Where = "where eventSource ==";

    [Fact]
    public void A_field_path_of_30000_segments_is_an_error()
    {
        using var repo = TempRepository.CopyOfValid();
        repo.Edit(Medium, Where, $"where {string.Join('.', Enumerable.Repeat("a", 30_000))} == \"x\" and eventSource ==");

        var outcome = CliRunner.Run(repo.Root, "validate", "rules");

        Assert.Equal(1, outcome.ExitCode);
        var line = Assert.Single(outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"{Medium}(16,9): error RC2017: a field path of more than 64 segments", line.Replace('\\', '/'));
    }

    [Fact]
    public void A_field_path_of_64_segments_is_fine()
    {
        using var repo = TempRepository.CopyOfValid();
        repo.Edit(Medium, Where, $"where isnotnull(requestParameters.{string.Join('.', Enumerable.Repeat("a", 62))}) and eventSource ==");

        var outcome = CliRunner.Run(repo.Root, "validate", "rules");

        Assert.DoesNotContain("RC2017", outcome.Error);
    }

    [Fact]
    public void A_search_longer_than_64K_characters_is_an_error()
    {
        using var repo = TempRepository.CopyOfValid();
        var values = string.Join(", ", Enumerable.Range(0, 8_000).Select(i => $"\"v{i}\""));
        repo.Edit(Medium, Where, $"where eventName !in ({values}) and eventSource ==");

        var outcome = CliRunner.Run(repo.Root, "validate", "rules");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains($"{Medium}(15,9): error RC1319: the search is ", outcome.Error.Replace('\\', '/'));
        Assert.Contains("more than the limit of 65,536", outcome.Error);
    }

    [Fact]
    public void A_rule_file_over_4_MiB_is_an_error_without_being_parsed()
    {
        using var repo = TempRepository.CopyOfValid();
        var values = string.Join(", ", Enumerable.Range(0, 400_000).Select(i => $"\"v{i}\""));
        repo.Edit(Medium, Where, $"where eventName !in ({values}) and eventSource ==");

        var outcome = CliRunner.Run(repo.Root, "validate", "rules");

        Assert.Equal(1, outcome.ExitCode);
        var line = Assert.Single(outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"{Medium}(1,1): error RC1012: the file is ", line.Replace('\\', '/'));
        Assert.EndsWith("bytes, more than the limit of 4,194,304", line);
    }

    [Fact]
    public void A_list_of_more_than_100000_values_is_an_error()
    {
        using var repo = TempRepository.CopyOfValid();
        var list = Directory.EnumerateFiles(repo.PathOf("rules/lists"), "*.yml").Single();
        var text = File.ReadAllText(list);
        var at = text.IndexOf("values:", StringComparison.Ordinal);
        File.WriteAllText(list, text[..at] + "values:\n" + string.Concat(Enumerable.Range(0, 100_001).Select(i => $"  - u{i}\n")));

        var outcome = CliRunner.Run(repo.Root, "validate", "rules");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("error RC1320: the list has 100,001 values, more than the limit of 100,000", outcome.Error);
    }
}
