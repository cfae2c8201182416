namespace RuleCompiler.Compiler.Tests.Cli;

/// <summary>
/// Issue 13, finding 1 and 7: support-file names clash across folders, symbolic link loops and links out of the
/// repository are diagnostics on every command, never a crash, and the other files' diagnostics are kept.
/// </summary>
public class RepositoryIntegrityTests
{
    private const string HighRule = "rules/aws/ecr/aws_ecr_container_scanning_findings_high.yml";

    [Theory]
    [InlineData("validate")]
    [InlineData("build")]
    [InlineData("test")]
    public void A_list_and_a_fragment_named_twice_in_different_folders_are_errors_at_both_files(string command)
    {
        using var repo = TempRepository.CopyOfRepositoryRules();
        Directory.CreateDirectory(repo.PathOf("rules/aws/lists"));
        Directory.CreateDirectory(repo.PathOf("rules/aws/fragments"));
        File.Copy(repo.PathOf("rules/lists/aws_ecr_users_asl.yml"), repo.PathOf("rules/aws/lists/aws_ecr_users_asl.yml"));
        File.Copy(repo.PathOf("rules/fragments/aws_account_name.yml"), repo.PathOf("rules/aws/fragments/aws_account_name.yml"));
        repo.Edit(HighRule, "known_false_positives:", "known_false_positive:");

        var outcome = CliRunner.Run(repo.Root, [command, "rules", .. command == "build" ? new[] { "--out", repo.PathOf("dist") } : []]);

        Assert.Equal(1, outcome.ExitCode);
        Assert.DoesNotContain("Unhandled", outcome.Error);
        var error = outcome.Error.Replace('\\', '/');
        Assert.Contains("rules/lists/aws_ecr_users_asl.yml(2,1): error RC1302: duplicate list name 'aws_ecr_users_asl'", error);
        Assert.Contains("rules/aws/lists/aws_ecr_users_asl.yml(2,1): error RC1302: duplicate list name 'aws_ecr_users_asl'", error);
        Assert.Contains("rules/fragments/aws_account_name.yml(2,1): error RC1302: duplicate fragment name", error);
        Assert.Contains("rules/aws/fragments/aws_account_name.yml(2,1): error RC1302: duplicate fragment name", error);
        Assert.Contains($"{HighRule}(", error);
        Assert.Contains("RC1203", error);
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("test")]
    public void A_symlink_loop_is_an_error_and_the_other_files_are_still_checked(string command)
    {
        using var repo = TempRepository.CopyOfRepositoryRules();
        File.CreateSymbolicLink(repo.PathOf("rules/aws/loop"), "..");
        repo.Edit(HighRule, "known_false_positives:", "known_false_positive:");

        var outcome = CliRunner.Run(repo.Root, command, "rules");

        Assert.Equal(1, outcome.ExitCode);
        var error = outcome.Error.Replace('\\', '/');
        Assert.DoesNotContain("Unhandled", error);
        Assert.Contains("rules/aws/loop(1,1): error RC1316: symbolic link to folder '..' loops back", error);
        Assert.Contains($"{HighRule}(", error);
        Assert.DoesNotContain("RC1302", error);
    }

    [Fact]
    public void A_symlinked_rule_file_outside_the_repository_is_not_read()
    {
        using var repo = TempRepository.CopyOfRepositoryRules();
        using var outside = TempRepository.CopyOfRepositoryRules();
        File.Move(outside.PathOf(HighRule), outside.PathOf("rules/outside.yml"));
        File.CreateSymbolicLink(repo.PathOf("rules/aws/ecr/linked.yml"), outside.PathOf("rules/outside.yml"));

        var outcome = CliRunner.Run(repo.Root, "validate", "rules");

        Assert.Equal(1, outcome.ExitCode);
        var line = Assert.Single(outcome.Error.Replace('\\', '/').Split('\n'), l => l.Length > 0);
        Assert.StartsWith("rules/aws/ecr/linked.yml(1,1): error RC1317: symbolic link to '", line);
        Assert.EndsWith("points outside the repository; not followed", line);
    }

    [Fact]
    public void A_symlinked_folder_inside_the_repository_is_followed_once()
    {
        using var repo = TempRepository.CopyOfRepositoryRules();
        Directory.Move(repo.PathOf("rules/aws/ecr"), repo.PathOf("rules/.store"));
        File.CreateSymbolicLink(repo.PathOf("rules/aws/ecr"), "../.store");

        var outcome = CliRunner.Run(repo.Root, "validate", "rules");

        Assert.Equal("", outcome.Error);
        Assert.Equal(0, outcome.ExitCode);
        Assert.StartsWith("validated 5 rules", outcome.Out);
    }

    [Theory]
    [InlineData("../../../outside/secret.json", false)]
    [InlineData("tests/linked/secret.json", true)]
    public void Test_events_outside_the_repository_are_an_error_and_are_not_read(string eventsPath, bool throughSymlink)
    {
        using var repo = TempRepository.CopyOfRepositoryRules();
        using var outside = TempRepository.CopyOfRepositoryRules();
        var secretFolder = Path.Combine(outside.Root, "outside");
        Directory.CreateDirectory(secretFolder);
        File.WriteAllText(Path.Combine(secretFolder, "secret.json"), "{\"detail\": {\"severity\": \"HIGH\"}, \"private_key\": \"SECRET-KEY-MATERIAL\"}\n");
        if (throughSymlink)
        {
            File.CreateSymbolicLink(repo.PathOf("rules/aws/ecr/tests/linked"), secretFolder);
        }
        else
        {
            // Beside rules/, which is the repository here (no .git above the temporary copy).
            Directory.Move(secretFolder, repo.PathOf("outside"));
        }

        var line = repo.LineOf(HighRule, "events: tests/");
        repo.EditMatch(HighRule, @"events: tests/\S+", "events: " + eventsPath);

        var validate = CliRunner.Run(repo.Root, "validate", "rules");
        var test = CliRunner.Run(repo.Root, "test", "rules");

        Assert.Equal(1, validate.ExitCode);
        Assert.Contains($"{HighRule}({line},13): error RC1318: test events file '{eventsPath}' resolves outside the repository", validate.Error.Replace('\\', '/'));
        Assert.Equal(1, test.ExitCode);
        Assert.DoesNotContain("SECRET-KEY-MATERIAL", test.Out + test.Error);
    }
}
