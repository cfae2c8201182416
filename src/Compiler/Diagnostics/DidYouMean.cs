namespace RuleCompiler.Compiler.Diagnostics;

/// <summary>
/// The one "did you mean" of the tool (schema keys and values, data sources, fields, functions, lets, lists,
/// fragments, output columns, commands): the nearest candidate by edit distance, if it is a plausible typo.
/// </summary>
public static class DidYouMean
{
    /// <summary>
    /// The candidate nearest to <paramref name="written"/>: a unique candidate it abbreviates ("prod" for
    /// "production"), else the one at the smallest distance, if that is at most a third of the longer word (at least
    /// 1). Ties go to the ordinally smaller candidate, so suggestions never depend on order.
    /// </summary>
    public static string? Closest(string written, IEnumerable<string> candidates)
    {
        var distinct = candidates.Where(c => !string.Equals(c, written, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        if (written.Length >= 3 && distinct.Where(c => c.StartsWith(written, StringComparison.OrdinalIgnoreCase)).ToList() is [var only])
        {
            return only;
        }

        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in distinct)
        {
            var limit = Math.Max(1, Math.Max(written.Length, candidate.Length) / 3);
            if (Math.Abs(candidate.Length - written.Length) > limit)
            {
                continue;
            }

            var distance = Distance(written, candidate);
            if (distance <= limit && (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(candidate, best) < 0)))
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>"; did you mean 'x'?" or nothing.</summary>
    public static string Hint(string written, IEnumerable<string> candidates) =>
        Closest(written, candidates) is { } best ? $"; did you mean '{best}'?" : "";

    /// <summary>Optimal string alignment distance (a transposition counts 1), ignoring case (invariant).</summary>
    public static int Distance(string a, string b)
    {
        var rows = new int[3][];
        for (var i = 0; i < 3; i++)
        {
            rows[i] = new int[b.Length + 1];
        }

        for (var j = 0; j <= b.Length; j++)
        {
            rows[1][j] = j;
        }

        int[] previous2 = rows[0], previous = rows[1], current = rows[2];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var ca = char.ToUpperInvariant(a[i - 1]);
            for (var j = 1; j <= b.Length; j++)
            {
                var cb = char.ToUpperInvariant(b[j - 1]);
                var cost = ca == cb ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && ca == char.ToUpperInvariant(b[j - 2]) && char.ToUpperInvariant(a[i - 2]) == cb)
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
            }

            (previous2, previous, current) = (previous, current, previous2);
        }

        return previous[b.Length];
    }
}
