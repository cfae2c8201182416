using System.Globalization;
using System.Text;

namespace RuleCompiler.Backends.Sentinel.Artifacts;

/// <summary>Bicep string literals and property names; every literal the Bicep writer emits goes through here.</summary>
public static class BicepText
{
    /// <summary>
    /// A Bicep string literal with exactly the value. A value of several lines that a multi-line string can hold
    /// verbatim (no <c>'''</c>, no carriage return, not ending in a quote) is written as <c>'''</c>...<c>'''</c> so
    /// queries stay readable; anything else is a single-quoted string with Bicep's escapes (<c>\\</c>, <c>\'</c>,
    /// <c>\n</c>, <c>\r</c>, <c>\t</c>, <c>\$</c> before <c>{</c>, and <c>\u{X}</c> for other invisible characters).
    /// </summary>
    public static string StringLiteral(string value)
    {
        if (value.Contains('\n') && !value.Contains("'''", StringComparison.Ordinal) && !value.Contains('\r') && !value.EndsWith('\'')
            && !value.Any(c => c != '\n' && NeedsUnicodeEscape(c)))
        {
            // The first line break after the opening quotes is not part of the value.
            return "'''\n" + value + "'''";
        }

        var text = new StringBuilder(value.Length + 2).Append('\'');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            _ = c switch
            {
                '\\' => text.Append(@"\\"),
                '\'' => text.Append(@"\'"),
                '\n' => text.Append(@"\n"),
                '\r' => text.Append(@"\r"),
                '\t' => text.Append(@"\t"),
                '$' when i + 1 < value.Length && value[i + 1] == '{' => text.Append(@"\$"),
                _ when char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]) => text.Append(c).Append(value[++i]),
                _ when NeedsUnicodeEscape(c) => text.Append(@"\u{").Append(((int)c).ToString("X", CultureInfo.InvariantCulture)).Append('}'),
                _ => text.Append(c),
            };
        }

        return text.Append('\'').ToString();
    }

    /// <summary>A property name: bare when it is an identifier, else a string literal.</summary>
    public static string PropertyName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? name
            : StringLiteral(name);

    private static bool NeedsUnicodeEscape(char c) => char.GetUnicodeCategory(c) is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
        or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate;
}
