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
            Description = "text: diagnostics on stderr; sarif: a SARIF 2.1.0 log; json: diagnostics and counts (both on stdout or in --output).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "sarif", "json");
        var output = new Option<string?>("--output") { Description = "Write the SARIF or JSON document to this file." };
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
            GlobalOptions.Apply(context, result),
            result.GetValue(paths) is { Length: > 0 } given ? given : ["rules"],
            result.GetValue(format)!,
            result.GetValue(output),
            result.GetValue(attack)));
        return command;
    }

    private static int Run(CliContext context, string[] paths, string format, string? outputFile, string? attackFile)
    {
        var printer = new DiagnosticPrinter(context, "rulec validate");
        if (outputFile is not null && format == "text")
        {
            return printer.UsageError(CliDiagnosticCodes.InvalidArguments, "--output needs --format sarif or --format json");
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

        var result = context.Adjust(RuleCompilerHost.WithGeoIpFileErrors(RuleCompilerHost.Compile([.. paths.Select(context.Resolve)], catalogue)));
        var summary = Summary(result);
        if (format == "text")
        {
            foreach (var diagnostic in result.Diagnostics)
            {
                printer.Print(diagnostic);
            }

            context.Summary(summary);
        }
        else
        {
            var document = format == "sarif" ? SarifWriter.Write(result.Diagnostics, context) : Json(result, context);
            if (!DocumentOutput.Write(context, printer, document, outputFile))
            {
                return ExitCodes.UsageError;
            }

            // stdout holds the document; the summary goes to stderr.
            if (!context.Quiet)
            {
                context.Error.WriteLine(summary);
            }
        }

        return result.ErrorCount > 0 ? ExitCodes.RuleErrors : ExitCodes.Ok;
    }

    private static string Json(CompilationResult result, CliContext context) => JsonOutput.Write(json =>
    {
        var c = result.Repository.Counts;
        json.WriteStartObject();
        json.WriteNumber("rules", c.Rules);
        json.WriteNumber("data_sources", c.DataSources);
        json.WriteNumber("lists", c.Lists);
        json.WriteNumber("fragments", c.Fragments);
        json.WriteNumber("errors", result.ErrorCount);
        json.WriteNumber("warnings", result.WarningCount);
        JsonOutput.WriteDiagnostics(json, "diagnostics", result.Diagnostics, context);
        json.WriteEndObject();
    });

    private static string Summary(CompilationResult result)
    {
        var c = result.Repository.Counts;
        return $"validated {Counts.Of(c.Rules, "rule")}, {Counts.Of(c.DataSources, "data source")}, {Counts.Of(c.Lists, "list")}, {Counts.Of(c.Fragments, "fragment")}: "
            + Counts.Problems(result.ErrorCount, result.WarningCount);
    }
}
