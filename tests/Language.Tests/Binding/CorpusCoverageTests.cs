using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Compiler.Language.Syntax;
using Xunit;

namespace RuleCompiler.Language.Tests.Binding;

/// <summary>
/// Every corpus fixture (tests/Language.Tests/CorpusQueries/*.yml: a real ESCU or Sentinel AWS rule rewritten in
/// the language) parses and binds against the repository's data sources with no diagnostic at all; and a misspelt
/// source field in each gives RC2501 with the right suggestion at the misspelling's line and column in the file.
/// </summary>
public class CorpusCoverageTests
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.Root, "tests", "Language.Tests", "CorpusQueries");

    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Folder, "*.yml").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(file));
        return data;
    }

    [Fact]
    public void There_are_at_least_forty_fixtures() => Assert.True(Fixtures().Count >= 40, $"only {Fixtures().Count} corpus fixtures");

    [SharedCorpusFact]
    public void Every_fixture_names_a_real_corpus_rule()
    {
        var corpus = Path.Combine(RepositoryPaths.Shared!, "corpus");
        var sources = Directory.EnumerateFiles(Folder, "*.yml").Select(Path.GetFileName).OfType<string>()
            .Select(name => TestYaml.ScalarOf(TestYaml.Root(File.ReadAllText(Path.Combine(Folder, name))), "source").Value)
            .ToList();
        Assert.All(sources, source => Assert.True(File.Exists(Path.Combine(corpus, source)), $"{source} is not in ../shared/corpus"));
        Assert.True(sources.Distinct().Count() >= 40, $"only {sources.Distinct().Count()} distinct corpus rules");
        Assert.Contains(sources, s => s.StartsWith("splunk/security_content/", StringComparison.Ordinal));
        Assert.Contains(sources, s => s.StartsWith("Azure/Azure-Sentinel/", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_parses_and_binds_without_diagnostics(string name)
    {
        var fixture = Fixture.Load(Path.Combine(Folder, name));
        var bound = fixture.Bind();
        Assert.True(bound.Diagnostics.IsEmpty, string.Join("\n", bound.Diagnostics.Select(fixture.Render)));
        Assert.NotEmpty(bound.OutputColumns);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Misspelt_field_is_reported_at_its_line_and_column_with_a_suggestion(string name)
    {
        var fixture = Fixture.Load(Path.Combine(Folder, name));
        var bound = fixture.Bind();
        var target = SyntaxWalker.Expressions(bound.Syntax).OfType<FieldExpression>()
            .FirstOrDefault(f => f.Path[0] is MemberSegment { Quoted: false, Name.Length: >= 2 } member
                && member.Name.Distinct().Count() > 1
                && bound.FieldOf(f) is { Kind: ResolvedFieldKind.Column, Column.Origin: ColumnOrigin.SourceField });
        Assert.NotNull(target);
        var segment = (MemberSegment)target.Path[0];
        var expectedSuggestion = bound.FieldOf(target)!.ColumnName;
        var (line, column) = fixture.Map.GetPosition(segment.Span.Start);

        var mutated = Fixture.FromText(fixture.Path, fixture.MutateAt(segment.Span.Start, segment.Name));
        var result = mutated.Bind();
        // Later references to a column derived from the field may fail too; the first error is the misspelling.
        var diagnostic = result.Diagnostics.Where(d => d.Code == BindingCodes.UnknownField).MinBy(d => d.Span.Start);
        Assert.NotNull(diagnostic);
        var placed = diagnostic.ToDiagnostic(span => mutated.ToSourceSpan(span));
        Assert.Equal((line, column), (placed.Span.Line, placed.Span.Column));
        Assert.Contains($"did you mean '{expectedSuggestion}", diagnostic.Message);
    }
}
