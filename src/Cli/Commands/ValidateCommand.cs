using RuleCompiler.Backends.Hosting;
using System.CommandLine;
using RuleCompiler.Compiler.Catalogues;
using RuleCompiler.Compiler.Compilation;
using RuleCompiler.Compiler.Loading;

namespace RuleCompiler.Cli.Commands;

/// <summary><c>rulec validate [PATH...]</c>: load rules, data sources, lists and fragments and report every problem.</summary>
public static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Rule files or folders to validate (default: rules/).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var format = new Option<string>("--format")
        {
            Description = "text (default): diagnostics on stderr; sarif: a SARIF 2.1.0 log on stdout or in --output.",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "sarif");
        var output = new Option<string?>("--output") { Description = "Write the SARIF log to this file (needs --format sarif)." };
        var attack = new Option<string?>("--attack-catalogue")
        {
            Description = "MITRE's STIX bundle enterprise-attack.json, to check ATT&CK ids against instead of the bundled catalogue.",
        };

        var command = new Command("validate", "Validate rules: YAML, schema, the search (syntax, fields, types), ATT&CK ids, entities, schedules, uniqueness.");
        command.Arguments.Add(paths);
        command.Options.Add(format);
        command.Options.Add(output);
        command.Options.Add(attack);
        command.SetAction(result => Run(
            context,
            result.GetValue(paths) is { Length: > 0 } given ? given : ["rules"],
            result.GetValue(format) == "sarif",
            result.GetValue(output),
            result.GetValue(attack)));
        return command;
    }

    private static int Run(CliContext context, string[] paths, bool sarif, string? outputFile, string? attackFile)
    {
        var printer = new DiagnosticPrinter(context);
        if (outputFile is not null && !sarif)
        {
            return printer.UsageError(CliDiagnosticCodes.InvalidArguments, "--output needs --format sarif");
        }

        if (printer.ReportUnusablePaths(paths))
        {
            return ExitCodes.UsageError;
        }

        var catalogue = AttackCatalogue.Default;
        if (attackFile is not null)
        {
            var (loaded, error) = StixAttackCatalogueReader.Read(context.Resolve(attackFile));
            if (loaded is null)
            {
                return printer.UsageError(CliDiagnosticCodes.BadAttackCatalogue, $"{attackFile}: {error}");
            }

            catalogue = loaded;
        }

        var result = RuleCompilerHost.Compile([.. paths.Select(context.Resolve)], catalogue);
        var summary = Summary(result);
        if (sarif)
        {
            var log = SarifWriter.Write(result.Diagnostics, context);
            if (outputFile is null)
            {
                context.Out.Write(log);
            }
            else
            {
                try
                {
                    File.WriteAllText(context.Resolve(outputFile), log);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
                {
                    return printer.UsageError(CliDiagnosticCodes.CannotWriteOutput, $"cannot write {outputFile}: {e.Message}");
                }
            }

            context.Error.WriteLine(summary);
        }
        else
        {
            foreach (var diagnostic in result.Diagnostics)
            {
                printer.Print(diagnostic);
            }

            context.Out.WriteLine(summary);
        }

        return result.ErrorCount > 0 ? ExitCodes.RuleErrors : ExitCodes.Ok;
    }

    private static string Summary(CompilationResult result)
    {
        var c = result.Repository.Counts;
        return $"validated {Count(c.Rules, "rule")}, {Count(c.DataSources, "data source")}, {Count(c.Lists, "list")}, {Count(c.Fragments, "fragment")}: "
            + $"{Count(result.ErrorCount, "error")}, {Count(result.WarningCount, "warning")}";
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
