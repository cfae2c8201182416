using System.Globalization;
using System.Text;

namespace RuleCompiler.Backends.CSharp.Emit;

/// <summary>
/// The only way a value from a rule reaches generated C#. Strings become regular literals in which every
/// character outside printable ASCII, and the quote and backslash, is an escape: the literal is one token whose
/// value is exactly the input, whatever the input holds (quotes, newlines, lone surrogates, NUL, U+2028).
/// Identifiers made from user text keep only [A-Za-z0-9_].
/// </summary>
public static class CSharpLiteral
{
    public static string String(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case >= ' ' and <= '~':
                    builder.Append(c);
                    break;
                default:
                    // \u with exactly four hex digits: unlike \x it cannot swallow a following hex character.
                    builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    public static string Long(long value) =>
        value == long.MinValue ? "long.MinValue" : value.ToString(CultureInfo.InvariantCulture) + "L";

    public static string Real(double value) => value switch
    {
        double.NaN => "double.NaN",
        double.PositiveInfinity => "double.PositiveInfinity",
        double.NegativeInfinity => "double.NegativeInfinity",
        _ => value.ToString("R", CultureInfo.InvariantCulture) is var text && (text.Contains('E') || text.Contains('.'))
            ? text + "d"
            : text + ".0d",
    };

    public static string Bool(bool value) => value ? "true" : "false";

    public static string TimeSpan(TimeSpan value) => $"System.TimeSpan.FromTicks({Long(value.Ticks)})";

    public static string DateTime(DateTime value) =>
        $"new System.DateTime({Long(value.ToUniversalTime().Ticks)}, System.DateTimeKind.Utc)";

    /// <summary>A C# identifier part from user text: letters, digits and underscores only, never empty.</summary>
    public static string IdentifierPart(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' ? c : '_');
        }

        return builder.Length == 0 ? "_" : builder.ToString();
    }

    /// <summary>A PascalCase type name from a rule name: "AWS ECR Upload" becomes "AwsEcrUpload".</summary>
    public static string TypeName(string text)
    {
        var builder = new StringBuilder();
        foreach (var word in text.Split(c => !(char.IsAsciiLetterOrDigit(c))))
        {
            if (word.Length == 0)
            {
                continue;
            }

            // "AWS" becomes "Aws"; a word already in mixed case ("PutImage") keeps its case.
            var rest = word.Any(char.IsAsciiLetterLower) ? word[1..] : word[1..].ToLowerInvariant();
            builder.Append(char.ToUpperInvariant(word[0])).Append(rest);
        }

        if (builder.Length == 0 || char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, "Rule");
        }

        return builder.ToString();
    }

    private static string[] Split(this string text, Func<char, bool> isSeparator)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (isSeparator(c))
            {
                words.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        words.Add(current.ToString());
        return words.ToArray();
    }
}
