using System.CommandLine;

namespace RuleCompiler.Cli;

/// <summary>Options every command takes (<c>--quiet</c>, <c>--warnings-as-errors</c>), given before or after the command name.</summary>
public static class GlobalOptions
{
    private const string Quiet = "--quiet";
    private const string WarningsAsErrors = "--warnings-as-errors";

    /// <summary>Adds the options to a new root command (an option belongs to one command tree).</summary>
    public static void AddTo(RootCommand root)
    {
        root.Options.Add(new Option<bool>(Quiet, "-q") { Description = "Print errors only: no warnings, summary lines or progress.", Recursive = true });
        root.Options.Add(new Option<bool>(WarningsAsErrors) { Description = "Report every warning as an error (exit code 1).", Recursive = true });
    }

    /// <summary>The context with the global options of this command line applied.</summary>
    public static CliContext Apply(CliContext context, ParseResult result) => context with
    {
        Quiet = result.GetValue<bool>(Quiet),
        WarningsAsErrors = result.GetValue<bool>(WarningsAsErrors),
    };
}
