using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Compiler.Language.Syntax;
using Xunit;

namespace RuleCompiler.Language.Tests.Binding;

/// <summary>A corpus fixture file: <c>source:</c>, <c>data_source:</c>, <c>search: |</c>.</summary>
internal sealed record Fixture(string Path, string FileText, string DataSource, string Search, SearchSourceMap Map)
{
    public static Fixture Load(string path) => FromText(path, File.ReadAllText(path));

    public static Fixture FromText(string path, string text)
    {
        var root = TestYaml.Root(text);
        var search = TestYaml.ScalarOf(root, "search");
        var dataSource = TestYaml.ScalarOf(root, "data_source").Value;
        return new Fixture(path, text, dataSource, search.Value, SearchSourceMap.Create(search.Value, search.Style, text, search.Line, search.Column));
    }

    public BoundQuery Bind()
    {
        var parsed = QueryParser.Parse(Search);
        Assert.True(parsed.Query is not null && parsed.Diagnostics.IsEmpty,
            string.Join("\n", parsed.Diagnostics.Select(d => d.ToDiagnostic(Path, Map).ToString())));
        return QueryBinder.Bind(parsed.Query!, RepositoryBinding.For(DataSource));
    }

    public SourceSpan ToSourceSpan(TextSpan span)
    {
        var (line, column) = Map.GetPosition(span.Start);
        var (endLine, endColumn) = Map.GetPosition(span.End);
        return new SourceSpan(Path, line, column, endLine, endColumn);
    }

    public string Render(BindDiagnostic diagnostic) =>
        diagnostic.Fragment is null ? diagnostic.ToDiagnostic(ToSourceSpan).ToString() : $"{Path}: in fragment {diagnostic}";

    /// <summary>The file text with two differing adjacent letters of the name at query offset <paramref name="start"/> swapped.</summary>
    public string MutateAt(int start, string name)
    {
        var (line, column) = Map.GetPosition(start);
        var offset = OffsetOf(line, column);
        Assert.Equal(name, FileText.Substring(offset, name.Length));
        var i = Enumerable.Range(0, name.Length - 1).First(k => name[k] != name[k + 1]);
        var chars = FileText.ToCharArray();
        (chars[offset + i], chars[offset + i + 1]) = (chars[offset + i + 1], chars[offset + i]);
        return new string(chars);
    }

    private int OffsetOf(int line, int column)
    {
        var offset = 0;
        for (var current = 1; current < line; current++) offset = FileText.IndexOf('\n', offset) + 1;
        return offset + column - 1;
    }
}
