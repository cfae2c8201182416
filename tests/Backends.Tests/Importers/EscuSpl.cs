using RuleCompiler.Backends.Tests.CSharp;
using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Importers.Escu;
using Xunit;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary>One SPL search translated with the project's data sources and lists: its canonical text, its run on events, a refusal.</summary>
internal static class EscuSpl
{
    public static SplTranslation Translate(string spl) => SplQueryTranslator.Translate(spl, EscuScratch.Context);

    /// <summary>The canonical search; a search that does not translate fails the test with its diagnostics.</summary>
    public static string Search(string spl)
    {
        var result = Translate(spl);
        Assert.True(result.Search is not null, string.Join("\n", result.Diagnostics));
        return result.Search!;
    }

    /// <summary>The output rows of the canonical search run by the C# backend on the events, as text.</summary>
    public static List<string> Run(string spl, string[] events) => [.. RuleHarness.Run(QueryParser.Parse(Search(spl)).Query!, events).Select(RuleHarness.Text)];

    /// <summary>Asserts the search does not translate, with one diagnostic of the code at the column (line 1) saying the text.</summary>
    public static void Refused(string spl, string code, int column, string says)
    {
        var result = Translate(spl);
        Assert.Null(result.Search);
        var diagnostic = Assert.Single(result.Diagnostics, d => d.Code == code);
        Assert.Equal((1, column), (diagnostic.Span.Line, diagnostic.Span.Column));
        Assert.Contains(says, diagnostic.Message, StringComparison.Ordinal);
    }
}
