namespace RuleCompiler.Runtime.Values;

/// <summary>
/// Whole-term search for <c>has</c>: where the needle begins with a letter or digit the character before the match
/// must not be one, and where it ends with one the character after must not be one. A needle edged by punctuation
/// (<c>":root"</c>) needs no boundary on that edge, as KQL's term matching (docs/semantics.md, <c>has</c>).
/// </summary>
public static class Terms
{
    public static bool Has(string haystack, string needle, StringComparison comparison)
    {
        if (needle.Length == 0)
        {
            return true;
        }

        var start = 0;
        while (start <= haystack.Length - needle.Length)
        {
            var at = haystack.IndexOf(needle, start, comparison);
            if (at < 0)
            {
                return false;
            }

            var end = at + needle.Length;
            var leftOk = at == 0 || !char.IsLetterOrDigit(needle[0]) || !char.IsLetterOrDigit(haystack[at - 1]);
            var rightOk = end == haystack.Length || !char.IsLetterOrDigit(needle[^1]) || !char.IsLetterOrDigit(haystack[end]);
            if (leftOk && rightOk)
            {
                return true;
            }

            start = at + 1;
        }

        return false;
    }
}
