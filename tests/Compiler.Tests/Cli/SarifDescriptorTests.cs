using System.Text.Json;

namespace RuleCompiler.Compiler.Tests.Cli;

/// <summary>SARIF for GitHub code scanning: descriptors, tool version, paths from the checkout root, stable fingerprints.</summary>
public class SarifDescriptorTests
{
    private const string High = "rules/aws/ecr/aws_ecr_container_scanning_findings_high.yml";

    [Fact]
    public void Each_rule_descriptor_has_descriptions_help_and_a_default_level_and_the_tool_its_version()
    {
        using var repo = TempRepository.CopyOfValid();
        repo.Edit(High, "attack: [T1204.003]", "attack: [T9999]");

        using var sarif = JsonDocument.Parse(CliRunner.Run(repo.Root, "validate", "rules", "--format", "sarif").Out);

        var driver = sarif.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver");
        Assert.Matches(@"^\d+\.\d+\.\d+", driver.GetProperty("version").GetString());
        Assert.DoesNotContain('+', driver.GetProperty("version").GetString()!);
        var rule = driver.GetProperty("rules").EnumerateArray().Single();
        Assert.Equal("RC1304", rule.GetProperty("id").GetString());
        Assert.Contains("ATT&CK", rule.GetProperty("shortDescription").GetProperty("text").GetString());
        Assert.Contains("Semantic", rule.GetProperty("fullDescription").GetProperty("text").GetString());
        Assert.Contains("docs/diagnostics.md#semantic-rc13xx", rule.GetProperty("help").GetProperty("markdown").GetString());
        Assert.Equal("error", rule.GetProperty("defaultConfiguration").GetProperty("level").GetString());
    }

    [Fact]
    public void Paths_are_relative_to_the_checkout_root_whatever_the_working_directory()
    {
        using var repo = TempRepository.CopyOfValid();
        repo.Edit(High, "attack: [T1204.003]", "attack: [T9999]");

        var outcome = CliRunner.Run(Path.Combine(repo.Root, "rules", "aws"), "validate", "ecr", "--format", "sarif");

        using var sarif = JsonDocument.Parse(outcome.Out);
        var location = sarif.RootElement.GetProperty("runs")[0].GetProperty("results")[0].GetProperty("locations")[0]
            .GetProperty("physicalLocation").GetProperty("artifactLocation");
        Assert.Equal(High, location.GetProperty("uri").GetString());
        Assert.Equal("%SRCROOT%", location.GetProperty("uriBaseId").GetString());
    }

    [Fact]
    public void A_fingerprint_survives_lines_added_above_and_tells_equal_findings_apart()
    {
        using var repo = TempRepository.CopyOfValid();
        repo.Edit(High, "attack: [T1204.003]", "attack: [T9999, T9998]");
        var before = Fingerprints(repo);

        repo.Edit(High, "attack: [T9999, T9998]", "# a comment\n# another\nattack: [T9999, T9998]");
        var after = Fingerprints(repo);

        Assert.Equal(2, before.Count);
        Assert.Equal(before, after);
        Assert.NotEqual(before[0], before[1]);
    }

    private static List<string> Fingerprints(TempRepository repo)
    {
        using var sarif = JsonDocument.Parse(CliRunner.Run(repo.Root, "validate", "rules", "--format", "sarif").Out);
        return [.. sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("partialFingerprints").GetProperty("rulecFinding/v1").GetString()!)];
    }

    [Fact]
    public void Explain_prints_a_codes_descriptor_and_suggests_for_an_unknown_one()
    {
        var known = CliRunner.Run(TestPaths.RepoRoot, "explain", "rc1203");
        var unknown = CliRunner.Run(TestPaths.RepoRoot, "explain", "RC1230");

        Assert.Equal(0, known.ExitCode);
        Assert.StartsWith("RC1203 (error): unknown field", known.Out, StringComparison.Ordinal);
        Assert.Contains("Reference: docs/diagnostics.md#schema-rc12xx", known.Out);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("error RC1909: 'RC1230' is not a rulec diagnostic code; did you mean 'RC1203'?", unknown.Error);
    }
}
