using System.Globalization;
using System.Text;
using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace RuleCompiler.Benchmarks;

/// <summary>
/// Larger rule sets for the rule-set benchmarks, in the shapes of the corpus's CloudTrail rules (Sigma's
/// selections on eventSource/eventName, Panther's and ESCU's extra field tests): each rule tests a different
/// service and API call taken from the corpus (its events and Sigma's AWS rules), with one of ten shapes of
/// field tests, some followed by extend/project or a summarize. Written as rule files into a repository folder
/// (with rules/'s data sources, lists and fragments), so the benchmark and <c>rulec run</c> load them as a user's.
/// </summary>
internal static class GeneratedRules
{
    /// <summary>A rules folder (under the temp folder, written afresh) with <paramref name="count"/> generated rules.</summary>
    public static string Repository(int count, IReadOnlyList<string> events)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"rulec-bench-rules-{count}");
        var searches = Searches(count, events);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        foreach (var part in new[] { "data_sources", "lists", "fragments" })
        {
            var from = Path.Combine(CorpusEvents.RepositoryRoot, "rules", part);
            Directory.CreateDirectory(Path.Combine(folder, part));
            foreach (var file in Directory.EnumerateFiles(from, "*.yml"))
            {
                File.Copy(file, Path.Combine(folder, part, Path.GetFileName(file)));
            }
        }

        var rules = Path.Combine(folder, "aws", "generated");
        Directory.CreateDirectory(rules);
        for (var i = 0; i < searches.Count; i++)
        {
            File.WriteAllText(Path.Combine(rules, $"generated_rule_{i:D4}.yml"), RuleFile(i, searches[i]));
        }

        return folder;
    }

    /// <summary>The searches of <paramref name="count"/> rules, over the (eventSource, eventName) pairs in turn.</summary>
    public static List<string> Searches(int count, IReadOnlyList<string> events)
    {
        var calls = Calls(events);
        var bySource = calls.GroupBy(c => c.Source).ToDictionary(g => g.Key, g => g.Select(c => c.Name).ToList());
        var searches = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var (source, name) = calls[i % calls.Count];
            var siblings = bySource[source];
            var other = siblings[(siblings.IndexOf(name) + 1 + i / calls.Count) % siblings.Count];
            var third = calls[(i * 7 + 3) % calls.Count].Name;
            searches.Add((i % 10) switch
            {
                0 => $"where eventSource == {Q(source)} and eventName == {Q(name)}",
                1 => $"where eventName in ({Q(name)}, {Q(other)}, {Q(third)})",
                2 => $"where eventSource == {Q(source)} and eventName == {Q(name)} and errorCode in (\"AccessDenied\", \"UnauthorizedOperation\")",
                3 => $"where eventName == {Q(name)} and userIdentity.type == \"Root\" and isempty(errorCode)",
                4 => $"where eventSource == {Q(source)} and eventName startswith {Q(Verb(name))} and isempty(errorCode)",
                5 => $"where eventName =~ {Q(name.ToLowerInvariant())} and userAgent !contains \"console.amazonaws.com\"",
                6 => $"where eventName == {Q(name)}\n| summarize calls = count() by userIdentity.arn, awsRegion\n| where calls > 2",
                7 => $"where eventSource == {Q(source)} and eventName == {Q(name)}\n| extend user = userIdentity.arn\n| project eventTime, user, sourceIPAddress, awsRegion",
                8 => $"where eventName == {Q(name)} and tostring(requestParameters) contains \"backup\"",
                _ => $"where eventName in~ ({Q(name)}, {Q(other)}) and sourceIPAddress !startswith \"10.\"",
            });
        }

        return searches;
    }

    private static string Q(string s) => JsonSerializer.Serialize(s);

    /// <summary>The leading verb of an API call name: Delete of DeleteBucket.</summary>
    private static string Verb(string name)
    {
        var end = 1;
        while (end < name.Length && !char.IsUpper(name[end]))
        {
            end++;
        }

        return name[..end];
    }

    /// <summary>Distinct (eventSource, eventName) pairs of the corpus events and Sigma's AWS rules, in a fixed order.</summary>
    private static List<(string Source, string Name)> Calls(IReadOnlyList<string> events)
    {
        var calls = new SortedSet<(string, string)>();
        foreach (var e in events)
        {
            using var document = JsonDocument.Parse(e);
            if (document.RootElement.TryGetProperty("eventSource", out var source) && source.ValueKind == JsonValueKind.String
                && document.RootElement.TryGetProperty("eventName", out var name) && name.ValueKind == JsonValueKind.String)
            {
                calls.Add((source.GetString()!, name.GetString()!));
            }
        }

        var sigma = Path.Combine(CorpusEvents.Corpus, "SigmaHQ", "sigma", "rules", "cloud", "aws");
        if (Directory.Exists(sigma))
        {
            foreach (var file in Directory.EnumerateFiles(sigma, "*.yml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                AddSigmaSelections(file, calls);
            }
        }

        return [.. calls];
    }

    private static void AddSigmaSelections(string file, SortedSet<(string, string)> calls)
    {
        if (CorpusEvents.YamlRoot(file) is not { } root
            || !root.Children.TryGetValue(new YamlScalarNode("detection"), out var detection) || detection is not YamlMappingNode selections)
        {
            return;
        }

        foreach (var selection in selections.Children.Values.OfType<YamlMappingNode>())
        {
            var source = selection.Children.TryGetValue(new YamlScalarNode("eventSource"), out var s) && s is YamlScalarNode { Value: { } sv } ? sv : null;
            if (source is null || !selection.Children.TryGetValue(new YamlScalarNode("eventName"), out var n))
            {
                continue;
            }

            var names = n switch
            {
                YamlScalarNode { Value: { } one } => [one],
                YamlSequenceNode list => list.Children.OfType<YamlScalarNode>().Select(x => x.Value).OfType<string>().ToList(),
                _ => [],
            };
            foreach (var name in names.Where(x => x.Length > 0 && !x.Contains('*', StringComparison.Ordinal)))
            {
                calls.Add((source, name));
            }
        }
    }

    private static string RuleFile(int i, string search)
    {
        var id = new Guid(i, 0x4242, 0x4242, [0x42, 0x42, 0, 0, 0, 0, 0, 0]).ToString();
        var yaml = new StringBuilder();
        yaml.Append("id: ").Append(id).Append('\n');
        yaml.Append("name: Generated rule ").Append(i.ToString("D4", CultureInfo.InvariantCulture)).Append('\n');
        yaml.Append("version: 1.0.0\ndate: \"2026-11-29\"\nauthor: rulec bench\nstatus: experimental\ntype: ttp\nseverity: low\n");
        yaml.Append("description: A benchmark rule generated in the shape of the corpus's CloudTrail rules.\n");
        yaml.Append("data_source: aws_cloudtrail\nsearch: |\n");
        foreach (var line in search.Split('\n'))
        {
            yaml.Append("  ").Append(line).Append('\n');
        }

        return yaml.ToString();
    }
}
