using System.Text;
using System.Text.RegularExpressions;

namespace RuleCompiler.Runtime.Values;

/// <summary>
/// Rewrites a pattern of the language's portable regex dialect (docs/semantics.md §5.5) into .NET syntax with the
/// same meaning as RE2's: <c>\d</c>, <c>\w</c> and <c>\s</c> are ASCII classes, and <c>$</c> without <c>(?m)</c>
/// matches only at the very end (.NET's <c>$</c> also matches before a final newline).
/// </summary>
public static partial class PortableRegex
{
    private const string Digit = "0-9";
    private const string Word = "0-9A-Za-z_";
    private const string Space = @"\t\n\f\r ";

    public static string ToDotNet(string pattern)
    {
        var multiline = MultilineFlag().IsMatch(pattern);
        var builder = new StringBuilder(pattern.Length + 16);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var next = pattern[++i];
                builder.Append(Shorthand(next, inClass) ?? "\\" + next);
                continue;
            }

            if (inClass)
            {
                inClass = c != ']';
                builder.Append(c);
                continue;
            }

            if (c == '[')
            {
                inClass = true;
                builder.Append(c);
                // A ']' right after '[' or '[^' is a literal member, not the end of the class.
                if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                {
                    builder.Append(pattern[++i]);
                }

                if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                {
                    builder.Append(pattern[++i]);
                }

                continue;
            }

            builder.Append(c == '$' && !multiline ? @"\z" : c.ToString());
        }

        return builder.ToString();
    }

    /// <summary>The ASCII form of a class shorthand; negated shorthands inside a class keep .NET's meaning.</summary>
    private static string? Shorthand(char letter, bool inClass) => (letter, inClass) switch
    {
        ('d', false) => $"[{Digit}]",
        ('D', false) => $"[^{Digit}]",
        ('w', false) => $"[{Word}]",
        ('W', false) => $"[^{Word}]",
        ('s', false) => $"[{Space}]",
        ('S', false) => $"[^{Space}]",
        ('d', true) => Digit,
        ('w', true) => Word,
        ('s', true) => Space,
        _ => null,
    };

    [GeneratedRegex(@"\(\?[a-zA-Z]*m[a-zA-Z]*[:)]")]
    private static partial Regex MultilineFlag();
}
