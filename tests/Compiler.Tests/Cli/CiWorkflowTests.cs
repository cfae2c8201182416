using RuleCompiler.Compiler.Yaml;

namespace RuleCompiler.Compiler.Tests.Cli;

/// <summary>
/// Issue 12, deliverable 9: docs/ci/github-actions.yml is a workflow that parses, runs only rulec command lines
/// rulec accepts, and uploads SARIF and JUnit; so it cannot drift from the command line it documents.
/// </summary>
public class CiWorkflowTests
{
    private static readonly string Workflow = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "ci", "github-actions.yml"));

    private static IReadOnlyList<string> RulecLines() =>
        [.. Workflow.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("run: rulec ", StringComparison.Ordinal)).Select(l => l["run: ".Length..])];

    [Fact]
    public void The_workflow_is_yaml_with_one_job_of_steps()
    {
        var document = YamlLoader.LoadText("github-actions.yml", Workflow);

        Assert.Empty(document.Diagnostics);
        var root = Assert.IsType<YamlMapping>(document.Root);
        var jobs = Assert.IsType<YamlMapping>(root["jobs"]);
        var steps = Assert.IsType<YamlSequence>(Assert.IsType<YamlMapping>(jobs["rules"])["steps"]);
        Assert.True(steps.Items.Length >= 8);
    }

    [Fact]
    public void It_validates_tests_builds_every_target_and_uploads_sarif_and_junit()
    {
        var commands = RulecLines().Select(l => l.Split(' ')[1]).ToList();

        Assert.Equal(["validate", "test", "build"], commands);
        Assert.Contains("--format sarif --output rulec.sarif", Workflow);
        Assert.Contains("sarif_file: rulec.sarif", Workflow);
        Assert.Contains("--format junit --output junit.xml", Workflow);
        Assert.Contains("report_paths: junit.xml", Workflow);
        Assert.DoesNotContain("--target", string.Join('\n', RulecLines())); // build with no --target builds every target
        Assert.Contains("dotnet tool install RuleCompiler.Cli", Workflow);
    }

    [Fact]
    public void Every_rulec_line_is_accepted_by_rulec_and_succeeds_on_the_seed_rules()
    {
        using var repo = TempRepository.CopyOfRepositoryRules();
        foreach (var line in RulecLines())
        {
            var outcome = CliRunner.Run(repo.Root, line.Split(' ')[1..]);
            Assert.True(outcome.ExitCode == 0, $"{line}\n{outcome.Error}");
        }

        Assert.True(File.Exists(repo.PathOf("rulec.sarif")));
        Assert.True(File.Exists(repo.PathOf("junit.xml")));
        Assert.True(Directory.Exists(repo.PathOf("dist/splunk")) && Directory.Exists(repo.PathOf("dist/sentinel")) && Directory.Exists(repo.PathOf("dist/csharp")));
    }
}
