using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using RuleCompiler.Backends.Sentinel.Artifacts;
using RuleCompiler.Compiler.Catalogues;
using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Backends.Sentinel;

/// <summary>A file of the Sentinel build: its path relative to the output folder (with '/') and its text.</summary>
public sealed record SentinelArtifact(string RelativePath, string Text);

/// <summary>The files of a Sentinel build, sorted by path, and the problems found; nothing is written when one is an error.</summary>
public sealed record SentinelArtifacts(ImmutableArray<SentinelArtifact> Files, ImmutableArray<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}

/// <summary>
/// The Sentinel target's artifacts (docs/sentinel-backend.md): under <c>sentinel/</c>, one analytic-rule YAML per rule
/// in <c>AnalyticRules/</c>, one ARM template per rule in <c>ARM/</c> plus <c>azuredeploy.json</c> for all, and one
/// Bicep module per rule in <c>bicep/</c> plus <c>bicep/main.bicep</c>. Output is byte-identical for the same input:
/// rules are ordered by file name, text uses '\n', and nothing depends on culture, time or paths.
/// </summary>
public static partial class SentinelArtifactWriter
{
    public const string Folder = "sentinel";

    /// <summary>Renders every artifact (and checks the rules can be expressed) without writing anything.</summary>
    public static SentinelArtifacts Render(IReadOnlyList<SentinelRuleInput> inputs, AttackCatalogue? attack = null)
    {
        var catalogue = attack ?? AttackCatalogue.Default;
        var rules = inputs.Select(i => SentinelRule.From(i, catalogue))
            .OrderBy(r => r.FileName, StringComparer.Ordinal).ThenBy(r => r.ResourceName, StringComparer.Ordinal)
            .ToList();
        var diagnostics = rules.SelectMany(Check).Concat(DuplicateNames(rules)).ToImmutableArray();
        if (diagnostics.Any(d => d.IsError))
        {
            return new SentinelArtifacts([], diagnostics);
        }

        var files = new List<SentinelArtifact>
        {
            new($"{Folder}/azuredeploy.json", ArmTemplateWriter.Template(rules)),
            new($"{Folder}/bicep/main.bicep", BicepWriter.Main(rules)),
        };
        foreach (var rule in rules)
        {
            files.Add(new($"{Folder}/AnalyticRules/{rule.FileName}.yaml", AnalyticRuleYamlWriter.Write(rule)));
            files.Add(new($"{Folder}/ARM/{rule.FileName}.json", ArmTemplateWriter.Template([rule])));
            files.Add(new($"{Folder}/bicep/{rule.FileName}.bicep", BicepWriter.Rule(rule)));
        }

        return new SentinelArtifacts([.. files.OrderBy(f => f.RelativePath, StringComparer.Ordinal)], diagnostics);
    }

    /// <summary>
    /// Renders the artifacts and, when there is no error, writes them below <paramref name="outDir"/> (into
    /// <c>outDir/sentinel/</c>) as UTF-8 without a byte-order mark. Returns what was rendered and found.
    /// </summary>
    public static SentinelArtifacts Write(IReadOnlyList<SentinelRuleInput> rules, string outDir, AttackCatalogue? attack = null)
    {
        var artifacts = Render(rules, attack);
        if (artifacts.HasErrors)
        {
            return artifacts;
        }

        foreach (var file in artifacts.Files)
        {
            var path = Path.Combine(outDir, file.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Text, new UTF8Encoding(false));
        }

        return artifacts;
    }

    private static IEnumerable<Diagnostic> Check(SentinelRule rule)
    {
        var r = rule.Rule;
        var durations = new[]
        {
            ("frequency", r.Schedule.Frequency), ("lookback", r.Schedule.Lookback), ("suppression", r.Schedule.Suppression),
            ("incident grouping lookback", r.Incident?.Grouping?.Lookback),
        };
        foreach (var (name, duration) in durations)
        {
            if (duration is not null && (!rule.IsNrt || name is not ("frequency" or "lookback")) && SentinelDuration.Short(duration.Value) is null)
            {
                yield return Diagnostic.Error(SentinelDiagnostics.NotExpressible,
                    $"Sentinel schedules in whole minutes; the {name} {SentinelDuration.Iso8601(duration.Value)} is not", duration.Span);
            }
        }

        var columns = rule.Input.OutputColumns.ToHashSet(StringComparer.Ordinal);
        var referenced = r.Entities.SelectMany(e => e.Identifiers.Select(i => i.Column))
            .Concat(r.Alert?.NamedColumns().Select(c => c.Column) ?? [])
            .Concat(new[] { r.Alert?.Title, r.Alert?.Description }.OfType<Compiler.Model.Located<string>>()
                .SelectMany(t => Placeholder().Matches(t.Value).Select(m => new Compiler.Model.Located<string>(m.Groups[1].Value, t.Span))));
        foreach (var column in referenced.Where(c => !columns.Contains(c.Value)))
        {
            yield return Diagnostic.Error(SentinelDiagnostics.UnknownOutputColumn,
                $"'{column.Value}' is not an output column of the query (its columns: {string.Join(", ", rule.Input.OutputColumns)})", column.Span);
        }
    }

    private static IEnumerable<Diagnostic> DuplicateNames(IEnumerable<SentinelRule> rules) =>
        rules.GroupBy(r => r.FileName, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).SelectMany(g => g.Skip(1)).Select(r =>
            Diagnostic.Error(SentinelDiagnostics.DuplicateArtifactName,
                $"another rule's name also gives the Sentinel file name {r.FileName}; rename one of them", r.Rule.Name.Span));

    [GeneratedRegex(@"\{\{\s*([^{}\s]+)\s*\}\}")]
    private static partial Regex Placeholder();
}
