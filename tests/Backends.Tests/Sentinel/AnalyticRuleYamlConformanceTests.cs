using YamlDotNet.RepresentationModel;
using Xunit;

namespace RuleCompiler.Backends.Tests.Sentinel;

/// <summary>The Azure-Sentinel repository's template checks pass on every emitted analytic-rule YAML.</summary>
public class AnalyticRuleYamlConformanceTests
{
    /// <summary>The connector ids of the real Azure-Sentinel rules in ../shared/corpus/Azure.</summary>
    private static readonly Lazy<HashSet<string>> KnownConnectorIds = new(() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Corpus, "Azure"), "*.yaml", SearchOption.AllDirectories)
            .SelectMany(file =>
            {
                var stream = new YamlStream();
                stream.Load(new StringReader(File.ReadAllText(file)));
                return stream.Documents[0].RootNode is YamlMappingNode root
                    && root.Children.TryGetValue(new YamlScalarNode("requiredDataConnectors"), out var connectors) && connectors is YamlSequenceNode list
                    ? list.Children.OfType<YamlMappingNode>().Select(c => (c.Children[new YamlScalarNode("connectorId")] as YamlScalarNode)?.Value ?? "")
                    : [];
            })
            .ToHashSet(StringComparer.Ordinal));

    private static IEnumerable<(string Path, string Text)> YamlFiles() =>
        SentinelArtifactTests.Rendered.Files.Where(f => f.RelativePath.EndsWith(".yaml", StringComparison.Ordinal)).Select(f => (f.RelativePath, f.Text));

    [CorpusFact]
    public void EveryAnalyticRulePassesTheRepositoryTemplateChecks()
    {
        Assert.Contains("AWS", KnownConnectorIds.Value);
        var files = YamlFiles().ToList();
        Assert.Equal(3, files.Count);
        foreach (var (path, text) in files)
        {
            var errors = AnalyticRuleTemplateChecks.Check(text, KnownConnectorIds.Value);
            Assert.True(errors.Count == 0, $"{path}: {string.Join("; ", errors)}");
        }
    }

    [CorpusFact]
    public void TheChecksCatchWhatTheRepositoryRejects()
    {
        var text = YamlFiles().First(f => f.Text.Contains("kind: Scheduled", StringComparison.Ordinal)).Text;

        Assert.Contains("queryPeriod 1h is shorter than queryFrequency 1d", AnalyticRuleTemplateChecks.Check(text.Replace("queryPeriod: 1d", "queryPeriod: 1h"), KnownConnectorIds.Value));
        Assert.Contains("connectorId 'AmazonWebServices' is not one the Azure-Sentinel repository uses", AnalyticRuleTemplateChecks.Check(text.Replace("connectorId: AWS", "connectorId: AmazonWebServices"), KnownConnectorIds.Value));
        Assert.Contains("tactic Persistence is not a tactic of any listed technique", AnalyticRuleTemplateChecks.Check(text.Replace("  - DefenseEvasion", "  - DefenseEvasion\n  - Persistence"), KnownConnectorIds.Value));
        Assert.Contains("queryFrequency 15d outside 5m..14d", AnalyticRuleTemplateChecks.Check(text.Replace("queryFrequency: 1d", "queryFrequency: 15d"), KnownConnectorIds.Value));
        Assert.Contains("IP: unknown identifier 'Adress'", AnalyticRuleTemplateChecks.Check(text.Replace("identifier: Address", "identifier: Adress"), KnownConnectorIds.Value));
    }
}
