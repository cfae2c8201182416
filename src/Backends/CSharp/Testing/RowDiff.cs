using System.Text;
using System.Text.Json;
using RuleCompiler.Compiler.Model;
using RuleCompiler.Runtime.Rows;
using RuleCompiler.Runtime.Values;

namespace RuleCompiler.Backends.CSharp.Testing;

/// <summary>Compares expected rows (from YAML) with output rows and describes the difference readably.</summary>
public static class RowDiff
{
    // Keeps non-ASCII readable; quotes and control characters are still escaped.
    private static readonly JsonSerializerOptions QuotingOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static bool Matches(ExpectedRow expected, Row row) => expected.Cells.All(c => CellMatches(c, row.GetTop(c.Column)));

    /// <summary>
    /// An expected scalar compares as the rule language's == would (numbers numerically, datetimes as times,
    /// text exactly); null expects a null or empty value; a list or map compares as JSON.
    /// </summary>
    public static bool CellMatches(ExpectedCell cell, Value actual)
    {
        switch (cell.Value)
        {
            case ExpectedScalar scalar:
                return scalar.Value switch
                {
                    null => actual.IsNull || actual.ToText().Length == 0,
                    bool b => Ops.Equal(actual, b),
                    long l => Ops.Equal(actual, l),
                    double d => Ops.Equal(actual, d),
                    var text => !actual.IsNull && Ops.Equal(actual, text.ToString()),
                };
            default:
                var expectedJson = ((ExpectedStructure)cell.Value).Json.ToJsonString();
                using (var left = JsonDocument.Parse(expectedJson))
                using (var right = JsonDocument.Parse(actual.IsNull ? "null" : JsonText.Of(actual)))
                {
                    return JsonElement.DeepEquals(left.RootElement, right.RootElement);
                }
        }
    }

    /// <summary>
    /// "missing row" with the expected cells, then the output rows on those columns, each cell that differs marked,
    /// closest rows first.
    /// </summary>
    public static string Describe(ExpectedRow expected, IReadOnlyList<Row> rows)
    {
        var text = new StringBuilder();
        text.Append("no output row matches the expected row at line ").Append(expected.Span.Line).Append(':');
        text.Append("\n      expected: ").Append(string.Join(", ", expected.Cells.Select(c => $"{c.Column}={ExpectedText(c)}")));
        if (rows.Count == 0)
        {
            text.Append("\n      got no rows");
            return text.ToString();
        }

        var ranked = rows
            .Select(r => (Row: r, Differences: expected.Cells.Count(c => !CellMatches(c, r.GetTop(c.Column)))))
            .OrderBy(r => r.Differences)
            .Take(3);
        foreach (var (row, _) in ranked)
        {
            text.Append("\n      got:      ").Append(string.Join(", ", expected.Cells.Select(c =>
            {
                var shown = $"{c.Column}={CellText(row, c.Column)}";
                return CellMatches(c, row.GetTop(c.Column)) ? shown : shown + "  <-- differs";
            })));
        }

        if (rows.Count > 3)
        {
            text.Append("\n      (and ").Append(rows.Count - 3).Append(" more row(s))");
        }

        return text.ToString();
    }

    /// <summary>
    /// Every column of each row, one row per line (<c>row 1: a=1, b=""</c>), at most <paramref name="limit"/> rows and
    /// then a count of the rest; values as <see cref="ValueText"/> shows them.
    /// </summary>
    public static string DescribeRows(string label, IReadOnlyList<Row> rows, int limit = 5)
    {
        var text = new StringBuilder();
        foreach (var (row, index) in rows.Take(limit).Select((r, i) => (r, i)))
        {
            text.Append("\n      ").Append(label).Append(' ').Append(index + 1).Append(": ")
                .Append(string.Join(", ", row.Fields().Select(f => $"{f.Key}={ValueText(f.Value)}")));
        }

        if (rows.Count > limit)
        {
            text.Append("\n      (and ").Append(rows.Count - limit).Append(" more row(s))");
        }

        return text.ToString();
    }

    /// <summary>A column of a row: <c>(missing)</c> when the row has no such column, else its value.</summary>
    public static string CellText(Row row, string column) =>
        row.Fields().Any(f => f.Key == column) ? ValueText(row.GetTop(column)) : "(missing)";

    /// <summary>
    /// A value as a failure message shows it: <c>null</c>, numbers and booleans bare, arrays and objects as JSON, and
    /// text bare unless that would be ambiguous; then it is JSON-quoted: empty text, text with a comma, '=', quote,
    /// control character or edge whitespace, and text that reads as null, a boolean, a number or <c>(missing)</c>.
    /// </summary>
    public static string ValueText(Value value) => value.Kind switch
    {
        ValueKind.Null => "null",
        ValueKind.String => QuotedIfAmbiguous(value.ToText()),
        _ => value.ToText(),
    };

    private static string QuotedIfAmbiguous(string text) =>
        IsAmbiguous(text) ? JsonSerializer.Serialize(text, QuotingOptions) : text;

    private static bool IsAmbiguous(string text) =>
        text.Length == 0
        || char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])
        || text.Any(c => c is ',' or '=' or '"' || char.IsControl(c))
        || text is "null" or "true" or "false" or "(missing)"
        || double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);

    private static string ExpectedText(ExpectedCell cell) => cell.Value switch
    {
        ExpectedScalar scalar => scalar.Value switch
        {
            null => "null",
            bool b => b ? "true" : "false",
            IFormattable number => number.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            var text => QuotedIfAmbiguous(text.ToString() ?? ""),
        },
        ExpectedStructure structure => structure.Json.ToJsonString(),
        _ => "null",
    };
}
