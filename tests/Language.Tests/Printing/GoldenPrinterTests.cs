using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Compiler.Language.Printing;
using RuleCompiler.Compiler.Language.Syntax;
using RuleCompiler.Language.Tests.Parsing;
using Xunit;

namespace RuleCompiler.Language.Tests.Printing;

/// <summary>
/// Printing/Golden/CASE.input.rcq printed canonically must equal CASE.expected.rcq. Set
/// RULECOMPILER_UPDATE_GOLDEN=1 to rewrite the expected files after a deliberate change (then review the diff).
/// </summary>
public class GoldenPrinterTests
{
    private static string Folder => TestFiles.Folder("Printing", "Golden");

    public static TheoryData<string> Cases() =>
        [.. Directory.EnumerateFiles(Folder, "*.input.rcq").Select(f => Path.GetFileName(f)[..^".input.rcq".Length]).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Input_prints_as_expected(string name)
    {
        var input = File.ReadAllText(Path.Combine(Folder, name + ".input.rcq"));
        var parsed = QueryParser.Parse(input);
        Assert.True(parsed.Diagnostics.IsEmpty, string.Join("\n", parsed.Diagnostics));
        var printed = QueryPrinter.Print(parsed.Query!) + "\n";

        var expectedPath = Path.Combine(Folder, name + ".expected.rcq");
        if (Environment.GetEnvironmentVariable("RULECOMPILER_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(expectedPath, printed);
        }

        Assert.Equal(File.ReadAllText(expectedPath).ReplaceLineEndings("\n"), printed);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Expected_output_is_a_fixed_point_with_the_same_tree(string name)
    {
        var input = QueryParser.Parse(File.ReadAllText(Path.Combine(Folder, name + ".input.rcq"))).Query;
        var expectedText = File.ReadAllText(Path.Combine(Folder, name + ".expected.rcq"));
        var expected = QueryParser.Parse(expectedText).Query;
        Assert.NotNull(expected);
        Assert.True(SyntaxEquality.Equals(input, expected), SyntaxEquality.FindDifference(input, expected));
        Assert.Equal(expectedText.ReplaceLineEndings("\n"), QueryPrinter.Print(expected) + "\n");
    }
}
