using CsCheck;
using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Compiler.Language.Printing;
using RuleCompiler.Compiler.Language.Syntax;
using Xunit;

namespace RuleCompiler.Language.Tests.Printing;

public class StringLiteralsTests
{
    [Theory]
    [InlineData("", "\"\"")]
    [InlineData("plain", "\"plain\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("it's", "\"it's\"")]
    [InlineData("c:\\temp", "\"c:\\\\temp\"")]
    [InlineData("a\nb\rc\td", "\"a\\nb\\rc\\td\"")]
    [InlineData("\u0000\u001f\u007f", "\"\\u0000\\u001F\\u007F\"")]
    [InlineData("\u2028\u2029\u0085", "\"\\u2028\\u2029\\u0085\"")]
    [InlineData("é中😀", "\"é中😀\"")]
    [InlineData("// not a comment |", "\"// not a comment |\"")]
    public void Quote_escapes_exactly_what_must_be_escaped(string value, string expected)
    {
        Assert.Equal(expected, StringLiterals.Quote(value));
    }

    [Fact]
    public void Lone_surrogates_are_escaped_and_pairs_are_kept()
    {
        // Not InlineData: attribute strings are stored as UTF-8, which cannot hold a lone surrogate.
        Assert.Equal("\"\\uD800x\"", StringLiterals.Quote("\ud800x"));
        Assert.Equal("\"x\\uDC00\"", StringLiterals.Quote("x\udc00"));
        Assert.Equal("\"\\uDC00\\uD800\"", StringLiterals.Quote("\udc00\ud800"));
        Assert.Equal("\"\ud83d\ude00\"", StringLiterals.Quote("\ud83d\ude00"));
    }

    [Fact]
    public void Quoted_strings_parse_back_to_the_same_value()
    {
        Gen.String.Sample(value =>
        {
            var parsed = QueryParser.ParseExpression(StringLiterals.Quote(value));
            Assert.Equal(value, Assert.IsType<LiteralExpression>(parsed.Value).Value);
        }, iter: 10_000, threads: 1);
    }

    [Fact]
    public void Quoted_strings_stay_on_one_line()
    {
        Gen.String.Sample(value =>
        {
            var quoted = StringLiterals.Quote(value);
            Assert.DoesNotContain('\n', quoted);
            Assert.DoesNotContain('\r', quoted);
        }, iter: 2_000, threads: 1);
    }
}
