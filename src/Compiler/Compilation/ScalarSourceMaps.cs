using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Compiler.Yaml;

namespace RuleCompiler.Compiler.Compilation;

/// <summary>The bridge from the YAML loader's scalars to the parser's offset-to-file-position maps.</summary>
public static class ScalarSourceMaps
{
    /// <summary>The map for a loaded scalar, or one over the text alone when the loader kept no source.</summary>
    public static SearchSourceMap For(ScalarSource? source, string text) => source is null
        ? SearchSourceMap.ForText(text)
        : SearchSourceMap.Create(source.Text, StyleOf(source.Style), source.FileText, source.Span.Line, source.Span.Column);

    private static YamlDotNet.Core.ScalarStyle StyleOf(YamlScalarStyle style) => style switch
    {
        YamlScalarStyle.SingleQuoted => YamlDotNet.Core.ScalarStyle.SingleQuoted,
        YamlScalarStyle.DoubleQuoted => YamlDotNet.Core.ScalarStyle.DoubleQuoted,
        YamlScalarStyle.Literal => YamlDotNet.Core.ScalarStyle.Literal,
        YamlScalarStyle.Folded => YamlDotNet.Core.ScalarStyle.Folded,
        _ => YamlDotNet.Core.ScalarStyle.Plain,
    };
}
