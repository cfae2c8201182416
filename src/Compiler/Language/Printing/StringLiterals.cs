using System.Globalization;
using System.Text;

namespace RuleCompiler.Compiler.Language.Printing;

/// <summary>The one escaping function for string literals in rule-language text.</summary>
public static class StringLiterals
{
    /// <summary>
    /// <paramref name="value"/> as a double-quoted literal that the parser reads back as exactly the same string:
    /// <c>\\ \" \n \r \t</c>, and <c>\uXXXX</c> for every other control character, line/paragraph separators and lone
    /// surrogates (so the printed query stays on one line and is valid UTF-16 text). Everything else is written as is.
    /// </summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\':
                    builder.Append(@"\\");
                    break;
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\n':
                    builder.Append(@"\n");
                    break;
                case '\r':
                    builder.Append(@"\r");
                    break;
                case '\t':
                    builder.Append(@"\t");
                    break;
                default:
                    if (NeedsUnicodeEscape(value, i))
                    {
                        builder.Append(@"\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    private static bool NeedsUnicodeEscape(string value, int index)
    {
        var c = value[index];
        if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085')
        {
            return true;
        }

        if (char.IsHighSurrogate(c))
        {
            return index + 1 >= value.Length || !char.IsLowSurrogate(value[index + 1]);
        }

        return char.IsLowSurrogate(c) && (index == 0 || !char.IsHighSurrogate(value[index - 1]));
    }
}
