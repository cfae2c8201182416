using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Compiler.Yaml;
using YamlDotNet.Core;

namespace RuleCompiler.Compiler.Loading;

/// <summary>How a YAML scalar holding a query was written, as the parser's offset map takes it.</summary>
public static class QueryTextStyles
{
    public static QueryTextStyle Of(YamlScalarStyle style) => style switch
    {
        YamlScalarStyle.SingleQuoted => QueryTextStyle.SingleQuoted,
        YamlScalarStyle.DoubleQuoted => QueryTextStyle.DoubleQuoted,
        YamlScalarStyle.Literal => QueryTextStyle.Literal,
        YamlScalarStyle.Folded => QueryTextStyle.Folded,
        _ => QueryTextStyle.Plain,
    };

    /// <summary>For readers of YamlDotNet's own tree (the importers of other formats' rule files).</summary>
    public static QueryTextStyle Of(ScalarStyle style) => style switch
    {
        ScalarStyle.SingleQuoted => QueryTextStyle.SingleQuoted,
        ScalarStyle.DoubleQuoted => QueryTextStyle.DoubleQuoted,
        ScalarStyle.Literal => QueryTextStyle.Literal,
        ScalarStyle.Folded => QueryTextStyle.Folded,
        _ => QueryTextStyle.Plain,
    };
}
