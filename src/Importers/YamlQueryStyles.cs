using RuleCompiler.Compiler.Language.Parsing;
using YamlDotNet.Core;

namespace RuleCompiler.Importers;

/// <summary>How a query scalar of a source rule was written, as the query position map takes it.</summary>
internal static class YamlQueryStyles
{
    public static QueryTextStyle Of(ScalarStyle style) => style switch
    {
        ScalarStyle.SingleQuoted => QueryTextStyle.SingleQuoted,
        ScalarStyle.DoubleQuoted => QueryTextStyle.DoubleQuoted,
        ScalarStyle.Literal => QueryTextStyle.Literal,
        ScalarStyle.Folded => QueryTextStyle.Folded,
        _ => QueryTextStyle.Plain,
    };
}
