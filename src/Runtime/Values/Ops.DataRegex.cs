using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace RuleCompiler.Runtime.Values;

public static partial class Ops
{
    private static readonly ConcurrentDictionary<string, Regex?> DataRegexCache = new(StringComparer.Ordinal);

    /// <summary>
    /// <c>x matches regex p</c> where the pattern is a value of the row (SPL's <c>match(a, b)</c> of two fields). A null
    /// or missing subject or pattern is false, as SPL's match() of a null is null (docs/semantics.md); so are a pattern
    /// longer than <see cref="Limits.MaxDataRegexLength"/> and one that does not compile in the portable dialect.
    /// </summary>
    public static bool Matches(Value left, Value pattern) =>
        !left.IsNull && !pattern.IsNull && DataRegex(pattern.ToText()) is { } regex && Matches(left, regex);

    /// <summary>The compiled pattern, or null when it is too long or not a pattern; bounded cache (event values vary without end).</summary>
    private static Regex? DataRegex(string pattern)
    {
        if (pattern.Length > Limits.MaxDataRegexLength)
        {
            return null;
        }

        if (DataRegexCache.TryGetValue(pattern, out var cached))
        {
            return cached;
        }

        var compiled = CompileDataRegex(pattern);
        if (DataRegexCache.Count < Limits.MaxDataRegexCached)
        {
            DataRegexCache.TryAdd(pattern, compiled);
        }

        return compiled;
    }

    private static Regex? CompileDataRegex(string pattern)
    {
        try
        {
            return new Regex(PortableRegex.ToDotNet(pattern), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, Limits.RegexMatchTimeout);
        }
        catch (ArgumentException)
        {
            // Not a pattern (unbalanced parenthesis, a bad escape, ...): SPL's match() stops the search there; a row
            // of data cannot stop a rule here, so it matches nothing.
            return null;
        }
        catch (NotSupportedException)
        {
            // Outside the linear engine (backreferences, lookaround): outside the portable dialect too.
            return null;
        }
    }
}
