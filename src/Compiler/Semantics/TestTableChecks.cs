using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Compiler.Semantics;

/// <summary>
/// A test's <c>tables:</c> must name maintained tables of the repository (a static table's rows are its file's) and
/// stay within the row limit, so a typo never leaves a table silently empty.
/// </summary>
public static class TestTableChecks
{
    public static IEnumerable<Diagnostic> Check(Rule rule, IReadOnlyCollection<LookupTable> tables)
    {
        foreach (var supplied in rule.Tests.SelectMany(t => t.Tables.Select(table => (Test: t, Table: table))))
        {
            var name = supplied.Table.Name;
            var table = tables.FirstOrDefault(t => t.Name == name);
            var problem = table switch
            {
                null => $"test '{supplied.Test.Name}' supplies rows for '{name}', which is not a table of the repository (rules/tables/){DidYouMean.Hint(name, tables.Select(t => t.Name))}",
                { IsStatic: true } => $"test '{supplied.Test.Name}' supplies rows for '{name}', a static table: its rows are the ones in rules/tables/{name}.yml",
                _ when supplied.Table.Rows.Length > Limits.MaxTableRows => $"test '{supplied.Test.Name}' supplies {supplied.Table.Rows.Length:N0} rows for '{name}', more than the limit of {Limits.MaxTableRows:N0}",
                _ => null,
            };
            if (problem is not null)
            {
                yield return Diagnostic.Error(SemanticDiagnosticCodes.TableRowsSupplied, problem, supplied.Table.Span);
            }
        }
    }
}
