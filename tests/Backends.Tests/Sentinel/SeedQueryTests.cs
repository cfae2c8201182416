using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace RuleCompiler.Backends.Tests.Sentinel;

/// <summary>
/// The Sentinel seed (../shared/seeds/004_*.txt, Microsoft's "Amazon ECR image scanning disabled") and the KQL emitted
/// for its canonical rule are the same query once both are normalised: the same filters, the scanOnPush extraction,
/// the account-name and UPN-suffix derivation, and the same distinct columns.
/// </summary>
public partial class SeedQueryTests
{
    [SeedFact]
    public void TheSentinelSeedCompilesToAnEquivalentQuery()
    {
        var seed = Normalise(SeedFactAttribute.SentinelSeedQuery());
        var ours = Normalise(KqlRules.Emit("amazon_ecr_image_scanning_disabled").Text);
        var diff = Diff(seed, ours);

        Assert.True(seed[0] == "AWSCloudTrail" && ours[0] == "AWSCloudTrail", diff);
        Assert.True(seed.Where(s => s.StartsWith("where ", StringComparison.Ordinal)).SequenceEqual(ours.Where(s => s.StartsWith("where ", StringComparison.Ordinal))), "filters differ:\n" + diff);
        Assert.True(seed.Where(s => s.StartsWith("distinct ", StringComparison.Ordinal)).SequenceEqual(ours.Where(s => s.StartsWith("distinct ", StringComparison.Ordinal))), "distinct columns differ:\n" + diff);
        // Every stage and column assignment of one is in the other (the account derivation's order is checked below).
        Assert.True(seed.Order(StringComparer.Ordinal).SequenceEqual(ours.Order(StringComparer.Ordinal)), "stages differ:\n" + diff);
        Assert.Contains("extend scanOnPush = parse_json(RequestParameters).imageScanningConfiguration.scanOnPush", ours);
        // The seed shortens AccountName and computes AccountUPNSuffix in one extend, where the suffix already sees the
        // shortened name (so it is always empty); the fragment computes the suffix first, as its description says.
        Assert.True(ours.IndexOf("extend AccountUPNSuffix = iif(AccountName contains \"@\", split(AccountName, \"@\")[1], \"\")")
            < ours.IndexOf("extend AccountName = iif(AccountName contains \"@\", split(AccountName, \"@\")[0], AccountName)"), diff);
    }

    /// <summary>
    /// One line per stage, one line per extend assignment, whitespace collapsed, double quotes, and the spellings that
    /// mean the same written one way: parse_json(tostring((x))) is x, split(s, d, i)[0] is split(s, d)[i], and
    /// tostring of a string column (or of split's element, already a string in the comparison) is the value.
    /// </summary>
    private static List<string> Normalise(string kql)
    {
        var text = Whitespace().Replace(kql, " ").Trim();
        text = SingleQuoted().Replace(text, m => "\"" + m.Groups[1].Value + "\"");
        text = text.Replace("( ", "(", StringComparison.Ordinal).Replace(" )", ")", StringComparison.Ordinal);
        text = ParseOfText().Replace(text, "$1");
        text = SplitIndex().Replace(text, "split($1, $2)[$3]");
        text = ToStringOf().Replace(text, "$1");
        var stages = new List<string>();
        foreach (var stage in TopLevel(text, '|').Select(s => s.Trim()))
        {
            if (stage.StartsWith("extend ", StringComparison.Ordinal))
            {
                stages.AddRange(TopLevel(stage["extend ".Length..], ',').Select(a => "extend " + a.Trim()));
            }
            else
            {
                stages.Add(stage);
            }
        }

        return stages;
    }

    /// <summary>Splits at <paramref name="separator"/> outside parentheses, brackets and string literals.</summary>
    private static IEnumerable<string> TopLevel(string text, char separator)
    {
        var depth = 0;
        var quoted = false;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '\\') i++;
                else if (c == '"') quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c is '(' or '[') depth++;
            else if (c is ')' or ']') depth--;
            else if (c == separator && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }

    private static string Diff(List<string> seed, List<string> ours)
    {
        var text = new StringBuilder("normalised seed (-) and emitted (+):\n");
        foreach (var line in seed) text.Append(ours.Contains(line) ? "  " : "- ").AppendLine(line);
        foreach (var line in ours.Where(l => !seed.Contains(l))) text.Append("+ ").AppendLine(line);
        return text.ToString();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"'([^'\\]*)'")]
    private static partial Regex SingleQuoted();

    [GeneratedRegex(@"parse_json\(tostring\(\((parse_json\([A-Za-z]+\)(?:\.[A-Za-z]+)*)\)\)\)")]
    private static partial Regex ParseOfText();

    [GeneratedRegex(@"split\(([A-Za-z]+), (""[^""]*""), (\d+)\)\[0\]")]
    private static partial Regex SplitIndex();

    [GeneratedRegex(@"tostring\(((?:[A-Z][A-Za-z]*)|(?:split\([A-Za-z]+, ""[^""]*""\)\[-?\d+\]))\)")]
    private static partial Regex ToStringOf();
}

/// <summary>A fact that needs the seeds in ../shared/seeds; skipped, visibly, when they are absent (a fresh clone).</summary>
public sealed class SeedFactAttribute : FactAttribute
{
    public SeedFactAttribute()
    {
        if (SeedFile() is null)
        {
            Skip = "../shared/seeds/004_*.txt (the Sentinel seed) is not present next to the repository";
        }
    }

    private static string? SeedFile()
    {
        var folder = Path.Combine(RepositoryPaths.Shared, "seeds");
        return Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "004_*.txt").FirstOrDefault() : null;
    }

    /// <summary>The seed's <c>query: |</c> block, without its indentation.</summary>
    public static string SentinelSeedQuery()
    {
        var lines = File.ReadAllLines(SeedFile()!);
        var start = Array.FindIndex(lines, l => l.TrimEnd() == "query: |");
        Assert.True(start >= 0, "the seed has no 'query: |' block");
        return string.Join("\n", lines.Skip(start + 1).TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal)).Select(l => l[2..]));
    }
}
