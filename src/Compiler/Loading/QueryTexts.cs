using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Compiler.Model;
using RuleCompiler.Compiler.Yaml;

namespace RuleCompiler.Compiler.Loading;

/// <summary>The bridge from the YAML loader's scalars to the model's query text and its offset-to-file map.</summary>
internal static class QueryTexts
{
    public static QueryText From(YamlScalar scalar, string fileText) => new(
        scalar.Value,
        scalar.Span,
        SearchSourceMap.Create(scalar.Value, StyleOf(scalar.Style), fileText, scalar.Span.Line, scalar.Span.Column));

    private static QueryTextStyle StyleOf(YamlScalarStyle style) => style switch
    {
        YamlScalarStyle.SingleQuoted => QueryTextStyle.SingleQuoted,
        YamlScalarStyle.DoubleQuoted => QueryTextStyle.DoubleQuoted,
        YamlScalarStyle.Literal => QueryTextStyle.Literal,
        YamlScalarStyle.Folded => QueryTextStyle.Folded,
        _ => QueryTextStyle.Plain,
    };
}
