using System.CommandLine;
using RuleCompiler.Cli.Commands;

namespace RuleCompiler.Cli;

/// <summary>The rulec command: registers one command per file under Commands/.</summary>
public static class Program
{
    public static int Main(string[] args) => Run(args, CliContext.FromConsole());

    /// <summary>Runs rulec in-process (tests call this with a captured context).</summary>
    public static int Run(string[] args, CliContext context)
    {
        var root = new RootCommand("rulec: validate detection rules written once in canonical YAML, and compile them. 'rulec help COMMAND' shows a command's options.");
        root.Subcommands.Add(ValidateCommand.Create(context));
        root.Subcommands.Add(NewCommand.Create(context));
        root.Subcommands.Add(TestCommand.Create(context));
        root.Subcommands.Add(RunCommand.Create(context));
        root.Subcommands.Add(BuildCommand.Create(context));
        root.Subcommands.Add(ImportCommand.Create(context));
        root.Subcommands.Add(ExplainCommand.Create(context));
        root.Subcommands.Add(ListCommand.Create(context));
        root.Subcommands.Add(ShowCommand.Create(context));
        GlobalOptions.AddTo(root);
        root.Subcommands.Add(TranslateCommand.Create(context));
        return CommandRunner.Run(root, args, context);
    }
}
