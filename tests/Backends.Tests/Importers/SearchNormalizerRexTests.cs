using RuleCompiler.Importers.Escu;
using Xunit;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary>
/// The Splunk backend clears a new field before a rex over raw events (<c>eval x=null() | rex ...</c>); read back, the
/// rex keeps that null where it does not match, which the round trip reads as the importer's null for a new field,
/// and only there.
/// </summary>
public sealed class SearchNormalizerRexTests
{
    private const string Match = "iif(a matches regex \"(x)\", extract(\"(x)\", 1, a)";

    private static IReadOnlyList<string> N(string search) => SearchNormalizer.Normalize(search + "\n");

    [Fact]
    public void A_cleared_field_kept_where_the_rex_does_not_match_is_null_there()
    {
        Assert.Equal(N($"extend t = {Match}, null)"), N($"extend t = null\n| extend t = {Match}, t)"));
        Assert.Equal(N($"extend t = {Match}, null), u = {Match}, a)"), N($"extend t = null\n| extend t = {Match}, t), u = {Match}, a)"));
    }

    [Fact]
    public void A_field_not_cleared_just_before_keeps_its_own_earlier_value()
    {
        Assert.NotEqual(N($"extend t = {Match}, null)"), N($"extend t = {Match}, t)"));
        // A t set again after the clear is what the rex keeps.
        Assert.NotEqual(N($"extend t = strcat(a, \"z\")\n| extend t = {Match}, null)"), N($"extend t = null\n| extend t = strcat(a, \"z\")\n| extend t = {Match}, t)"));
        // Another column cleared is no clear of this one.
        Assert.NotEqual(N($"extend t = {Match}, null)"), N($"extend u = null\n| extend t = {Match}, t)"));
    }
}
