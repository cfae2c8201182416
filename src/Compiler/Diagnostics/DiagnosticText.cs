using System.Globalization;
using System.Text;

namespace RuleCompiler.Compiler.Diagnostics;

/// <summary>
/// Makes user text safe to print inside one diagnostic line. Messages quote rule and event text, which come from
/// pull requests and from anywhere; a raw newline would let that text start a line of its own, and CI runners act
/// on some lines (GitHub Actions runs <c>::error file=...::</c> as a workflow command). Control characters and
/// line breaks become visible escapes (<c>\n</c>, <c>\u001b</c>), and long text is cut with a count of what was cut.
/// Azure Pipelines acts on <c>##vso[</c> anywhere in a line (a logging command), so its second '#' is escaped too.
/// </summary>
public static class DiagnosticText
{
    /// <summary>The most characters of message text printed; quoted values beyond it help nobody in a log.</summary>
    public const int MaxMessageLength = 1000;

    /// <summary>The most characters of a path printed.</summary>
    public const int MaxPathLength = 400;

    public static string Message(string text) => Escape(text, MaxMessageLength);

    public static string Path(string text) => Escape(text, MaxPathLength);

    private static string Escape(string text, int limit)
    {
        var builder = new StringBuilder(Math.Min(text.Length, limit) + 16);
        var index = 0;
        for (; index < text.Length && builder.Length < limit; index++)
        {
            var c = text[index];
            switch (c)
            {
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
                    {
                        builder.Append(c).Append(text[++index]);
                    }
                    else if (NeedsEscape(c) || SecondHashOfLoggingCommand(text, index))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        if (index < text.Length)
        {
            builder.Append(CultureInfo.InvariantCulture, $"... ({text.Length - index} more characters)");
        }

        return builder.ToString();
    }

    /// <summary>Whether <paramref name="index"/> is the second '#' of <c>##vso[</c> (Azure Pipelines reads it in any case).</summary>
    public static bool SecondHashOfLoggingCommand(string text, int index) =>
        index > 0 && text[index - 1] == '#' && text.AsSpan(index).StartsWith("#vso[", StringComparison.OrdinalIgnoreCase);

    // C0 and C1 controls, DEL, the Unicode line and paragraph separators, lone surrogates, and the bidirectional
    // overrides that make a terminal show text in another order than it is.
    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || c is '\u2028' or '\u2029' || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')
        || char.IsSurrogate(c);
}
