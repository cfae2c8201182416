namespace RuleCompiler.Compiler.Language.Binding;

/// <summary>Did-you-mean: the candidate nearest to a misspelt name by edit distance (case-insensitive, transpositions count 1).</summary>
public static class NameSuggester
{
    public static string? Closest(string written, IEnumerable<string> candidates)
    {
        var limit = written.Length <= 4 ? 1 : written.Length <= 8 ? 2 : 3;
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            if (string.Equals(candidate, written, StringComparison.Ordinal)) continue;
            if (Math.Abs(candidate.Length - written.Length) > limit) continue;
            var distance = Distance(written, candidate);
            if (distance <= limit && (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(candidate, best) < 0)))
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /// <summary>Optimal string alignment distance over upper-cased invariant characters.</summary>
    public static int Distance(string a, string b)
    {
        var rows = new int[3][];
        for (var i = 0; i < 3; i++) rows[i] = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) rows[1][j] = j;
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
