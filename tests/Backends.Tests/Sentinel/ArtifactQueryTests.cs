using RuleCompiler.Backends.Sentinel;
using RuleCompiler.Backends.Sentinel.Analysis;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;
using Xunit;

namespace RuleCompiler.Backends.Tests.Sentinel;

/// <summary>The queries the artifact tests use are real: Kusto.Language accepts them with the declared columns.</summary>
public class ArtifactQueryTests
{
    [AnalyzerFact]
    public void TheStandInQueryIsValidKqlWithTheDeclaredOutputColumns()
    {
        var result = Assert.Single(AnalyzerFactAttribute.Analyzer.Analyze(KustoAnalyzerTests.RepositoryTables, [new KustoQuery("stand-in", SentinelInputs.ImageScanningQuery)]).Results);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(SentinelInputs.ImageScanningColumns, result.Columns.Select(c => c.Name));
    }

    [CorpusAnalyzerFact]
    public void MicrosoftsOwnQueryForTheRuleIsAcceptedAndCarriedIntoEveryArtifact()
    {
        var file = Path.Combine(RepositoryPaths.Corpus, "Azure", "Azure-Sentinel", "Solutions", "Amazon Web Services", "Analytic Rules", "AWS_ECRImageScanningDisabled.yaml");
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(file)));
        var query = ((YamlScalarNode)((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("query")]).Value!;

        var analysis = AnalyzerFactAttribute.Analyzer.Analyze(KustoAnalyzerTests.RepositoryTables, [new KustoQuery("corpus", query)]);
        var result = Assert.Single(analysis.Results);
        Assert.Empty(result.Errors);
        var columns = result.Columns.Select(c => c.Name).ToList();
        Assert.Superset(SentinelInputs.ImageScanningColumns.ToHashSet(), columns.ToHashSet());

        var rendered = SentinelArtifactWriter.Render([SentinelInputs.ImageScanning(query) with { OutputColumns = [.. columns] }]);
        Assert.Empty(rendered.Diagnostics);
        var arm = JsonNode.Parse(rendered.Files.Single(f => f.RelativePath.StartsWith("sentinel/ARM/", StringComparison.Ordinal)).Text)!;
        Assert.Equal(query, (string?)arm["resources"]![0]!["properties"]!["query"]);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(rendered.Files.Single(f => f.RelativePath.EndsWith(".yaml", StringComparison.Ordinal)).Text));
        Assert.Equal(query.EndsWith('\n') ? query : query + "\n", ((YamlScalarNode)((YamlMappingNode)yaml.Documents[0].RootNode).Children[new YamlScalarNode("query")]).Value);
    }
}
