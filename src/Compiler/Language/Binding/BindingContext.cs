using System.Collections.Immutable;
using RuleCompiler.Compiler.Language.Syntax;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Compiler.Language.Binding;

/// <summary>A fragment (rules/fragments/NAME.yml) with its stages text already parsed.</summary>
public sealed record ParsedFragment(Fragment Definition, ImmutableArray<Stage> Stages)
{
    public string Name => Definition.Name;
}

/// <summary>
/// What a query binds against: the rule's data source, the repository's named lists and fragments, and where the
/// query's text lives (so bound nodes carry file positions).
/// </summary>
public sealed record BindingContext(
    DataSource DataSource,
    ImmutableDictionary<string, NamedList> Lists,
    ImmutableDictionary<string, ParsedFragment> Fragments,
    QuerySourceLocator Locator)
{
    public static BindingContext For(DataSource dataSource, IEnumerable<NamedList>? lists = null, IEnumerable<ParsedFragment>? fragments = null, QuerySourceLocator? locator = null) =>
        new(dataSource,
            (lists ?? []).GroupBy(l => l.Name, StringComparer.Ordinal).ToImmutableDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal),
            (fragments ?? []).GroupBy(f => f.Name, StringComparer.Ordinal).ToImmutableDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal),
            locator ?? QuerySourceLocator.ForText("<search>", ""));

    /// <summary>The repository's lookup tables (rules/tables/), by name, that <c>table(name)</c> reads.</summary>
    public ImmutableDictionary<string, LookupTable> Tables { get; init; } = ImmutableDictionary<string, LookupTable>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>This context with the given tables (the first of each name).</summary>
    public BindingContext WithTables(IEnumerable<LookupTable> tables) => this with
    {
        Tables = tables.GroupBy(t => t.Name, StringComparer.Ordinal).ToImmutableDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal),
    };
}
