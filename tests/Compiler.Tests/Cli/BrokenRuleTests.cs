namespace RuleCompiler.Compiler.Tests.Cli;

/// <summary>The acceptance edits: break a valid rule and get an error at the edited line with exit code 1.</summary>
public class BrokenRuleTests
{
    private const string Medium = "rules/aws/ecr/aws_ecr_container_scanning_findings_medium.yml";

    [Theory]
    [InlineData("known_false_positives: unknown", "known_false_positive: unknown", "RC1203", 1, "did you mean 'known_false_positives'?")]
    [InlineData("  - T1204.003", "  - T9999", "RC1304", 5, "T9999")]
    [InlineData("  impact: 30", "  impact: 300", "RC1206", 11, "outside the range 0..100")]
    [InlineData("  - type: Account", "  - type: Acount", "RC1204", 11, "did you mean 'Account'?")]
    [InlineData("      Name: user", "      Nme: user", "RC1310", 7, "did you mean 'Name'?")]
    [InlineData("  lookback: 1h", "  lookback: 30m", "RC1309", 13, "shorter than the frequency")]
    [InlineData("  - T1204.003", "  - T1004", "RC1305", 5, "revoked")]
    public void An_edit_gives_an_error_at_the_edited_line_and_exit_1(string old, string replacement, string code, int column, string hint)
    {
        using var repo = TempRepository.CopyOfValid();
        repo.Edit(Medium, old, replacement);
        var line = repo.LineOf(Medium, replacement);

        var outcome = CliRunner.Run(repo.Root, "validate", "rules");

        Assert.Equal(1, outcome.ExitCode);
        var expected = $"{Medium}({line},{column}): error {code}: ";
        var diagnostic = Assert.Single(outcome.Error.Replace('\\', '/').Split('\n'), l => l.Length > 0);
        Assert.StartsWith(expected, diagnostic);
        Assert.Contains(hint, diagnostic);
    }

    [Fact]
    public void A_copied_rule_with_the_same_id_is_an_error_at_the_copy()
    {
        using var repo = TempRepository.CopyOfValid();
        const string copy = "rules/aws/ecr/aws_ecr_container_scanning_findings_medium_copy.yml";
        File.Copy(repo.PathOf(Medium), repo.PathOf(copy));
        repo.Edit(copy, "name: AWS ECR Container Scanning Findings Medium", "name: AWS ECR Container Scanning Findings Medium Copy");

        var outcome = CliRunner.Run(repo.Root, "validate", "rules");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal(
            $"{copy}(2,5): error RC1301: duplicate id '0b80e2c8-c746-4ddb-89eb-9efd892220cf', already used in aws_ecr_container_scanning_findings_medium.yml(2,5)\n",
            outcome.Error.Replace('\\', '/'));
    }
}
