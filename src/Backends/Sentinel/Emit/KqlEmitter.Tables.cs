using System.Globalization;
using RuleCompiler.Backends.Sentinel.Kql;
using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Backends.Sentinel.Emit;

/// <summary>
/// <c>table(name)</c> in KQL. A table with a watchlist is read with Sentinel's <c>_GetWatchlist("alias")</c>, whose
/// item columns are all text: each declared column is read from the item bag <c>WatchlistItem</c> and converted to its
/// type, so the query sees exactly the table's columns (an empty cell becomes null, as a missing one). A static table
/// without a watchlist is written inline as a <c>datatable</c> of its rows in file order; a maintained table without
/// one cannot be read in Sentinel (RC4106).
/// </summary>
internal sealed partial class KqlEmitter
{
    /// <summary>The Sentinel workspace function that reads a watchlist (tools/kql-check declares it for the analyzer).</summary>
    public const string GetWatchlist = "_GetWatchlist";

    private string TableSourceText(BoundTableInput input)
    {
        var table = input.Table;
        if (table.SentinelWatchlist is { } alias)
        {
            var columns = table.Columns.Select(c =>
                $"{KqlText.Identifier(c.Name)} = {Conversion(c.Type)}(WatchlistItem[{KqlText.StringLiteral(c.Name)}])");
            return $"{GetWatchlist}({KqlText.StringLiteral(alias)}) | project {string.Join(", ", columns)}";
        }

        if (!table.IsStatic)
        {
            _diagnostics.Add(NotBuilt(KqlDiagnostics.TableNotInSentinel,
                $"the table '{table.Name}' is maintained outside the repository and names no Sentinel watchlist (sentinel: {{watchlist: ALIAS}} in rules/tables/{table.Name}.yml)", input.Location));
            return $"datatable({Schema(table)})[]";
        }

        var cells = table.Rows.SelectMany(row => row.Values.Select((value, i) => Cell(value, table.Columns[i].Type)));
        return $"datatable({Schema(table)})[{string.Join(", ", cells)}]";
    }

    private static string Schema(LookupTable table) =>
        string.Join(", ", table.Columns.Select(c => $"{KqlText.Identifier(c.Name)}:{KqlTypeName(c.Type)}"));

    private static string Conversion(FieldType type) => type switch
    {
        FieldType.Long => "tolong",
        FieldType.Real => "toreal",
        FieldType.Bool => "tobool",
        FieldType.DateTime => "todatetime",
        FieldType.TimeSpan => "totimespan",
        _ => "tostring",
    };

    /// <summary>A datatable cell: a literal of the column's type, or that type's null.</summary>
    private string Cell(object? value, FieldType type) => value switch
    {
        // Kusto's string columns cannot hold null; "" is the same value in the language.
        null when type == FieldType.String => "\"\"",
        null => $"{KqlTypeName(type)}(null)",
        string s => KqlText.StringLiteral(s),
        long l => $"long({l.ToString(CultureInfo.InvariantCulture)})",
        double d => Real(d).Text,
        bool b => b ? "true" : "false",
        DateTime t => DateTimeLiteral(t),
        TimeSpan t => $"timespan({Timespan(t).Text})",
        _ => throw new InvalidOperationException($"a table cell of type {value.GetType().Name}"),
    };
}
