using System.Text.RegularExpressions;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Compiler.Semantics;

/// <summary>
/// Checks that everything in a rule that names a column of the search's output really names one: entity identifier
/// columns and RBA fields, <c>$column$</c> placeholders in the risk message, custom detail columns, the alert's
/// severity, tactics and Sentinel property columns, and
/// <c>{{column}}</c> placeholders in the alert title and description. The caller supplies the output columns of
/// the bound query (the binder knows them); column names compare case-sensitively, as in KQL.
/// </summary>
public static partial class OutputColumnChecks
{
    public static IEnumerable<Diagnostic> Check(Rule rule, IReadOnlySet<string> outputColumns)
    {
        var references = new List<(string Column, string Where, SourceSpan Span)>();
        foreach (var entity in rule.Entities)
        {
            references.AddRange(entity.Identifiers.Select(i => (i.Column.Value, $"the {entity.Type.Value} entity's {i.Identifier.Value}", i.Column.Span)));
            if (entity.Field is { } field)
            {
                references.Add((field.Value, $"the {entity.Type.Value} entity's field", field.Span));
            }
        }

        if (rule.Risk?.Message is { } message)
        {
            references.AddRange(Placeholders(RiskPlaceholder(), message).Select(p => (p, "the risk message", message.Span)));
        }

        if (rule.Alert is { } alert)
        {
            references.AddRange(alert.NamedColumns().Select(c => (c.Column.Value, c.Where, c.Column.Span)));
            foreach (var template in new[] { alert.Title, alert.Description }.OfType<Located<string>>())
            {
                references.AddRange(Placeholders(AlertPlaceholder(), template).Select(p => (p, "the alert template", template.Span)));
            }
        }

        return references
            .Where(r => !outputColumns.Contains(r.Column))
            .Select(r => Diagnostic.Error(SemanticDiagnosticCodes.UnknownOutputColumn,
                $"{r.Where} names column '{r.Column}', which the search does not output{DidYouMean.Hint(r.Column, outputColumns)}",
                r.Span));
    }

    /// <summary>
    /// A test's expected row compares only the columns it names, so a name the search does not output could never
    /// match: an error at that key (before any event runs), with the nearest output column.
    /// </summary>
    public static IEnumerable<Diagnostic> CheckTestRows(Rule rule, IReadOnlySet<string> outputColumns) =>
        from test in rule.Tests
        from row in test.Expect.Rows
        from cell in row.Cells
        where !outputColumns.Contains(cell.Column)
        select Diagnostic.Error(SemanticDiagnosticCodes.UnknownExpectedColumn,
            $"test '{test.Name}' expects column '{cell.Column}', which the search does not output{DidYouMean.Hint(cell.Column, outputColumns)}",
            cell.Span);

    private static IEnumerable<string> Placeholders(Regex pattern, Located<string> text) =>
        pattern.Matches(text.Value).Select(m => m.Groups[1].Value.Trim()).Distinct(StringComparer.Ordinal);

    // ESCU writes $column$; $$ and $ followed by a non-name are literal dollars.
    [GeneratedRegex(@"\$([A-Za-z_][A-Za-z0-9_.]*)\$")]
    private static partial Regex RiskPlaceholder();

    [GeneratedRegex(@"\{\{\s*([^{}]+?)\s*\}\}")]
    private static partial Regex AlertPlaceholder();
}
