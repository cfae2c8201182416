using System.Collections.Frozen;
using System.Collections.Immutable;

namespace RuleCompiler.Compiler.Catalogues;

/// <summary>
/// A Sentinel entity type, its identifiers, and the identifier sets of which a mapping must include at least one
/// whole set (e.g. FileHash needs both Algorithm and Value).
/// </summary>
public sealed record EntityType(string Name, ImmutableArray<string> Identifiers, ImmutableArray<ImmutableArray<string>> RequiredIdentifierSets);

/// <summary>Microsoft Sentinel's entity types (embedded from src/Compiler/Data/sentinel-entities.tsv).</summary>
public static class EntityCatalogue
{
    private static readonly Lazy<FrozenDictionary<string, EntityType>> Types = new(() => EmbeddedData.ReadTsv("sentinel-entities.tsv")
        .Select(r => new EntityType(r[0], [.. r[1].Split(',')], [.. r[2].Split('|').Select(set => set.Split('+').ToImmutableArray())]))
        .ToFrozenDictionary(t => t.Name, StringComparer.Ordinal));

    public static IEnumerable<EntityType> All => Types.Value.Values.OrderBy(t => t.Name, StringComparer.Ordinal);

    public static EntityType? Find(string name) => Types.Value.GetValueOrDefault(name);

    /// <summary>At most this many entity mappings per rule, and identifiers per entity (Sentinel's limits).</summary>
    public const int MaxEntities = 5;

    public const int MaxIdentifiers = 3;
}
