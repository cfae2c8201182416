using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Functions;
using RuleCompiler.Compiler.Language.Syntax;
using Xunit;

namespace RuleCompiler.Language.Tests.Binding;

/// <summary>docs/language.md must list exactly the catalogue's functions and every binder diagnostic code.</summary>
public class LanguageReferenceTests
{
    private static readonly string Reference = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "language.md")).ReplaceLineEndings("\n");

    [Theory]
    [InlineData(FunctionKind.Scalar, "scalar-functions")]
    [InlineData(FunctionKind.Aggregate, "aggregate-functions")]
    public void Function_tables_match_the_catalogue(FunctionKind kind, string marker)
    {
        var begin = $"<!-- {marker}:begin -->\n";
        var end = $"<!-- {marker}:end -->";
        var start = Reference.IndexOf(begin, StringComparison.Ordinal);
        var stop = Reference.IndexOf(end, StringComparison.Ordinal);
        Assert.True(start >= 0 && stop > start, $"docs/language.md lacks the {marker} markers");
        var documented = Reference[(start + begin.Length)..stop];
        var expected = FunctionReference.Table(kind);
        if (documented != expected)
        {
            var file = Path.Combine(Path.GetTempPath(), $"{marker}.md");
            File.WriteAllText(file, expected);
            Assert.Fail($"the {marker} table in docs/language.md is out of date; the current table is in {file}");
        }
    }

    [Fact]
    public void Every_binding_code_is_documented()
    {
        var codes = typeof(BindingCodes).GetFields().Select(f => (string)f.GetValue(null)!).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes, code => Assert.Contains($"| {code} |", Reference));
    }

    [Fact]
    public void Every_reserved_word_is_listed()
    {
        var start = Reference.IndexOf("**Reserved words**", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/language.md lacks the reserved words");
        var paragraph = Reference[start..Reference.IndexOf("\n- ", start, StringComparison.Ordinal)];
        Assert.All(SyntaxFacts.ReservedWordList, word => Assert.Contains($"`{word}`", paragraph));
    }
}
