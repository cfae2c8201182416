using RuleCompiler.Compiler.Language.Parsing;
using YamlDotNet.Core;

namespace RuleCompiler.Language.Tests.Parsing;

/// <summary>The parser's query text style for a scalar style YamlDotNet read (the tests read YAML with YamlDotNet directly).</summary>
internal static class TestQueryStyles
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
