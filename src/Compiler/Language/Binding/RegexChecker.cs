using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace RuleCompiler.Compiler.Language.Binding;

/// <summary>
/// Checks that a pattern compiles with .NET and stays inside the subset RE2 (Sentinel's KQL engine) and PCRE
/// (Splunk) both accept: no backreferences, lookaround, atomic groups, conditionals, balancing groups or
/// class subtraction; repeat counts at most 1,000 (RE2's cap). It compiles with the options the C# runtime uses
/// (NonBacktracking), so a pattern whose automaton would exceed that engine's fixed size bound (10,000 nodes:
/// <c>(a{100}){100}</c>, <c>.{0,65535}</c>) fails here, at validate, and never first at build.
/// </summary>
public static class RegexChecker
{
    public sealed record Problem(string Code, string Message);

    // Compiling a pattern costs far more than binding the rest of a query; rules repeat the same few patterns.
    private static readonly ConcurrentDictionary<string, Problem?> Checked = new(StringComparer.Ordinal);

    public static Problem? Check(string pattern) => Checked.GetOrAdd(pattern, Compute);

    private static Problem? Compute(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, Limits.RegexMatchTimeout);
        }
        catch (ArgumentException e)
        {
            return new Problem(BindingCodes.InvalidRegex, e.Message);
        }

        if (FindNonRe2Construct(pattern) is { } construct)
        {
            return new Problem(BindingCodes.RegexNotRe2, $"{construct} is not supported (the language accepts the RE2 subset)");
        }

        if (LargestRepeat(pattern) is > Limits.MaxRegexRepeat and var count)
        {
            return new Problem(BindingCodes.RegexNotRe2, $"the repeat count {count} is above {Limits.MaxRegexRepeat} (RE2's limit)");
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, Limits.RegexMatchTimeout);
        }
        catch (Exception e) when (e is NotSupportedException or ArgumentException)
        {
            return new Problem(BindingCodes.RegexNotRe2, $"the pattern is too large for a linear-time engine: {e.Message}");
        }

        return null;
    }

    private static string? FindNonRe2Construct(string pattern)
    {
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var next = pattern[i + 1];
                if (!inClass)
                {
                    if (next is >= '1' and <= '9') return $"the backreference \\{next}";
                    if (next == 'k') return "the named backreference \\k";
                    if (next is 'G' or 'Z') return $"the anchor \\{next}";
                }
                i++;
                continue;
            }
            if (inClass)
            {
                if (c == '-' && i + 1 < pattern.Length && pattern[i + 1] == '[') return "character class subtraction";
                if (c == ']') inClass = false;
                continue;
            }
            if (c == '[')
            {
                inClass = true;
                // A ']' right after '[' or '[^' is a literal member, not the end of the class.
                if (i + 1 < pattern.Length && pattern[i + 1] == '^') i++;
                if (i + 1 < pattern.Length && pattern[i + 1] == ']') i++;
                continue;
            }
            if (c == '(' && i + 2 < pattern.Length && pattern[i + 1] == '?')
            {
                var rest = pattern.AsSpan(i + 2);
                if (rest.StartsWith("=") || rest.StartsWith("!")) return "lookahead (?=...) / (?!...)";
                if (rest.StartsWith("<=") || rest.StartsWith("<!")) return "lookbehind (?<=...) / (?<!...)";
                if (rest.StartsWith(">")) return "the atomic group (?>...)";
                if (rest.StartsWith("(")) return "the conditional (?(...)...)";
                if (rest.StartsWith("'")) return "the group syntax (?'name'...)";
                if (rest.StartsWith("<") && IsBalancingGroup(rest)) return "the balancing group (?<a-b>...)";
            }
        }
        return null;
    }

    /// <summary>The largest number in a counted repeat <c>{n}</c>, <c>{n,}</c>, <c>{n,m}</c> outside classes (long, so no overflow hides one).</summary>
    private static long LargestRepeat(string pattern)
    {
        long largest = 0;
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                i++;
                continue;
            }

            if (inClass)
            {
                inClass = c != ']';
                continue;
            }

            if (c == '[')
            {
                inClass = true;
                if (i + 1 < pattern.Length && pattern[i + 1] == '^') i++;
                if (i + 1 < pattern.Length && pattern[i + 1] == ']') i++;
                continue;
            }

            if (c == '{')
            {
                var close = pattern.IndexOf('}', i);
                var body = close < 0 ? "" : pattern[(i + 1)..close];
                foreach (var part in body.Split(','))
                {
                    if (part.Length > 0 && part.All(char.IsAsciiDigit))
                    {
                        largest = Math.Max(largest, part.Length > 12 ? long.MaxValue : long.Parse(part, System.Globalization.CultureInfo.InvariantCulture));
                    }
                }
            }
        }

        return largest;
    }

    private static bool IsBalancingGroup(ReadOnlySpan<char> rest)
    {
        var close = rest.IndexOf('>');
        return close > 0 && rest[..close].Contains('-');
    }
}
