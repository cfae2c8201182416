namespace RuleCompiler.Compiler.Tests.Cli;

/// <summary>
/// Issue 12, finding 8: usage errors are one clear error with a did-you-mean and the same hint every time,
/// <c>rulec help [command]</c> works, help states each default once, and colour follows the terminal.
/// </summary>
public class UsageTests
{
    [Fact]
    public void A_mistyped_command_is_one_error_with_a_did_you_mean()
    {
        var outcome = CliRunner.Run(TestPaths.RepoRoot, "validat", "rules");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal(
            "rulec: error RC1902: unknown command 'validat'; did you mean 'validate'?\nRun 'rulec help' for usage.\n",
            outcome.Error);
        Assert.Equal("", outcome.Out);
    }

    [Fact]
    public void A_word_that_is_no_command_lists_the_commands()
    {
        var outcome = CliRunner.Run(TestPaths.RepoRoot, "frobnicate");

        Assert.Equal(2, outcome.ExitCode);
        Assert.StartsWith("rulec: error RC1902: unknown command 'frobnicate'; the commands are build, explain, help, import, list, new, run, show, test, translate, validate\n", outcome.Error);
    }

    [Fact]
    public void A_mistyped_subcommand_of_import_gets_a_did_you_mean()
    {
        var outcome = CliRunner.Run(TestPaths.RepoRoot, "import", "sigam", "x", "--out", "y");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("unknown command 'sigam'; did you mean 'sigma'?", outcome.Error);
    }

    [Fact]
    public void Help_prints_the_commands_and_no_errors()
    {
        var outcome = CliRunner.Run(TestPaths.RepoRoot, "help");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("", outcome.Error);
        foreach (var command in new[] { "validate", "build", "test", "run", "new", "import", "list", "show" })
        {
            Assert.Contains($"\n  {command} ", outcome.Out);
        }
    }

    [Fact]
    public void Help_with_a_command_prints_that_commands_options()
    {
        var outcome = CliRunner.Run(TestPaths.RepoRoot, "help", "validate");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("", outcome.Error);
        Assert.Contains(" validate [<paths>...] [options]", outcome.Out); // in-process the program is named after the test host
        Assert.Contains("--attack-catalogue", outcome.Out);
    }

    [Fact]
    public void Help_about_help_is_the_list_of_commands_not_an_unknown_command()
    {
        // The list of commands names "help", so asking for its help must not call it unknown.
        var outcome = CliRunner.Run(TestPaths.RepoRoot, "help", "help");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("", outcome.Error);
        Assert.Equal(CliRunner.Run(TestPaths.RepoRoot, "help").Out, outcome.Out);
    }

    [Fact]
    public void Help_for_an_unknown_command_is_a_usage_error_with_a_did_you_mean()
    {
        var outcome = CliRunner.Run(TestPaths.RepoRoot, "help", "biuld");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("rulec: error RC1902: unknown command 'biuld'; did you mean 'build'?", outcome.Error);
    }

    [Theory]
    [InlineData("validate", "--nosuch")]
    [InlineData("build", "--nosuch")]
    [InlineData("run", "--rules")]
    [InlineData("validate", "--output", "x.sarif")]
    public void Every_invalid_arguments_error_ends_with_the_same_hint_once(params string[] args)
    {
        var outcome = CliRunner.Run(TestPaths.RepoRoot, args);

        Assert.Equal(2, outcome.ExitCode);
        var hints = outcome.Error.Split('\n').Where(l => l.StartsWith("Run '", StringComparison.Ordinal)).ToList();
        Assert.Equal([$"Run 'rulec help {args[0]}' for usage."], hints);
    }

    [Theory]
    [InlineData("build")]
    [InlineData("new")]
    [InlineData("run")]
    [InlineData("show")]
    [InlineData("list")]
    [InlineData("validate")]
    public void Help_states_each_default_once(string command)
    {
        var outcome = CliRunner.Run(TestPaths.RepoRoot, "help", command);

        Assert.Equal(0, outcome.ExitCode);
        foreach (var line in outcome.Out.Split('\n').Where(l => l.Contains("[default:", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain("(default:", line);
        }
    }

    [Theory]
    [InlineData(false, null, null, true)]
    [InlineData(false, null, "xterm-256color", true)]
    [InlineData(true, null, "xterm-256color", false)]
    [InlineData(false, "1", "xterm-256color", false)]
    [InlineData(false, "", "xterm", true)]
    [InlineData(false, null, "dumb", false)]
    public void Colour_only_on_a_terminal_that_shows_it(bool redirected, string? noColor, string? term, bool expected)
    {
        var environment = new Dictionary<string, string?> { ["NO_COLOR"] = noColor, ["TERM"] = term };

        Assert.Equal(expected, RuleCompiler.Cli.CliContext.ColourWanted(redirected, name => environment.GetValueOrDefault(name)));
    }
}
