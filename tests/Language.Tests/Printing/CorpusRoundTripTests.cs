using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Compiler.Language.Printing;
using RuleCompiler.Compiler.Language.Syntax;
using RuleCompiler.Language.Tests.Parsing;
using Xunit;

namespace RuleCompiler.Language.Tests.Printing;

/// <summary>
/// The round trip on real queries: every corpus fixture (CorpusQueries/*.yml, rewritten from public rules) and every
/// rule and fragment under rules/ prints to text that parses back to the same tree, and printing is a fixed point.
/// </summary>
public class CorpusRoundTripTests
{
    public static TheoryData<string> Searches()
    {
        var corpus = Directory.EnumerateFiles(TestFiles.Folder("CorpusQueries"), "*.yml");
        var rules = Directory.EnumerateFiles(Path.Combine(TestFiles.RepositoryRoot, "rules"), "*.yml", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("\nsearch:", StringComparison.Ordinal));
        return [.. corpus.Concat(rules).Select(f => Path.GetRelativePath(TestFiles.RepositoryRoot, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];
    }

    [Fact]
    public void There_are_real_queries_to_round_trip()
    {
        Assert.True(Searches().Count >= 45);
    }

    [Theory]
    [MemberData(nameof(Searches))]
    public void Real_query_round_trips(string file)
    {
        var text = YamlSearchScalar.Read(File.ReadAllText(Path.Combine(TestFiles.RepositoryRoot, file))).Value;
        var parsed = QueryParser.Parse(text);
        Assert.True(parsed.Diagnostics.IsEmpty, string.Join("\n", parsed.Diagnostics));

        var printed = QueryPrinter.Print(parsed.Query!);
        var reparsed = QueryParser.Parse(printed);
        Assert.True(reparsed.Diagnostics.IsEmpty, $"{printed}\n{string.Join("\n", reparsed.Diagnostics)}");
        Assert.True(SyntaxEquality.Equals(parsed.Query, reparsed.Query), $"{printed}\n{SyntaxEquality.FindDifference(parsed.Query, reparsed.Query)}");
        Assert.Equal(printed, QueryPrinter.Print(reparsed.Query!));
    }

    [Fact]
    public void Fragment_stages_round_trip()
    {
        var fragments = Directory.EnumerateFiles(Path.Combine(TestFiles.RepositoryRoot, "rules", "fragments"), "*.yml").ToList();
        Assert.NotEmpty(fragments);
        foreach (var file in fragments)
        {
            var stages = StagesScalar(File.ReadAllText(file));
            var parsed = QueryParser.ParseStages(stages);
            Assert.True(parsed.Diagnostics.IsEmpty, $"{file}: {string.Join("\n", parsed.Diagnostics)}");
            var printed = QueryPrinter.Print(parsed.Value!);
            var reparsed = QueryParser.ParseStages(printed);
            Assert.True(SyntaxEquality.Equals(parsed.Value, reparsed.Value), $"{printed}\n{SyntaxEquality.FindDifference(parsed.Value, reparsed.Value)}");
        }
    }

    private static string StagesScalar(string fileText)
    {
        var parser = new YamlDotNet.Core.Parser(new StringReader(fileText));
        var afterKey = false;
        while (parser.MoveNext())
        {
            if (parser.Current is YamlDotNet.Core.Events.Scalar scalar)
            {
                if (afterKey)
                {
                    return scalar.Value;
                }

                afterKey = scalar.Value == "stages";
            }
        }

        throw new InvalidOperationException("no 'stages' key");
    }
}
