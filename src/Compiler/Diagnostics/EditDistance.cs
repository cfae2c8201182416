namespace RuleCompiler.Compiler.Diagnostics;

/// <summary>"Did you mean" suggestions by Levenshtein distance, for unknown keys, values and names.</summary>
public static class EditDistance
{
    public static int Between(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>The closest candidate, if it is close enough to be a plausible typo (at most a third of the word).</summary>
    public static string? Suggest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        var sorted = candidates.Order(StringComparer.Ordinal).ToList();
        // An abbreviation ("prod" for "production") is as plausible as a typo.
        if (word.Length >= 3 && sorted.Where(c => c.StartsWith(word, StringComparison.OrdinalIgnoreCase)).ToList() is [var only])
        {
            return only;
        }

        foreach (var candidate in sorted)
        {
            var distance = Between(word, candidate);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return best is not null && bestDistance <= Math.Max(1, Math.Max(word.Length, best.Length) / 3) ? best : null;
    }

    /// <summary>"; did you mean 'x'?" or nothing.</summary>
    public static string DidYouMean(string word, IEnumerable<string> candidates) =>
        Suggest(word, candidates) is { } best ? $"; did you mean '{best}'?" : "";
}
