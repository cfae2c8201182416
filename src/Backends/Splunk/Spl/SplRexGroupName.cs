using System.Text.RegularExpressions;

namespace RuleCompiler.Backends.Splunk.Spl;

/// <summary>
/// The names a rex named group takes for its field, for both sides of the round trip (the ESCU importer reads them,
/// the Splunk backend writes them): a letter, then letters, digits and '_', 32 at most (PCRE's limit). Names with a
/// leading '_' are left out: Splunk gives _KEY_/_VAL_ and its other '_' names meanings of their own.
/// </summary>
public static partial class SplRexGroupName
{
    public static bool IsValid(string name) => Pattern().IsMatch(name);

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
