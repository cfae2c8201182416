using Xunit;

namespace RuleCompiler.Backends.Tests.Cli;

/// <summary>
/// Issue 13, finding 8: `run --out` never truncates an input and never writes through a symbolic link, and
/// `build` replaces links planted in its output folder instead of overwriting their targets.
/// </summary>
public class OutputSafetyTests
{
    private static readonly string Scenarios = Path.Combine(RepositoryPaths.Root, "tests", "Backends.Tests", "Fixtures", "run", "ecr_scenarios.json");

    [Fact]
    public void Run_refuses_to_write_alerts_over_its_events_file()
    {
        var root = CliRunner.CopyRules();
        var events = Path.Combine(root, "events.json");
        File.Copy(Scenarios, events);
        var before = File.ReadAllBytes(events);
        try
        {
            var (exit, _, error) = CliRunner.Run(root, "run", "--rules", "rules", "--events", "events.json", "--out", "./events.json");

            Assert.Equal(2, exit);
            Assert.Contains("error RC1904: refusing to write alerts to ./events.json: it is one of the --events files", error);
            Assert.Equal(before, File.ReadAllBytes(events));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Run_refuses_to_write_into_the_rules_or_through_a_symlink()
    {
        var root = CliRunner.CopyRules();
        var victim = Path.Combine(root, "victim.txt");
        File.WriteAllText(victim, "keep me");
        File.CreateSymbolicLink(Path.Combine(root, "alerts.ndjson"), victim);
        var rule = Path.Combine(root, "rules", "aws", "ecr", "aws_ecr_container_scanning_findings_high.yml");
        var ruleText = File.ReadAllText(rule);
        try
        {
            var intoRules = CliRunner.Run(root, "run", "--rules", "rules", "--events", Scenarios, "--out", rule);
            var throughLink = CliRunner.Run(root, "run", "--rules", "rules", "--events", Scenarios, "--out", "alerts.ndjson");

            Assert.Equal(2, intoRules.Exit);
            Assert.Contains("it is inside the --rules folder", intoRules.Error);
            Assert.Equal(ruleText, File.ReadAllText(rule));
            Assert.Equal(2, throughLink.Exit);
            Assert.Contains("it is a symbolic link, which is not followed", throughLink.Error);
            Assert.Equal("keep me", File.ReadAllText(victim));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Build_replaces_symlinks_in_its_output_folder_and_leaves_their_targets_alone()
    {
        var root = CliRunner.CopyRules();
        var victim = Path.Combine(root, "victim.txt");
        var victimFolder = Path.Combine(root, "victim-folder");
        File.WriteAllText(victim, "keep me");
        Directory.CreateDirectory(victimFolder);
        var csharp = Path.Combine(root, "dist", "csharp");
        Directory.CreateDirectory(csharp);
        File.CreateSymbolicLink(Path.Combine(csharp, "AllRules.cs"), victim);
        File.CreateSymbolicLink(Path.Combine(csharp, "Rules"), victimFolder);
        try
        {
            var (exit, output, error) = CliRunner.Run(root, "build", "rules", "--target", "csharp", "--out", "dist");

            Assert.True(exit == 0, error + output);
            Assert.Equal("keep me", File.ReadAllText(victim));
            Assert.Empty(Directory.EnumerateFileSystemEntries(victimFolder));
            Assert.Null(new FileInfo(Path.Combine(csharp, "AllRules.cs")).LinkTarget);
            Assert.Null(new DirectoryInfo(Path.Combine(csharp, "Rules")).LinkTarget);
            Assert.Contains("public static class AllRules", File.ReadAllText(Path.Combine(csharp, "AllRules.cs")));
            Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(csharp, "Rules")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
