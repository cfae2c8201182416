using System.Text;

namespace RuleCompiler.Backends.Splunk.Spl;

/// <summary>
/// The one place where values and field names become SPL text, one function per SPL context. Every function
/// either returns text that <see cref="SplTokenizer"/> reads back as exactly one term with exactly the input
/// value (SplLiteralPropertyTests proves it on adversarial strings), or says why SPL cannot spell the value there.
/// </summary>
/// <remarks>
/// The SPL rules relied on (Splunk Search Manual, "Backslashes" and "Quotes and escaping characters"; Search
/// Reference, eval "field names"):
/// <list type="bullet">
/// <item>Inside double quotes, <c>\"</c> is a quote and <c>\\</c> a backslash; SPL keeps any other backslash as
/// written (regular expressions rely on that), so every backslash of a value is doubled.</item>
/// <item><c>*</c> is a wildcard in search terms and cannot be escaped, not even inside quotes: a search term cannot
/// match a value with <c>*</c> exactly.</item>
/// <item>Search macros (<c>`name`</c>) are expanded before the search is parsed. Whether Splunk leaves a backtick
/// inside a quoted string alone is not documented, so no emitted text contains one: search terms refuse it and
/// eval strings spell it with <c>urldecode("%60")</c>.</item>
/// <item><c>$name$</c> is substituted in macro definitions with arguments, drilldown searches and alert action
/// text; no emitted literal contains a raw <c>$</c> either (same treatment as the backtick).</item>
/// <item>Line breaks and other control characters inside quoted SPL strings have no escape (eval does not read
/// <c>\n</c>); eval spells them with <c>urldecode</c>, search terms refuse them.</item>
/// <item>In eval and where, a field name that is not <c>[A-Za-z_][A-Za-z0-9_]*</c> must be in single quotes
/// (<c>'requestParameters.repositoryName'</c>): bare, <c>a.b</c> is the concatenation of fields a and b.</item>
/// <item>In search terms, a field name is a bare word; <c>resources{}.ARN=x</c> works, quoting does not make a
/// field name there (<c>"a b"=x</c> is a phrase search).</item>
/// <item>In stats, table, fields and rename, field names are bare words or double-quoted; <c>*</c> is a wildcard
/// there, and <c>as</c>/<c>by</c>/<c>over</c> are keywords.</item>
/// <item>Unquoted <c>AND</c>, <c>OR</c>, <c>NOT</c> are operators in search; such values are always quoted.</item>
/// <item>SPL search compares values case-insensitively; preserving case semantics is the emitter's job, not this
/// class's (it spells values, it does not choose the comparison).</item>
/// </list>
/// </remarks>
public static class SplLiteral
{
    private static readonly HashSet<string> SearchKeywords = new(StringComparer.OrdinalIgnoreCase) { "AND", "OR", "NOT", "IN", "TERM", "CASE", "XOR" };

    private static readonly HashSet<string> CommandKeywords = new(StringComparer.OrdinalIgnoreCase) { "AS", "BY", "OVER", "OUTPUT", "OUTPUTNEW", "WHERE", "AND", "OR", "NOT" };

    /// <summary>
    /// The value side of a search term <c>field=value</c>: a bare word when that is unambiguous
    /// (<c>ecr.amazonaws.com</c>), else a double-quoted string. Not expressible when the value is empty or contains
    /// <c>*</c>, a backtick, <c>$</c> or a control character; the emitter then uses <c>where</c> with
    /// <see cref="EvalString"/>.
    /// </summary>
    public static EscapedText SearchTermValue(string value)
    {
        if (value.Length == 0)
        {
            return EscapedText.NotExpressible("an SPL search term cannot match an empty value exactly");
        }

        if (value.Contains('*'))
        {
            return EscapedText.NotExpressible("'*' is a wildcard in SPL search terms and cannot be escaped");
        }

        if (FirstUnsafe(value, "") is { } bad)
        {
            return EscapedText.NotExpressible($"an SPL search term cannot contain {Describe(bad)}");
        }

        return IsBareWord(value) && !SearchKeywords.Contains(value) ? EscapedText.Of(value) : EscapedText.Of(Quote(value));
    }

    /// <summary>
    /// An eval/where string expression whose value is exactly <paramref name="value"/>: one double-quoted literal,
    /// or, when the value holds characters no quoted string may hold (backtick, <c>$</c>, control characters), a
    /// parenthesised concatenation of literals and <c>urldecode("%XX")</c> calls. Always expressible.
    /// </summary>
    public static string EvalString(string value)
    {
        var parts = new List<string>();
        var start = 0;
        while (start < value.Length)
        {
            var end = start;
            var safe = IsSafeInQuotes(value[start]);
            while (end < value.Length && IsSafeInQuotes(value[end]) == safe)
            {
                end++;
            }

            var run = value[start..end];
            parts.Add(safe ? Quote(run) : $"urldecode(\"{PercentEncode(run)}\")");
            start = end;
        }

        return parts.Count switch
        {
            0 => "\"\"",
            1 when parts[0][0] == '"' => parts[0],
            _ => "(" + string.Join(".", parts) + ")",
        };
    }

    /// <summary>
    /// A double-quoted command argument whose value is exactly <paramref name="value"/> (rex's regular expression):
    /// quotes and backslashes escaped. Not expressible with a backtick, <c>$</c> or a control character, which a
    /// command argument has no <c>urldecode</c> for.
    /// </summary>
    public static EscapedText QuotedArgument(string value) =>
        FirstUnsafe(value, "") is { } bad ? EscapedText.NotExpressible($"an SPL command argument cannot contain {Describe(bad)}") : EscapedText.Of(Quote(value));

    /// <summary>A field name in eval and where: bare when it is an identifier, else in single quotes.</summary>
    public static EscapedText EvalFieldName(string name)
    {
        if (IsIdentifier(name))
        {
            return EscapedText.Of(name);
        }

        return FieldNameProblem(name, extraForbidden: "'\\") is { } problem ? EscapedText.NotExpressible(problem) : EscapedText.Of("'" + name + "'");
    }

    /// <summary>A field name in a search term (<c>field=value</c>): only a bare word is a field name there.</summary>
    public static EscapedText SearchFieldName(string name) =>
        IsBareWord(name) && !SearchKeywords.Contains(name)
            ? EscapedText.Of(name)
            : EscapedText.NotExpressible($"'{name}' cannot be a field name in an SPL search term (only letters, digits and _ . : / @ {{ }} - are)");

    /// <summary>
    /// A field name in stats, table, fields, rename, fillnull and spath arguments: bare when it is a plain word,
    /// else double-quoted. Not expressible with <c>*</c> (a wildcard there), quotes, backslashes, backticks,
    /// <c>$</c> or control characters.
    /// </summary>
    public static EscapedText CommandFieldName(string name)
    {
        if (IsBareWord(name) && !CommandKeywords.Contains(name))
        {
            return EscapedText.Of(name);
        }

        return FieldNameProblem(name, extraForbidden: "\"\\*") is { } problem ? EscapedText.NotExpressible(problem) : EscapedText.Of("\"" + name + "\"");
    }

    private static string? FieldNameProblem(string name, string extraForbidden)
    {
        if (name.Length == 0)
        {
            return "an empty field name";
        }

        return FirstUnsafe(name, extraForbidden) is { } bad ? $"SPL cannot spell the field name '{name}' here: it contains {Describe(bad)}" : null;
    }

    private static char? FirstUnsafe(string text, string extraForbidden)
    {
        foreach (var c in text)
        {
            if (!IsSafeInQuotes(c) || extraForbidden.Contains(c))
            {
                return c;
            }
        }

        return null;
    }

    /// <summary>Characters a double- or single-quoted SPL string may hold as written.</summary>
    private static bool IsSafeInQuotes(char c) => c >= ' ' && c != '\u007f' && c != '`' && c != '$';

    /// <summary>A word SPL reads as one term in search and command arguments, with nothing to escape.</summary>
    internal static bool IsBareWord(string text) =>
        text.Length > 0
        && (char.IsAsciiLetterOrDigit(text[0]) || text[0] == '_')
        && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or ':' or '/' or '@' or '{' or '}' or '-');

    private static bool IsIdentifier(string text) =>
        text.Length > 0 && (char.IsAsciiLetter(text[0]) || text[0] == '_') && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>UTF-8 percent-encoding of every byte, the form eval's urldecode reads back.</summary>
    private static string PercentEncode(string run)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(run))
        {
            builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    private static string Describe(char c) => c switch
    {
        '`' => "a backtick (Splunk expands macros before parsing)",
        '$' => "'$' (Splunk substitutes $tokens$ in macros and drilldowns)",
        '"' => "a double quote",
        '\'' => "a single quote",
        '\\' => "a backslash",
        '*' => "'*' (a wildcard there)",
        _ => $"the control character U+{(int)c:X4}",
    };
}
