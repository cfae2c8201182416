namespace RuleCompiler.Runtime.Values;

/// <summary>Whole-term search for <c>has</c>: the needle must sit between characters that are not letters or digits.</summary>
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
            var leftOk = at == 0 || !char.IsLetterOrDigit(haystack[at - 1]);
            var rightOk = end == haystack.Length || !char.IsLetterOrDigit(haystack[end]);
            if (leftOk && rightOk)
            {
                return true;
            }

            start = at + 1;
        }

        return false;
    }
}
