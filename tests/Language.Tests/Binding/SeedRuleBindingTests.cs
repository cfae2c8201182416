using RuleCompiler.Compiler.Compilation;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Syntax;
using RuleCompiler.Compiler.Loading;
using Xunit;

namespace RuleCompiler.Language.Tests.Binding;

/// <summary>
/// The repository's rules (the five seeds) end to end through the loader, parser, binder and output-column checks
/// (<see cref="RuleSetCompiler"/>): no diagnostics; and a misspelt field in a copy of a seed rule is reported in
/// that rule file at the misspelling's line and column, with a suggestion.
/// </summary>
public class SeedRuleBindingTests
{
    private static readonly string Rules = Path.Combine(RepositoryPaths.Root, "rules");

    private static readonly Lazy<CompilationResult> Compiled = new(() => RuleSetCompiler.Compile(RuleRepository.Load(Rules)));

    public static TheoryData<string> SeedRules()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Rules, "aws"), "*.yml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(Rules, file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SeedRules))]
    public void Seed_rule_compiles_without_diagnostics(string relative)
    {
        var path = Path.Combine(Rules, relative);
        var result = Compiled.Value;
        Assert.Empty(result.Diagnostics.Where(d => d.Span.Path == path).Select(d => d.ToString()));
        var rule = Assert.Single(result.Rules, r => r.Rule.Path == path);
        Assert.NotEmpty(rule.Query.OutputColumns);
    }

    [Theory]
    [MemberData(nameof(SeedRules))]
    public void Misspelt_field_in_a_seed_rule_is_reported_in_the_rule_file(string relative)
    {
        var original = Assert.Single(Compiled.Value.Rules, r => r.Rule.Path == Path.Combine(Rules, relative)).Query;
        var target = SyntaxWalker.Expressions(original.Syntax).OfType<FieldExpression>()
            .First(f => f.Path[0] is MemberSegment { Quoted: false } member && member.Name.Distinct().Count() > 1
                && original.FieldOf(f) is { Kind: ResolvedFieldKind.Column, Column.Origin: ColumnOrigin.SourceField });
        var name = ((MemberSegment)target.Path[0]).Name;

        var copy = Directory.CreateTempSubdirectory("rulec-binder-");
        try
        {
            CopyFolder(Rules, copy.FullName);
            var file = Path.Combine(copy.FullName, relative);
            var text = File.ReadAllText(file);
            var (offset, line, column) = FirstToken(text, name, text.IndexOf("\nsearch:", StringComparison.Ordinal));
            var i = Enumerable.Range(0, name.Length - 1).First(k => name[k] != name[k + 1]);
            var swapped = name[..i] + name[i + 1] + name[i] + name[(i + 2)..];
            File.WriteAllText(file, text[..offset] + swapped + text[(offset + name.Length)..]);

            var result = RuleSetCompiler.Compile(RuleRepository.Load(copy.FullName));
            var diagnostic = result.Diagnostics.Where(d => d.Code == BindingCodes.UnknownField && d.Span.Path == file)
                .MinBy(d => (d.Span.Line, d.Span.Column));
            Assert.NotNull(diagnostic);
            Assert.Equal((line, column), (diagnostic.Span.Line, diagnostic.Span.Column));
            Assert.Contains($"did you mean '{original.FieldOf(target)!.ColumnName}", diagnostic.Message);
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    /// <summary>The first whole-word occurrence of <paramref name="name"/> after <paramref name="from"/>: offset, line, column.</summary>
    private static (int Offset, int Line, int Column) FirstToken(string text, string name, int from)
    {
        for (var at = text.IndexOf(name, from, StringComparison.Ordinal); at >= 0; at = text.IndexOf(name, at + 1, StringComparison.Ordinal))
        {
            var before = at == 0 ? ' ' : text[at - 1];
            var after = at + name.Length < text.Length ? text[at + name.Length] : ' ';
            if (char.IsLetterOrDigit(before) || before is '_' or '.' || char.IsLetterOrDigit(after) || after == '_') continue;
            var line = text[..at].Count(c => c == '\n') + 1;
            return (at, line, at - (text.LastIndexOf('\n', at - 1) + 1) + 1);
        }
        throw new InvalidOperationException($"'{name}' not found in the search");
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
