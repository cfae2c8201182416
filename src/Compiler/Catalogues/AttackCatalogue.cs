using System.Collections.Frozen;
using System.Collections.Immutable;

namespace RuleCompiler.Compiler.Catalogues;

/// <summary>An ATT&amp;CK Enterprise tactic: <c>TA0002</c>, <c>execution</c>, <c>Execution</c>.</summary>
public sealed record AttackTactic(string Id, string ShortName, string Name);

/// <summary>A technique or sub-technique and the tactics (short names) it belongs to.</summary>
public sealed record AttackTechnique(string Id, string Name, ImmutableArray<string> Tactics);

/// <summary>
/// MITRE ATT&amp;CK Enterprise techniques and tactics, as facts: the embedded compact table (built by
/// tools/make_attack_catalogue.py) or MITRE's STIX bundle (<see cref="StixAttackCatalogueReader"/>). Revoked and
/// deprecated ids are remembered so a rule using one gets a specific error.
/// </summary>
public sealed class AttackCatalogue
{
    private static readonly Lazy<AttackCatalogue> BuiltIn = new(LoadEmbedded);

    private readonly FrozenDictionary<string, AttackTechnique> techniques;
    private readonly FrozenDictionary<string, string> inactive;
    private readonly FrozenDictionary<string, AttackTactic> tactics;

    public AttackCatalogue(IEnumerable<AttackTechnique> techniques, IEnumerable<(string Id, string Status)> inactive, IEnumerable<AttackTactic> tactics)
    {
        this.techniques = techniques.ToFrozenDictionary(t => t.Id, StringComparer.Ordinal);
        this.inactive = inactive.Where(i => !this.techniques.ContainsKey(i.Id)).DistinctBy(i => i.Id).ToFrozenDictionary(i => i.Id, i => i.Status, StringComparer.Ordinal);
        this.tactics = tactics.ToFrozenDictionary(t => t.ShortName, StringComparer.Ordinal);
    }

    /// <summary>The catalogue shipped with the compiler.</summary>
    public static AttackCatalogue Default => BuiltIn.Value;

    public int TechniqueCount => techniques.Count;

    public AttackTechnique? Find(string id) => techniques.GetValueOrDefault(id);

    /// <summary>"revoked" or "deprecated" when MITRE retired the id, else null.</summary>
    public string? InactiveStatus(string id) => inactive.GetValueOrDefault(id);

    public AttackTactic? Tactic(string shortName) => tactics.GetValueOrDefault(shortName);

    /// <summary>The tactics of the given techniques, once each, in ATT&amp;CK's tactic order (by TA id).</summary>
    public ImmutableArray<AttackTactic> TacticsOf(IEnumerable<string> techniqueIds) =>
    [
        .. techniqueIds.Select(Find).OfType<AttackTechnique>()
            .SelectMany(t => t.Tactics).Distinct()
            .Select(Tactic).OfType<AttackTactic>()
            .OrderBy(t => t.Id, StringComparer.Ordinal),
    ];

    private static AttackCatalogue LoadEmbedded()
    {
        var tactics = EmbeddedData.ReadTsv("attack-tactics.tsv").Select(r => new AttackTactic(r[0], r[1], r[2])).ToList();
        var rows = EmbeddedData.ReadTsv("attack-techniques.tsv").ToList();
        var active = rows.Where(r => r[3] == "active")
            .Select(r => new AttackTechnique(r[0], r[1], [.. r[2].Split(',', StringSplitOptions.RemoveEmptyEntries)]));
        var retired = rows.Where(r => r[3] != "active").Select(r => (r[0], r[3]));
        return new AttackCatalogue(active, retired, tactics);
    }

    /// <summary>The tactics of the embedded table, for catalogues (STIX bundles) that do not list them.</summary>
    internal static IEnumerable<AttackTactic> EmbeddedTactics() => BuiltIn.Value.tactics.Values;
}
