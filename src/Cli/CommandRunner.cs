using System.CommandLine;
using System.CommandLine.Parsing;
using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Cli;

/// <summary>
/// Parses and runs a command line. Parse errors (unknown option, missing argument) become RC1902 usage errors with
/// exit code 2 instead of System.CommandLine's default exit code 1, which rulec reserves for rule errors; a mistyped
/// command is one error with a did-you-mean. <c>rulec help [COMMAND...]</c> is <c>rulec [COMMAND...] --help</c>.
/// Every RC1902 ends with the same hint, naming the command's help.
/// </summary>
public static class CommandRunner
{
    public const string HelpCommand = "help";

    public static int Run(RootCommand root, string[] args, CliContext context)
    {
        var printer = new DiagnosticPrinter(context);
        if (args is [HelpCommand, .. var topic])
        {
            // "rulec help help" is the help that lists the commands, "help" among them.
            topic = [.. topic.SkipWhile(word => word == HelpCommand)];
            if (UnknownCommand(root, topic) is { } unknown)
            {
                return printer.UsageError(CliDiagnosticCodes.InvalidArguments, unknown);
            }

            args = [.. topic, "--help"];
        }

        var result = root.Parse(args);
        if (result.Errors.Count == 0)
        {
            return result.Invoke(new InvocationConfiguration { Output = context.Out, Error = context.Error });
        }

        var command = CommandPath(result.CommandResult);
        if (UnknownCommand(root, args) is { } message)
        {
            return printer.UsageError(CliDiagnosticCodes.InvalidArguments, message, command);
        }

        foreach (var error in result.Errors)
        {
            printer.UsageError(CliDiagnosticCodes.InvalidArguments, error.Message, command);
        }

        return ExitCodes.UsageError;
    }

    /// <summary>
    /// "unknown command 'validat'; did you mean 'validate'?" when the first word that is not an option names no
    /// command (at the top level, or under the command before it); null when every word is a command.
    /// </summary>
    private static string? UnknownCommand(Command root, IReadOnlyList<string> words)
    {
        Command current = root;
        foreach (var word in words.Where(w => !w.StartsWith('-')))
        {
            if (current.Subcommands.Count == 0)
            {
                return null;
            }

            var next = current.Subcommands.FirstOrDefault(c => c.Name == word);
            if (next is null)
            {
                var names = current.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
                if (current == root)
                {
                    names.Add(HelpCommand);
                }

                var hint = DidYouMean.Hint(word, names);
                return $"unknown command '{word}'" + (hint.Length > 0 ? hint : $"; the commands are {string.Join(", ", names.Order(StringComparer.Ordinal))}");
            }

            current = next;
        }

        return null;
    }

    /// <summary>"rulec import sigma": the words that name the command a parse stopped in.</summary>
    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? at = result; at is not null; at = at.Parent)
        {
            if (at is CommandResult { Command: not RootCommand } c)
            {
                names.Insert(0, c.Command.Name);
            }
        }

        return string.Join(' ', ["rulec", .. names]);
    }
}
