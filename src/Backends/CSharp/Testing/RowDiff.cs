using System.Text;
using System.Text.Json;
using RuleCompiler.Compiler.Model;
using RuleCompiler.Runtime.Rows;
using RuleCompiler.Runtime.Values;

namespace RuleCompiler.Backends.CSharp.Testing;

/// <summary>Compares expected rows (from YAML) with output rows and describes the difference readably.</summary>
public static class RowDiff
{
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
                var actual = row.GetTop(c.Column);
                var shown = actual.IsNull ? "(null)" : actual.ToText();
                return CellMatches(c, actual) ? $"{c.Column}={shown}" : $"{c.Column}={shown}  <-- differs";
            })));
        }

        if (rows.Count > 3)
        {
            text.Append("\n      (and ").Append(rows.Count - 3).Append(" more row(s))");
        }

        return text.ToString();
    }

    private static string ExpectedText(ExpectedCell cell) => cell.Value switch
    {
        ExpectedScalar scalar => scalar.Value switch
        {
            null => "(null)",
            bool b => b ? "true" : "false",
            IFormattable number => number.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            var text => text.ToString() ?? "",
        },
        ExpectedStructure structure => structure.Json.ToJsonString(),
        _ => "(null)",
    };
}
