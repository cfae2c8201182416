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
        SearchSourceMap.Create(scalar.Value, QueryTextStyles.Of(scalar.Style), fileText, scalar.Span.Line, scalar.Span.Column));
}
