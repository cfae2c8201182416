using System.Collections.Immutable;
using System.Globalization;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Backends.Splunk.App;

/// <summary>
/// One lookup table in the app: its transforms.conf stanza (named after the table, which <c>| inputlookup</c> reads),
/// and either its CSV file (a static table, rows in file order) or its KV store collection with typed fields (a
/// maintained table). Every value is already .conf-escaped.
/// </summary>
internal sealed record TableLookupModel(
    string Stanza,
    string CaseSensitiveMatch,
    string? Filename,
    string FileName,
    string? Csv,
    string? Collection,
    string? CollectionStanza,
    string? FieldsList,
    ImmutableArray<TableFieldModel> Fields);

/// <summary>A typed field of a KV store collection (<c>field.NAME = TYPE</c>).</summary>
internal sealed record TableFieldModel(string Key, string Type);

/// <summary>
/// Builds the app's lookups for tables. Splunk holds a datetime as epoch seconds (as <c>_time</c>), a timespan as
/// seconds and a bool as true/false, so a static table's CSV cells are written that way and a collection's fields
/// typed time, number, bool or string.
/// </summary>
internal static class TableLookups
{
    public static ImmutableArray<TableLookupModel> Build(ImmutableArray<LookupTable> tables, ConfEscaper conf) =>
        [.. tables.Select(table => Model(table, conf))];

    private static TableLookupModel Model(LookupTable table, ConfEscaper conf)
    {
        var stanza = conf.Stanza(table.Name, table.Span);
        var caseSensitive = table.CaseSensitiveMatch ? "true" : "false";
        if (table.IsStatic)
        {
            var file = table.Name + ".csv";
            return new TableLookupModel(stanza, caseSensitive, conf.Value("filename", file, table.Span), file, Csv(table), null, null, null, []);
        }

        var collection = table.SplunkCollection ?? conf.Refuse(Emit.SplDiagnostics.TableLookup,
            $"the table '{table.Name}' is maintained outside the repository and names no KV store collection (splunk: {{collection: NAME}} in rules/tables/{table.Name}.yml)", table.Span);
        var fields = string.Join(", ", table.Columns.Select(c => c.Name).Prepend("_key"));
        return new TableLookupModel(stanza, caseSensitive, null, "", null,
            conf.Value("collection", collection, table.Span),
            conf.Stanza(collection, table.Span),
            conf.Value("fields_list", fields, table.Span),
            [.. table.Columns.Select(c => new TableFieldModel(conf.Value("field." + c.Name, "field." + c.Name, table.Span), FieldType(c.Type)))]);
    }

    private static string FieldType(Compiler.Model.FieldType type) => type switch
    {
        Compiler.Model.FieldType.Long or Compiler.Model.FieldType.Real or Compiler.Model.FieldType.TimeSpan => "number",
        Compiler.Model.FieldType.DateTime => "time",
        Compiler.Model.FieldType.Bool => "bool",
        _ => "string",
    };

    /// <summary>The CSV: a header of the column names, then one line per row; a null cell is empty.</summary>
    private static string Csv(LookupTable table) =>
        string.Join(",", table.Columns.Select(c => CsvText.Field(c.Name))) + "\n"
        + string.Concat(table.Rows.Select(row => string.Join(",", row.Values.Select(v => CsvText.Field(Cell(v)))) + "\n"));

    private static string Cell(object? value) => value switch
    {
        null => "",
        string s => s,
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        DateTime t => ((t.ToUniversalTime() - DateTime.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond).ToString("R", CultureInfo.InvariantCulture),
        TimeSpan t => (t.Ticks / (double)TimeSpan.TicksPerSecond).ToString("R", CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException($"a table cell of type {value.GetType().Name}"),
    };
}
