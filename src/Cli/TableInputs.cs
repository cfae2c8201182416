using System.Text.Json;
using RuleCompiler.Compiler.Compilation;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Model;
using RuleCompiler.Compiler.Semantics;
using RuleCompiler.Runtime.Events;
using RuleCompiler.Runtime.Rows;
using RuleCompiler.Runtime.Rules;

namespace RuleCompiler.Cli;

/// <summary>
/// <c>rulec run --table NAME=FILE</c>: the rows of a maintained lookup table, read from a JSON array or NDJSON file of
/// objects (the same reader as events), at most <see cref="TableRows.MaxRows"/>; and the maintained tables the rules
/// read that got no rows, which the run names once (they are read as empty).
/// </summary>
internal static class TableInputs
{
    /// <summary>The supplied rows, or null when an option is unusable (each problem printed as RC1329).</summary>
    public static TableRows? Read(CliContext context, DiagnosticPrinter printer, IReadOnlyList<string> options, CompilationResult compilation)
    {
        var tables = TableRows.None;
        var ok = true;
        foreach (var option in options)
        {
            var equals = option.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? option[..equals] : option;
            var table = compilation.Repository.Tables.FirstOrDefault(t => t.Name == name);
            var problem = equals <= 0 ? $"--table {option}: write --table NAME=FILE"
                : table is null ? $"--table {name}: not a table of the repository (rules/tables/){DidYouMean.Hint(name, compilation.Repository.Tables.Select(t => t.Name))}"
                : table.IsStatic ? $"--table {name}: a static table, whose rows are those of rules/tables/{name}.yml"
                : null;
            var rows = new List<Row>();
            if (problem is null)
            {
                var file = context.Resolve(option[(equals + 1)..]);
                if (!File.Exists(file))
                {
                    problem = $"--table {name}: no file {option[(equals + 1)..]}";
                }
                else
                {
                    foreach (var record in EventReader.ReadFile(file, e => problem ??= $"--table {name}: {e}"))
                    {
                        if (rows.Count == TableRows.MaxRows)
                        {
                            problem = $"--table {name}: more than {TableRows.MaxRows:N0} rows";
                            break;
                        }

                        rows.Add(Row.FromEvent(record.Event.Clone()));
                    }
                }
            }

            if (problem is not null)
            {
                printer.Print(Diagnostic.Error(SemanticDiagnosticCodes.TableRowsSupplied, problem, SourceSpan.File("rulec run")));
                ok = false;
                continue;
            }

            tables = tables.With(name, rows);
        }

        return ok ? tables : null;
    }

    /// <summary>The maintained tables some rule reads that the run got no rows for, each with the rules that read it.</summary>
    public static IEnumerable<(string Table, IReadOnlyList<string> Rules)> Unsupplied(CompilationResult compilation, TableRows supplied) =>
        compilation.Rules
            .SelectMany(rule => TablesOf(rule.Query).Where(t => !t.IsStatic && supplied.For(t.Name) is null).Select(t => (Table: t.Name, Rule: rule.Rule.Name.Value)))
            .GroupBy(p => p.Table, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<string>)[.. g.Select(p => p.Rule).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]));

    private static IEnumerable<LookupTable> TablesOf(BoundQuery query) =>
        query.Lets.OfType<BoundLetPipeline>().Select(l => l.Pipeline).Append(query.Body).SelectMany(TablesOf);

    private static IEnumerable<LookupTable> TablesOf(BoundPipeline pipeline)
    {
        if (pipeline.Source is BoundTableInput table)
        {
            yield return table.Table;
        }

        foreach (var stage in pipeline.Stages)
        {
            var nested = stage switch
            {
                BoundJoin join => [join.Right],
                BoundUnion union => union.Pipelines,
                _ => [],
            };
            foreach (var found in nested.SelectMany(TablesOf))
            {
                yield return found;
            }
        }
    }
}
