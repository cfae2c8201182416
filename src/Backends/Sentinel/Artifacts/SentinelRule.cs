using System.Collections.Immutable;
using System.Text;
using RuleCompiler.Compiler.Catalogues;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Backends.Sentinel.Artifacts;

/// <summary>
/// One rule as every Sentinel artifact shows it, computed once so the YAML, ARM and Bicep cannot disagree: the
/// resource name (the rule id), the file name, ATT&amp;CK tactics in Sentinel's spelling, techniques split into
/// techniques and sub-techniques, and the schedule.
/// </summary>
internal sealed record SentinelRule(
    SentinelRuleInput Input,
    string ResourceName,
    string FileName,
    ImmutableArray<string> Tactics,
    ImmutableArray<string> Techniques,
    ImmutableArray<string> SubTechniques)
{
    public Rule Rule => Input.Rule;

    public bool IsNrt => Rule.Schedule.Kind == ScheduleKind.Nrt;

    public string Kind => IsNrt ? "NRT" : "Scheduled";

    public static SentinelRule From(SentinelRuleInput input, AttackCatalogue attack)
    {
        var ids = input.Rule.Attack.Select(a => a.Value).ToList();
        var tactics = attack.TacticsOf(ids).Select(t => TacticName(t.ShortName));
        // Sentinel lists parent techniques in `techniques` and the full ids in `subTechniques` (preview API only).
        var techniques = ids.Select(id => id.Split('.')[0]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var subTechniques = ids.Where(id => id.Contains('.', StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return new SentinelRule(input, input.Rule.Id.Value.ToLowerInvariant(), FileNameOf(input.Rule.Name.Value), [.. tactics], [.. techniques], [.. subTechniques]);
    }

    /// <summary>ATT&amp;CK's short name in Sentinel's spelling: <c>command-and-control</c> is <c>CommandAndControl</c>.</summary>
    public static string TacticName(string shortName) =>
        string.Concat(shortName.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    /// <summary>The rule name's letters and digits, each word capitalised: "Amazon ECR image scanning disabled" is AmazonECRImageScanningDisabled.</summary>
    public static string FileNameOf(string name)
    {
        var text = new StringBuilder();
        var startOfWord = true;
        foreach (var c in name)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                text.Append(startOfWord ? char.ToUpperInvariant(c) : c);
                startOfWord = false;
            }
            else
            {
                startOfWord = true;
            }
        }

        return text.Length == 0 ? "Rule" : text.ToString();
    }
}
