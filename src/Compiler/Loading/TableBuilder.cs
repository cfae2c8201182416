using System.Collections.Immutable;
using System.Globalization;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Model;
using RuleCompiler.Compiler.Semantics;
using RuleCompiler.Compiler.Yaml;

namespace RuleCompiler.Compiler.Loading;

/// <summary>
/// Builds a lookup table from a schema-valid tree and checks what the schema cannot: column names used once, keys
/// that are columns, row cells that name a column and hold a value of its type, and the size limit.
/// </summary>
internal static class TableBuilder
{
    public static LookupTable Build(YamlMapping root, List<Diagnostic> diagnostics)
    {
        var r = new MappingReader(root);
        var columns = Columns(r, diagnostics);
        var keys = r.LocatedStrings("keys");
        foreach (var key in keys.Where(k => columns.All(c => c.Name != k.Value)))
        {
            diagnostics.Add(Diagnostic.Error(SemanticDiagnosticCodes.TableShape,
                $"the key '{key.Value}' is not a column of the table{DidYouMeanText(key.Value, columns)}", key.Span));
        }

        if (root.Find("rows") is { } written && root.Find("maintained_by") is not null)
        {
            diagnostics.Add(Diagnostic.Error(SemanticDiagnosticCodes.TableShape,
                "a table has either rows (a static table) or maintained_by (a table filled outside the repository), not both", written.Key.Span));
        }

        var rows = r.Sequence("rows")?.Items ?? [];
        if (rows.Length > Limits.MaxTableRows)
        {
            diagnostics.Add(Diagnostic.Error(SemanticDiagnosticCodes.TableTooLarge,
                $"the table has {rows.Length:N0} rows, more than the limit of {Limits.MaxTableRows:N0}", root.Find("rows")!.Key.Span));
            rows = [];
        }

        var splunk = new MappingReader(r.Map("splunk") ?? new YamlMapping([], root.Span));
        var sentinel = new MappingReader(r.Map("sentinel") ?? new YamlMapping([], root.Span));
        return new LookupTable(
            r.StringOr("name", ""),
            r.StringOr("description", ""),
            columns,
            [.. keys.Select(k => k.Value)],
            [.. rows.OfType<YamlMapping>().Select(row => Row(row, columns, diagnostics))],
            r.String("maintained_by"),
            root.Span)
        {
            CaseSensitiveMatch = r.Bool("case_sensitive_match") ?? true,
            SplunkCollection = splunk.String("collection"),
            SentinelWatchlist = sentinel.String("watchlist"),
        };
    }

    private static ImmutableArray<TableColumn> Columns(MappingReader r, List<Diagnostic> diagnostics)
    {
        var columns = ImmutableArray.CreateBuilder<TableColumn>();
        foreach (var map in r.Sequence("columns")?.Items.OfType<YamlMapping>() ?? [])
        {
            var c = new MappingReader(map);
            var column = new TableColumn(c.StringOr("name", ""), c.Enum<FieldType>("type") ?? FieldType.String, map.Span);
            if (columns.Any(existing => existing.Name == column.Name))
            {
                diagnostics.Add(Diagnostic.Error(SemanticDiagnosticCodes.TableShape, $"the column '{column.Name}' is declared twice", (map["name"] ?? map).Span));
                continue;
            }

            columns.Add(column);
        }

        return columns.ToImmutable();
    }

    private static TableRow Row(YamlMapping row, ImmutableArray<TableColumn> columns, List<Diagnostic> diagnostics)
    {
        var values = new object?[columns.Length];
        foreach (var entry in row.Entries)
        {
            var index = IndexOf(columns, entry.Key.Value);
            if (index < 0)
            {
                diagnostics.Add(Diagnostic.Error(SemanticDiagnosticCodes.TableRowUnknownColumn,
                    $"the row names '{entry.Key.Value}', which is not a column of the table{DidYouMeanText(entry.Key.Value, columns)}", entry.Key.Span));
                continue;
            }

            if (entry.Value is not YamlScalar scalar)
            {
                continue; // the schema already reported a cell that is not a scalar
            }

            var column = columns[index];
            if (TryConvert(scalar, column.Type, out var value))
            {
                values[index] = value;
            }
            else
            {
                diagnostics.Add(Diagnostic.Error(SemanticDiagnosticCodes.TableCellType,
                    $"the value '{scalar.Value}' is not a {column.Type.ToString().ToLowerInvariant()}, the type of column '{column.Name}'", scalar.Span));
            }
        }

        return new TableRow([.. values], row.Span);
    }

    /// <summary>
    /// A cell's YAML value as its column's type: text stays text (a number written for a string column is its
    /// text, so an account id keeps its digits), datetimes are ISO 8601 in UTC, timespans duration literals.
    /// </summary>
    public static bool TryConvert(YamlScalar scalar, FieldType type, out object? value)
    {
        value = null;
        var yaml = YamlScalarTyping.Resolve(scalar);
        if (yaml is null)
        {
            return true;
        }

        switch (type)
        {
            case FieldType.String:
                value = scalar.Value;
                return true;
            case FieldType.Long when yaml is long l:
                value = l;
                return true;
            case FieldType.Real when yaml is long or double:
                value = Convert.ToDouble(yaml, CultureInfo.InvariantCulture);
                return true;
            case FieldType.Bool when yaml is bool flag:
                value = flag;
                return true;
            case FieldType.DateTime when yaml is string iso && DateTime.TryParse(iso, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time) && iso.Contains('T', StringComparison.Ordinal):
                value = DateTime.SpecifyKind(time, DateTimeKind.Utc);
                return true;
            case FieldType.TimeSpan when yaml is string duration && DurationText.TryParse(duration, out var span):
                value = span;
                return true;
            default:
                return false;
        }
    }

    private static int IndexOf(ImmutableArray<TableColumn> columns, string name)
    {
        for (var i = 0; i < columns.Length; i++)
        {
            if (columns[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    private static string DidYouMeanText(string written, IEnumerable<TableColumn> columns) =>
        DidYouMean.Closest(written, columns.Select(c => c.Name)) is { } best ? $"; did you mean '{best}'?" : "";
}
