using System.Text.RegularExpressions;
using RuleCompiler.Importers.Escu;
using Xunit;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary>
/// rex patterns read for the portable dialect: capturing groups numbered as PCRE numbers them, names taken out,
/// PCRE's end anchor rewritten, groups a match can leave out found, and PCRE syntax outside the dialect refused at
/// its index.
/// </summary>
public class RexPatternTests
{
    private static RexPattern Read(string pcre)
    {
        var (pattern, problem) = RexPattern.Read(pcre);
        Assert.True(problem is null, problem?.Message);
        return pattern!;
    }

    private static RexProblem Problem(string pcre)
    {
        var (pattern, problem) = RexPattern.Read(pcre);
        Assert.Null(pattern);
        return problem!;
    }

    [Fact]
    public void Groups_are_numbered_left_to_right_named_or_not_and_only_capturing_parentheses_count()
    {
        var pattern = Read(@"(?<a>x(?<b>\(y\)))(?:z)(w)[(?<n>)](?i:(?<c>v))(?i)(?P<d>u)(?'e't)");
        Assert.Equal([(1, "a"), (2, "b"), (3, null), (4, "c"), (5, "d"), (6, "e")], pattern.Groups.Select(g => (g.Number, g.Name)));
        Assert.Equal(@"(x(\(y\)))(?:z)(w)[(?<n>)](?i:(v))(?i)(u)(t)", pattern.Canonical);
        // The numbers are those .NET gives the unnamed form (it would number named groups after the unnamed ones).
        var match = Regex.Match("x(y)zw<VUt", pattern.Canonical);
        Assert.Equal(["x(y)", "(y)", "w", "V", "U", "t"], Enumerable.Range(1, 6).Select(i => match.Groups[i].Value));
    }

    [Fact]
    public void A_class_with_a_leading_bracket_or_escapes_does_not_end_early()
    {
        Assert.Equal([1], Read(@"[]()][^]()]\[(?<a>x)\]").Groups.Select(g => g.Number));
        Assert.Equal([1], Read(@"[\](](?<a>[^\\]+)").Groups.Select(g => g.Number));
    }

    [Theory]
    [InlineData("(?<a>x)?", true)]
    [InlineData("(?<a>x)*", true)]
    [InlineData("(?<a>x){0,3}", true)]
    [InlineData("(?<a>x)|y", true)]
    [InlineData("y|(?<a>x)", true)]
    [InlineData("(?:(?<a>x)|y)z", true)]
    [InlineData("(?:q(?<a>x))?", true)]
    [InlineData("(?<a>x|y)", false)]
    [InlineData("(?<a>x)+", false)]
    [InlineData("(?<a>x){2}", false)]
    [InlineData("(?:(?<a>x)){1,3}", false)]
    [InlineData("(?<a>x*)", false)]
    public void A_group_that_a_match_can_leave_out_is_optional(string pcre, bool optional) =>
        Assert.Equal(optional, Read(pcre).Groups.Single(g => g.Name == "a").Optional);

    [Fact]
    public void The_PCRE_end_anchor_is_the_end_or_just_before_a_final_newline()
    {
        var pattern = Read(@"^(?<a>\w+)$").Canonical;
        Assert.Equal(@"^(\w+)\n?$", pattern);
        Assert.Equal("ab", Regex.Match("ab\n", pattern).Groups[1].Value);
        Assert.Equal(@"^(\w+)\n?$", Read(@"^(?<a>\w+)\Z").Canonical);
        Assert.Equal(@"(?m)^(\w+)$", Read(@"(?m)^(?<a>\w+)$").Canonical);
        Assert.Equal(@"[$](x)\$", Read(@"[$](?<a>x)\$").Canonical);
    }

    [Theory]
    [InlineData(@"(?<a>\w+)\1", 9, "backreference")]
    [InlineData(@"(?<a>\w+)\k<a>", 9, "backreference")]
    [InlineData(@"(?<a>x)(?=y)", 7, "lookahead")]
    [InlineData(@"(?<=y)(?<a>x)", 0, "lookbehind")]
    [InlineData(@"(?<a>(?>x+))", 5, "atomic")]
    [InlineData(@"(?<a>x*+)", 7, "possessive")]
    [InlineData(@"(?<a>x)\K", 7, @"\K")]
    [InlineData(@"(?<a>\Qa.b\E)", 5, "quoting")]
    [InlineData(@"(?<a>\h+)", 5, @"\h")]
    [InlineData(@"(?<a>\p{L}+)", 5, "Unicode property")]
    [InlineData(@"(?<a>[[:alpha:]]+)", 6, "POSIX")]
    [InlineData(@"(?x)(?<a>x)", 0, "flag x")]
    [InlineData(@"(?|(?<a>x)|(?<a>y))", 0, "branch reset")]
    [InlineData(@"(?<a>x(?R)?)", 6, "recursion")]
    [InlineData(@"(?<a>x)(*SKIP)", 7, "verb")]
    [InlineData(@"(?<a>x$)", 6, "end anchor inside a capturing group")]
    [InlineData(@"a(?m)(?<a>x)", 1, "flag m")]
    [InlineData(@"(?<a>x{,3})", 6, "{,n}")]
    [InlineData(@"(?<a>x", 0, "closing ')'")]
    public void PCRE_syntax_outside_the_dialect_is_refused_at_its_index(string pcre, int index, string says)
    {
        var problem = Problem(pcre);
        Assert.Equal(index, problem.Index);
        Assert.Contains(says, problem.Message, StringComparison.Ordinal);
    }
}
