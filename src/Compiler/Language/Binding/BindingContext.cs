using System.Collections.Immutable;
using RuleCompiler.Compiler.Language.Syntax;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Compiler.Language.Binding;

/// <summary>A fragment (rules/fragments/NAME.yml) with its stages text already parsed.</summary>
public sealed record ParsedFragment(Fragment Definition, ImmutableArray<Stage> Stages)
{
    public string Name => Definition.Name;
}

/// <summary>What a query binds against: the rule's data source, the repository's named lists and fragments.</summary>
public sealed record BindingContext(
    DataSource DataSource,
    ImmutableDictionary<string, NamedList> Lists,
    ImmutableDictionary<string, ParsedFragment> Fragments)
{
    public static BindingContext For(DataSource dataSource, IEnumerable<NamedList>? lists = null, IEnumerable<ParsedFragment>? fragments = null) =>
        new(dataSource,
            (lists ?? []).ToImmutableDictionary(l => l.Name, StringComparer.Ordinal),
            (fragments ?? []).ToImmutableDictionary(f => f.Name, StringComparer.Ordinal));
}
