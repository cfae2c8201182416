using System.CommandLine;

namespace RuleCompiler.Cli;

/// <summary>
/// Parses and runs a command line. Parse errors (unknown option, missing argument) become RC1902 usage errors with
/// exit code 2 instead of System.CommandLine's default exit code 1, which rulec reserves for rule errors.
/// </summary>
public static class CommandRunner
{
    public static int Run(RootCommand root, string[] args, CliContext context)
    {
        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            var printer = new DiagnosticPrinter(context);
            foreach (var error in result.Errors)
            {
                printer.UsageError(CliDiagnosticCodes.InvalidArguments, error.Message);
            }

            context.Error.WriteLine("Run 'rulec --help' for usage.");
            return ExitCodes.UsageError;
        }

        return result.Invoke(new InvocationConfiguration { Output = context.Out, Error = context.Error });
    }
}
