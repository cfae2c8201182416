using System.Collections.Immutable;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Compiler.Loading;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Language.Tests.Binding;

/// <summary>The repository's rules/data_sources, rules/lists and rules/fragments, loaded once, as binding contexts.</summary>
internal static class RepositoryBinding
{
    private static readonly Lazy<ImmutableDictionary<string, BindingContext>> Contexts = new(Load);

    public static BindingContext For(string dataSource) =>
        Contexts.Value.TryGetValue(dataSource, out var context)
            ? context
            : throw new InvalidOperationException($"rules/data_sources/{dataSource}.yml not found");

    private static ImmutableDictionary<string, BindingContext> Load()
    {
        var rules = Path.Combine(RepositoryPaths.Root, "rules");
        var lists = Files(rules, "lists").Select(f => Model(DocumentLoader.LoadList(f))).ToList();
        var fragments = Files(rules, "fragments").Select(f => Parse(Model(DocumentLoader.LoadFragment(f)))).ToList();
        return Files(rules, "data_sources").Select(f => Model(DocumentLoader.LoadDataSource(f)))
            .ToImmutableDictionary(s => s.Name, s => BindingContext.For(s, lists, fragments.Where(f => f.Definition.DataSource == s.Name)));
    }

    private static T Model<T>(LoadedDocument<T> document)
        where T : class =>
        document.Model ?? throw new InvalidOperationException($"{document.Path}: {string.Join("; ", document.Diagnostics)}");

    private static ParsedFragment Parse(Fragment fragment)
    {
        var parsed = QueryParser.ParseStages(fragment.Stages.Text);
        return parsed.Value is { } pipeline
            ? new ParsedFragment(fragment, pipeline.Stages)
            : throw new InvalidOperationException($"fragment {fragment.Name}: {string.Join("; ", parsed.Diagnostics)}");
    }

    private static IEnumerable<string> Files(string rules, string folder)
    {
        var path = Path.Combine(rules, folder);
        return Directory.Exists(path) ? Directory.EnumerateFiles(path, "*.yml").Order(StringComparer.Ordinal) : [];
    }
}
