using System.Collections.Immutable;
using System.Text.Json;

namespace RuleCompiler.Compiler.Catalogues;

/// <summary>
/// Reads MITRE's STIX 2.1 bundle (enterprise-attack.json from github.com/mitre-attack/attack-stix-data): objects
/// of type attack-pattern whose external reference with source_name mitre-attack carries the technique id, and
/// whose kill_chain_phases (kill_chain_name mitre-attack) name the tactics; x-mitre-tactic objects give tactic ids
/// and names. Revoked and x_mitre_deprecated techniques are kept only as retired ids.
/// </summary>
public static class StixAttackCatalogueReader
{
    /// <summary>The catalogue, or an error message saying why the file is not a usable bundle.</summary>
    public static (AttackCatalogue? Catalogue, string? Error) Read(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 256 });
            return Read(document.RootElement);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or ArgumentException or NotSupportedException)
        {
            return (null, $"cannot read the ATT&CK bundle: {e.Message}");
        }
    }

    private static (AttackCatalogue? Catalogue, string? Error) Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("objects", out var objects) || objects.ValueKind != JsonValueKind.Array)
        {
            return (null, "not a STIX bundle: no 'objects' array");
        }

        var techniques = new List<AttackTechnique>();
        var retired = new List<(string, string)>();
        var tactics = new List<AttackTactic>();
        foreach (var item in objects.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var type = String(item, "type");
            if (type == "x-mitre-tactic" && MitreId(item) is { } tacticId && String(item, "x_mitre_shortname") is { } shortName)
            {
                tactics.Add(new AttackTactic(tacticId, shortName, String(item, "name") ?? shortName));
            }
            else if (type == "attack-pattern" && MitreId(item) is { } id)
            {
                if (Bool(item, "revoked"))
                {
                    retired.Add((id, "revoked"));
                }
                else if (Bool(item, "x_mitre_deprecated"))
                {
                    retired.Add((id, "deprecated"));
                }
                else
                {
                    techniques.Add(new AttackTechnique(id, String(item, "name") ?? id, Phases(item)));
                }
            }
        }

        if (techniques.Count == 0)
        {
            return (null, "the bundle holds no ATT&CK techniques (attack-pattern objects with a mitre-attack external id)");
        }

        return (new AttackCatalogue(techniques, retired, tactics.Count > 0 ? tactics : AttackCatalogue.EmbeddedTactics()), null);
    }

    private static string? MitreId(JsonElement item)
    {
        if (!item.TryGetProperty("external_references", out var references) || references.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        return references.EnumerateArray()
            .Where(r => r.ValueKind == JsonValueKind.Object && String(r, "source_name") == "mitre-attack")
            .Select(r => String(r, "external_id"))
            .FirstOrDefault(id => id is not null);
    }

    private static ImmutableArray<string> Phases(JsonElement item) =>
        item.TryGetProperty("kill_chain_phases", out var phases) && phases.ValueKind == JsonValueKind.Array
            ? [.. phases.EnumerateArray()
                .Where(p => p.ValueKind == JsonValueKind.Object && String(p, "kill_chain_name") == "mitre-attack")
                .Select(p => String(p, "phase_name")).OfType<string>().Distinct()]
            : [];

    private static string? String(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Bool(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
