using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Loading;
using RuleCompiler.Compiler.Semantics;
using RuleCompiler.Compiler.Yaml;
using Xunit;

namespace RuleCompiler.Language.Tests.Binding;

/// <summary>
/// The repository's rules (the five seeds) end to end through the loader, the parser and the binder: no
/// diagnostics, every column the rule's entities, risk message and alert name is an output column, and a
/// misspelt field is reported in the rule file at the misspelling's line and column, with a suggestion.
/// </summary>
public class SeedRuleBindingTests
{
    public static TheoryData<string> Rules()
    {
        var data = new TheoryData<string>();
        var folder = Path.Combine(RepositoryPaths.Root, "rules", "aws");
        foreach (var file in Directory.EnumerateFiles(folder, "*.yml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepositoryPaths.Root, file));
        }
        return data;
    }

    private static SearchBindingResult Bind(string path, string text)
    {
        var document = DocumentLoader.LoadRule(YamlLoader.LoadText(path, text));
        Assert.True(document.Model is not null, string.Join("\n", document.Diagnostics));
        var rule = document.Model!;
        return SearchBinding.Bind(path, rule.Search, RepositoryBinding.For(rule.DataSource.Value));
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Seed_rule_binds_and_its_columns_exist(string relative)
    {
        var path = Path.Combine(RepositoryPaths.Root, relative);
        var result = Bind(path, File.ReadAllText(path));
        Assert.True(result.Diagnostics.IsEmpty, string.Join("\n", result.Diagnostics));
        var rule = DocumentLoader.LoadRule(path).Model!;
        var unknown = OutputColumnChecks.Check(rule, result.OutputColumnNames).ToList();
        Assert.True(unknown.Count == 0, string.Join("\n", unknown));
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Misspelt_field_in_a_seed_rule_is_reported_in_the_rule_file(string relative)
    {
        var path = Path.Combine(RepositoryPaths.Root, relative);
        var text = File.ReadAllText(path);
        var rule = DocumentLoader.LoadRule(path).Model!;
        var bound = Bind(path, text).Bound!;
        var target = SyntaxWalker.Expressions(bound.Syntax).OfType<Compiler.Language.Syntax.FieldExpression>()
            .First(f => f.Path[0] is Compiler.Language.Syntax.MemberSegment { Quoted: false } member && member.Name.Distinct().Count() > 1
                && bound.FieldOf(f) is { Kind: ResolvedFieldKind.Column, Column.Origin: ColumnOrigin.SourceField });
        var name = ((Compiler.Language.Syntax.MemberSegment)target.Path[0]).Name;
        var (line, column) = SearchBinding.MapOf(rule.Search).GetPosition(target.Path[0].Span.Start);

        var lines = text.Split('\n');
        var row = lines[line - 1];
        Assert.Equal(name, row.Substring(column - 1, name.Length));
        var i = Enumerable.Range(0, name.Length - 1).First(k => name[k] != name[k + 1]);
        var swapped = name[..i] + name[i + 1] + name[i] + name[(i + 2)..];
        lines[line - 1] = row[..(column - 1)] + swapped + row[(column - 1 + name.Length)..];

        var result = Bind(path, string.Join('\n', lines));
        var diagnostic = result.Diagnostics.Where(d => d.Code == BindingCodes.UnknownField).MinBy(d => (d.Span.Line, d.Span.Column));
        Assert.NotNull(diagnostic);
        Assert.Equal((path, line, column), (diagnostic.Span.Path, diagnostic.Span.Line, diagnostic.Span.Column));
        Assert.Contains($"did you mean '{bound.FieldOf(target)!.ColumnName}", diagnostic.Message);
    }
}
