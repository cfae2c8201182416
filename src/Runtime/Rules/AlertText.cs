using System.Text.RegularExpressions;
using RuleCompiler.Runtime.Rows;

namespace RuleCompiler.Runtime.Rules;

/// <summary>
/// Fills a rule's text templates from an output row: <c>$column$</c> in the risk message (ESCU's form; <c>$$</c> and a
/// <c>$</c> before a non-name stay as written) and <c>{{column}}</c> in the alert title. A column the row lacks, or a
/// null, becomes empty text, as Splunk and Sentinel show it; validate has already checked that each names an output column.
/// </summary>
public static partial class AlertText
{
    public static string RiskMessage(string template, Row row) => RiskPlaceholder().Replace(template, m => row.GetTop(m.Groups[1].Value).ToText());

    public static string Title(string template, Row row) => AlertPlaceholder().Replace(template, m => row.GetTop(m.Groups[1].Value.Trim()).ToText());

    [GeneratedRegex(@"\$([A-Za-z_][A-Za-z0-9_.]*)\$")]
    private static partial Regex RiskPlaceholder();

    [GeneratedRegex(@"\{\{\s*([^{}]+?)\s*\}\}")]
    private static partial Regex AlertPlaceholder();
}
