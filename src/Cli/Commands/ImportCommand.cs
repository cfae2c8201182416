using System.CommandLine;
using RuleCompiler.Importers;
using RuleCompiler.Importers.Escu;
using RuleCompiler.Importers.Sentinel;
using RuleCompiler.Importers.Sigma;
using RuleCompiler.Importers.Verification;
using RuleCompiler.Compiler.Catalogues;

namespace RuleCompiler.Cli.Commands;

/// <summary>
/// <c>rulec import sigma FILE_OR_DIR... --out DIR</c>: translate source rules into canonical rule files, print a
/// diagnostic for everything not carried across, and end with a table of imported, partial and failed rules by reason.
/// </summary>
public static class ImportCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("import", "Translate rules of another format into canonical rule files.");
        command.Subcommands.Add(Format(context, "sigma", "Sigma rules for AWS CloudTrail", _ => new SigmaImporter(AttackCatalogue.Default)));
        // The SPL's data-source macros and allow-lists are resolved against the repository the rules are written into.
        command.Subcommands.Add(Format(context, "escu", "ESCU detections (Splunk security_content YAML)", outDir => new EscuImporter(AttackCatalogue.Default, SplTranslationContext.FromRepository(outDir))));
        command.Subcommands.Add(Format(context, "sentinel", "Sentinel analytic rules and hunting queries (YAML)", outDir =>
            RepositoryDataSources.Find(context, outDir) is { Count: > 0 } sources ? new SentinelImporter(sources, AttackCatalogue.Default) : null));
        return command;
    }

    private static Command Format(CliContext context, string name, string what, Func<string, IRuleImporter?> importer)
    {
        var paths = new Argument<string[]>("paths") { Description = $"{what}: files or folders.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "Folder to write the canonical rules into.", Required = true };
        var verify = new Option<bool>("--verify") { Description = "Then bind the written rules, compile them back to the source language (round trip), to KQL (checked by Kusto.Language) and to C#, and print the rates." };
        var events = new Option<string[]>("--events") { Description = "With --verify: JSON event files or folders the C# rules run on.", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command(name, $"Import {what}.");
        command.Arguments.Add(paths);
        command.Options.Add(output);
        command.Options.Add(verify);
        command.Options.Add(events);
        command.SetAction(result =>
        {
            var outDir = result.GetValue(output)!;
            return importer(context.Resolve(outDir)) is { } chosen
                ? Run(context, chosen, result.GetValue(paths)!, outDir, result.GetValue(verify) ? [.. (result.GetValue(events) ?? []).Select(context.Resolve)] : null)
                : new DiagnosticPrinter(context).UsageError(CliDiagnosticCodes.NoRepository, RepositoryDataSources.Missing);
        });
        return command;
    }

    private static int Run(CliContext context, IRuleImporter importer, string[] paths, string outDir, IReadOnlyList<string>? verifyEvents)
    {
        var printer = new DiagnosticPrinter(context);
        if (printer.ReportMissingPaths(paths))
        {
            return ExitCodes.UsageError;
        }

        IReadOnlyList<ImportedRule> results;
        try
        {
            results = ImportBatch.Run(importer, [.. paths.Select(context.Resolve)], context.Resolve(outDir), context.Display);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return printer.UsageError(CliDiagnosticCodes.CannotWriteOutput, $"cannot write {outDir}: {e.Message}");
        }

        foreach (var diagnostic in results.SelectMany(r => r.Diagnostics))
        {
            printer.Print(diagnostic);
        }

        context.Out.Write(WorkflowCommandGuard.Lines(ImportTable.Format(results)));
        if (verifyEvents is not null)
        {
            var report = ImportVerification.Run(importer.Format, results, context.Resolve(outDir), context.Resolve, verifyEvents);
            context.Out.Write(WorkflowCommandGuard.Lines(VerificationTable.Format(report)));
        }

        return results.Any(r => r.Status == ImportStatus.Failed) ? ExitCodes.RuleErrors : ExitCodes.Ok;
    }
}
