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
    private static string WithNegatedEqualities(string stage) => NotEqualText().Replace(WithNegatedCallEqualities(stage), "not (${x} == ${text})");

    /// <summary>
    /// The same for an operand that ends in a call, <c>coalesce(errorCode, iif(...)) != "success"</c> (the add-on's
    /// errorCode): the operand is found backwards by its parentheses, back to a name before them.
    /// </summary>
    private static string WithNegatedCallEqualities(string stage)
    {
        const string Op = ") != \"";
        for (var at = stage.IndexOf(Op, StringComparison.Ordinal); at >= 0; at = stage.IndexOf(Op, at + 1, StringComparison.Ordinal))
        {
            var open = QueryParentheses.Opening(stage, at);
            var start = open;
            while (start > 0 && (char.IsLetterOrDigit(stage[start - 1]) || stage[start - 1] is '_' or '.'))
            {
                start--;
            }

            if (open < 0 || start == open || stage[start..open] is "not" || QuotedLiteralAt().Match(stage, at + Op.Length - 1) is not { Success: true, Length: > 2 } text)
            {
                continue;
            }

            var operand = stage[start..(at + 1)];
            var end = at + Op.Length - 1 + text.Length;
            stage = $"{stage[..start]}not ({operand} == {text.Value}){stage[end..]}";
        }

        return stage;
    }

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
