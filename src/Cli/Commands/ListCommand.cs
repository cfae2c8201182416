using System.CommandLine;
using RuleCompiler.Compiler.Loading;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Cli.Commands;

/// <summary>
/// <c>rulec list [PATH...] [--format text|json]</c>: one line per rule (id, name, status, type, data source, ATT&amp;CK),
/// sorted by name; problems in the files are printed as diagnostics and make the exit code 1.
/// </summary>
public static class ListCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Rule files or folders to list (default: rules/).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var format = new Option<string>("--format")
        {
            Description = "text: a table on stdout; json: an array of rules on stdout.",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("list", "List the rules: id, name, status, type, data source and ATT&CK ids.");
        command.Arguments.Add(paths);
        command.Options.Add(format);
        command.SetAction(result => Run(
            GlobalOptions.Apply(context, result),
            result.GetValue(paths) is { Length: > 0 } given ? given : ["rules"],
            result.GetValue(format) == "json"));
        return command;
    }

    private static int Run(CliContext context, string[] paths, bool json)
    {
        var printer = new DiagnosticPrinter(context, "rulec list");
        if (printer.ReportUnusablePaths(paths))
        {
            return ExitCodes.UsageError;
        }

        var repository = RuleRepository.Load([.. paths.Select(context.Resolve)]);
        var diagnostics = context.Adjust(repository.Diagnostics);
        foreach (var diagnostic in diagnostics)
        {
            printer.Print(diagnostic);
        }

        var rules = repository.Rules.OrderBy(r => r.Name.Value, StringComparer.Ordinal).ThenBy(r => r.Path, StringComparer.Ordinal).ToList();
        context.Out.Write(json ? Json(rules, context) : WorkflowCommandGuard.Lines(Table(rules)));
        return diagnostics.Any(d => d.IsError) ? ExitCodes.RuleErrors : ExitCodes.Ok;
    }

    private static string Json(IReadOnlyList<Rule> rules, CliContext context) => JsonOutput.Write(json =>
    {
        json.WriteStartArray();
        foreach (var rule in rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id.Value);
            json.WriteString("name", rule.Name.Value);
            json.WriteString("status", Lower(rule.Status));
            json.WriteString("type", Lower(rule.Type));
            json.WriteString("data_source", rule.DataSource.Value);
            JsonOutput.WriteStrings(json, "attack", rule.Attack.Select(a => a.Value));
            json.WriteString("severity", Lower(rule.EffectiveSeverity));
            json.WriteNumber("tests", rule.Tests.Length);
            json.WriteString("path", context.Display(rule.Path).Replace('\\', '/'));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    });

    /// <summary>Columns padded to their widest cell; names and ids are shown as they are (one line each).</summary>
    private static string Table(IReadOnlyList<Rule> rules)
    {
        string[] header = ["ID", "NAME", "STATUS", "TYPE", "DATA SOURCE", "ATT&CK"];
        var rows = rules.Select(r => new[]
        {
            r.Id.Value, OneLine(r.Name.Value), Lower(r.Status), Lower(r.Type), r.DataSource.Value,
            r.Attack.IsEmpty ? "-" : string.Join(",", r.Attack.Select(a => a.Value)),
        }).Prepend(header).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        var text = new System.Text.StringBuilder();
        foreach (var row in rows)
        {
            text.Append(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd()).Append('\n');
        }

        return text.ToString();
    }

    private static string OneLine(string text) => Compiler.Diagnostics.DiagnosticText.Message(text);

    private static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
