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

        if (FindNonRe2Construct(pattern, out var largestRepeat) is { } construct)
        {
            return new Problem(BindingCodes.RegexNotRe2, $"{construct} is not supported (the language accepts the RE2 subset)");
        }

        if (largestRepeat > Limits.MaxRegexRepeat)
        {
            return new Problem(BindingCodes.RegexNotRe2, $"the repeat count {largestRepeat} is above {Limits.MaxRegexRepeat} (RE2's limit)");
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

    private static string? FindNonRe2Construct(string pattern, out long largestRepeat)
    {
        largestRepeat = 0;
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
            if (c == '{')
            {
                largestRepeat = Math.Max(largestRepeat, RepeatCount(pattern, i));
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

    /// <summary>The largest number in the counted repeat <c>{n}</c>, <c>{n,}</c> or <c>{n,m}</c> at <paramref name="at"/> (long, so no overflow hides one).</summary>
    private static long RepeatCount(string pattern, int at)
    {
        var close = pattern.IndexOf('}', at);
        var body = close < 0 ? "" : pattern[(at + 1)..close];
        return body.Split(',').Where(p => p.Length > 0 && p.All(char.IsAsciiDigit))
            .Select(p => p.Length > 12 ? long.MaxValue : long.Parse(p, System.Globalization.CultureInfo.InvariantCulture))
            .DefaultIfEmpty(0).Max();
    }

    private static bool IsBalancingGroup(ReadOnlySpan<char> rest)
    {
        var close = rest.IndexOf('>');
        return close > 0 && rest[..close].Contains('-');
    }
}
