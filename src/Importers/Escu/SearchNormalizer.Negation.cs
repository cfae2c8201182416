using System.Text.RegularExpressions;

namespace RuleCompiler.Importers.Escu;

/// <summary>
/// <c>x != "text"</c> (a non-empty text; <c>x != ""</c> belongs to the backend's emptiness guards) as <c>not (x == "text")</c>: the Splunk backend writes the <c>!=</c> of a computed column as
/// <c>NOT (isnotnull(x) AND x=="text")</c>, read back as <c>not (isnotempty(x) and x == "text")</c>, whose guard the
/// comparison-guard rule then drops; both spellings are true for an empty x (logic is two-valued,
/// docs/semantics.md decision 4), so both sides meet in the negated equality.
/// </summary>
public static partial class SearchNormalizer
{
    private static string WithNegatedEqualities(string stage) => NotEqualText().Replace(stage, "not (${x} == ${text})");

    /// <summary>
    /// <c>not (isnotempty(x))</c> as <c>isempty(x)</c>, the same by definition: an imported lookup's isnull of its
    /// output, and the backend's <c>NOT (isnotnull(x) AND x!="")</c> once its group is read as <c>isnotempty(x)</c>.
    /// </summary>
    private static string WithoutNegatedNotEmpty(string stage) => NegatedNotEmpty().Replace(stage, "isempty(${x}${y})");

    [GeneratedRegex(@"(?<![\w.])not (?:\(isnotempty\((?<x>[\w\[\]"".-]+)\)\)|isnotempty\((?<y>[\w\[\]"".-]+)\))", RegexOptions.CultureInvariant)]
    private static partial Regex NegatedNotEmpty();

    // (Also x != y of two names, which the backend writes NOT (coalesce(x, "")==coalesce(y, "")).)
    [GeneratedRegex(@"(?<![\w.""])(?<x>[A-Za-z_][\w.]*) != (?<text>""(?:[^""\\]|\\.)+""|[A-Za-z_][\w.]*(?![\w.(\[]))", RegexOptions.CultureInvariant)]
    private static partial Regex NotEqualText();
}
