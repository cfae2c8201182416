namespace RuleCompiler.Compiler.Tests.Cli;

/// <summary>
/// The acceptance checks on the repository's own rules/ (the seeds in canonical form): they validate cleanly, and
/// each edit of the issue (misspelt key, technique T9999, impact 300, a copy with the same id) gives an error at the
/// edited line with exit code 1.
/// </summary>
public class SeedRulesTests
{
    public static TheoryData<string> SeedRules()
    {
        var rules = Path.Combine(TestPaths.RepoRoot, "rules");
        var data = new TheoryData<string>();
        if (Directory.Exists(rules))
        {
            foreach (var file in Directory.EnumerateFiles(rules, "*.yml", SearchOption.AllDirectories)
                         .Where(f => Compiler.Loading.RuleRepository.Classify(f) == Compiler.Loading.FileKind.Rule).Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetRelativePath(TestPaths.RepoRoot, file).Replace('\\', '/'));
            }
        }

        return data;
    }

    [Fact]
    public void The_repository_rules_validate_with_exit_0()
    {
        var outcome = CliRunner.Run(TestPaths.RepoRoot, "validate", "rules/");
        Assert.Equal("", outcome.Error);
        Assert.Matches(@"^validated \d+ rules, \d+ data sources?, \d+ lists?, \d+ fragments?: 0 errors, 0 warnings\n$", outcome.Out);
        Assert.Equal(0, outcome.ExitCode);
    }

    [Theory]
    [MemberData(nameof(SeedRules))]
    public void Each_acceptance_edit_fails_at_the_edited_line(string rule)
    {
        AssertEditFails(rule, "^description:", "descripton:", "RC1203");
        AssertEditFails(rule, @"(?<=^  - )T\d{4}(\.\d{3})?$", "T9999", "RC1304");
        AssertEditFails(rule, @"(?<=^  impact: )\d+", "300", "RC1206", optional: true);
    }

    [Theory]
    [MemberData(nameof(SeedRules))]
    public void A_copy_with_the_same_id_fails_at_the_copy(string rule)
    {
        using var repo = TempRepository.CopyOfRepositoryRules();
        var copy = rule.Replace(".yml", "_copy.yml", StringComparison.Ordinal);
        File.Copy(repo.PathOf(rule), repo.PathOf(copy));
        repo.EditMatch(copy, "(?<=^name: ).*$", "Copy Of A Seed");
        File.Move(repo.PathOf(copy), repo.PathOf(Path.Combine(Path.GetDirectoryName(copy)!, "copy_of_a_seed.yml")));
        var moved = Path.Combine(Path.GetDirectoryName(copy)!, "copy_of_a_seed.yml").Replace('\\', '/');

        var outcome = CliRunner.Run(repo.Root, "validate", "rules");

        Assert.Equal(1, outcome.ExitCode);
        // The later of the two paths in ordinal order gets the error, at its id.
        var later = string.CompareOrdinal(moved, rule) > 0 ? moved : rule;
        var errors = outcome.Error.Replace('\\', '/').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var error = Assert.Single(errors);
        Assert.StartsWith($"{later}({repo.LineOf(later, "id: ")},5): error RC1301: duplicate id", error);
    }

    private static void AssertEditFails(string rule, string pattern, string replacement, string code, bool optional = false)
    {
        using var repo = TempRepository.CopyOfRepositoryRules();
        if (optional && !System.Text.RegularExpressions.Regex.IsMatch(File.ReadAllText(repo.PathOf(rule)), pattern, System.Text.RegularExpressions.RegexOptions.Multiline))
        {
            return;
        }

        var line = repo.EditMatch(rule, pattern, replacement);
        var outcome = CliRunner.Run(repo.Root, "validate", "rules");
        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains($"{rule}({line},", outcome.Error.Replace('\\', '/'));
        Assert.Contains($"error {code}: ", outcome.Error);
    }
}
