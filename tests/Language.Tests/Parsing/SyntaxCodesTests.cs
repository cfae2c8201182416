using System.Reflection;
using RuleCompiler.Compiler.Language.Parsing;
using Xunit;

namespace RuleCompiler.Language.Tests.Parsing;

public class SyntaxCodesTests
{
    private static IEnumerable<string> Codes() => typeof(SyntaxCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (string)f.GetValue(null)!);

    [Fact]
    public void Codes_are_distinct_and_in_the_syntax_range()
    {
        var codes = Codes().ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes, code => Assert.InRange(int.Parse(code[2..]), 2000, 2499));
    }

    [Fact]
    public void Every_code_has_a_row_in_docs_diagnostics()
    {
        var doc = File.ReadAllText(Path.Combine(TestFiles.RepositoryRoot, "docs", "diagnostics.md"));
        Assert.All(Codes(), code => Assert.Contains($"| {code} |", doc));
    }
}
