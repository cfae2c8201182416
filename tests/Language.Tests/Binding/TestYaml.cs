using System.Collections.Immutable;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RuleCompiler.Language.Tests.Binding;

/// <summary>
/// A minimal reader for the repository's data source, list and fragment files and the corpus fixtures, for the
/// binder's tests only (the foundation's loader replaces it once merged). It reads just what binding needs.
/// </summary>
internal static class TestYaml
{
    /// <summary>A scalar value and where it starts in its file (for mapping query offsets to line:column).</summary>
    public sealed record Scalar(string Value, ScalarStyle Style, int Line, int Column);

    public static YamlMappingNode Root(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    public static Scalar ScalarOf(YamlMappingNode map, string key)
    {
        var node = (YamlScalarNode)map.Children[new YamlScalarNode(key)];
        return new Scalar(node.Value ?? "", node.Style, (int)node.Start.Line, (int)node.Start.Column);
    }

    private static string? Text(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? ((YamlScalarNode)node).Value : null;

    public static DataSource DataSource(string path)
    {
        var root = Root(File.ReadAllText(path));
        var span = SourceSpan.File(path);
        var fields = ((YamlSequenceNode)root.Children[new YamlScalarNode("fields")]).Children.Cast<YamlMappingNode>()
            .Select(f => new FieldDefinition(Text(f, "name")!, Enum.Parse<FieldType>(Text(f, "type")!, ignoreCase: true),
                Text(f, "multivalued") == "true", Text(f, "sentinel"), Text(f, "splunk"), Text(f, "description"), span))
            .ToImmutableArray();
        return new DataSource(Text(root, "name")!, Text(root, "description") ?? "", EventFormat.CloudTrail, Text(root, "time_field")!,
            TimeFormat.Iso8601, new SplunkSource("", ""), new SentinelSource("", "", "", []), fields, span);
    }

    public static NamedList List(string path)
    {
        var root = Root(File.ReadAllText(path));
        var values = ((YamlSequenceNode)root.Children[new YamlScalarNode("values")]).Children.Select(v => ((YamlScalarNode)v).Value ?? "");
        return new NamedList(Text(root, "name")!, Text(root, "description") ?? "", Text(root, "case_sensitive") == "true", [.. values], SourceSpan.File(path));
    }

    public static Fragment Fragment(string path)
    {
        var root = Root(File.ReadAllText(path));
        var stages = ScalarOf(root, "stages");
        return new Fragment(Text(root, "name")!, Text(root, "description") ?? "", Text(root, "data_source")!, stages.Value,
            SourceSpan.At(path, stages.Line, stages.Column), SourceSpan.File(path));
    }
}
