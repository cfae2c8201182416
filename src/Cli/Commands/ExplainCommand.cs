using System.CommandLine;
using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Cli.Commands;

/// <summary>
/// <c>rulec explain RC1203</c>: prints what a diagnostic code means, its default severity and where the reference
/// describes it, from the same descriptors SARIF logs carry. An unknown code is a usage error with a suggestion.
/// </summary>
public static class ExplainCommand
{
    public static Command Create(CliContext context)
    {
        var code = new Argument<string>("code") { Description = "A diagnostic code, such as RC1203." };
        var command = new Command("explain", "Explain a diagnostic code.");
        command.Arguments.Add(code);
        command.SetAction(result => Run(context, result.GetValue(code)!));
        return command;
    }

    private static int Run(CliContext context, string code)
    {
        var normalised = code.Trim().ToUpperInvariant();
        if (DiagnosticCatalogue.Find(normalised) is not { } descriptor)
        {
            return new DiagnosticPrinter(context).UsageError(
                CliDiagnosticCodes.UnknownDiagnosticCode,
                $"'{code}' is not a rulec diagnostic code" + DidYouMean.Hint(normalised, DiagnosticCatalogue.All.Select(d => d.Code)));
        }

        context.Out.WriteLine($"{descriptor.Code} ({descriptor.Severity.ToString().ToLowerInvariant()}): {descriptor.Title}");
        context.Out.WriteLine($"Section: {descriptor.Category}");
        context.Out.WriteLine($"Reference: {descriptor.HelpPath}");
        return ExitCodes.Ok;
    }
}
