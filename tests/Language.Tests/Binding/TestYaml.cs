using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RuleCompiler.Language.Tests.Binding;

/// <summary>
/// Reads the corpus fixtures (small YAML files: source, data_source, search) with YamlDotNet, keeping where the
/// search scalar starts and its style, which the parser's <c>SearchSourceMap</c> needs.
/// </summary>
internal static class TestYaml
{
    /// <summary>A scalar value and where it starts in its file (for mapping query offsets to line:column).</summary>
    public sealed record Scalar(string Value, RuleCompiler.Compiler.Language.Parsing.QueryTextStyle Style, int Line, int Column);

    public static YamlMappingNode Root(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    public static Scalar ScalarOf(YamlMappingNode map, string key)
    {
        var node = (YamlScalarNode)map.Children[new YamlScalarNode(key)];
        return new Scalar(node.Value ?? "", RuleCompiler.Compiler.Loading.QueryTextStyles.Of(node.Style), (int)node.Start.Line, (int)node.Start.Column);
    }
}
