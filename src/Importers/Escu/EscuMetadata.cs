using System.Globalization;
using System.Text.RegularExpressions;
using RuleCompiler.Compiler.Catalogues;
using RuleCompiler.Compiler.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace RuleCompiler.Importers.Escu;

/// <summary>
/// ESCU metadata in the canonical form: ATT&amp;CK ids, tags, risk in the older <c>tags</c> form (impact, confidence,
/// message, observables) and the newer <c>rba</c> form (message, risk_objects, threat_objects), drilldowns as
/// Splunk text, references with the test-data (attack_data) locations. Keys the canonical form derives
/// (required_fields, risk_score) need no place; any other key without one is a warning (the rule is partial).
/// </summary>
internal sealed partial class EscuMetadata(EscuYaml yaml, AttackCatalogue attack, List<Diagnostic> diagnostics, System.Collections.Immutable.ImmutableArray<string>? outputColumns = null)
{
    private static readonly HashSet<string> TopLevel = new(StringComparer.Ordinal)
    {
        "name", "id", "version", "date", "author", "status", "type", "description", "data_source", "search", "how_to_implement",
        "known_false_positives", "references", "drilldown_searches", "tags", "tests", "rba",
    };

    // Tag keys carried by another canonical key or derived from it: risk_score is impact × confidence / 100, the
    // required fields are what the search reads.
    private static readonly HashSet<string> CarriedTags = new(StringComparer.Ordinal)
    {
        "mitre_attack_id", "observable", "impact", "confidence", "message", "risk_score", "required_fields", "cve",
    };

    private static readonly (string Escu, string Canonical)[] ListTags =
        [("kill_chain_phases", "kill_chain_phases"), ("nist", "nist"), ("cis20", "cis20"), ("analytic_story", "analytic_stories")];

    private static readonly HashSet<string> SecurityDomains = new(StringComparer.Ordinal) { "network", "endpoint", "threat", "identity", "access", "audit" };

    private YamlMappingNode? Tags => yaml.Child("tags") as YamlMappingNode;

    public CanonicalMap Build()
    {
        foreach (var (key, _) in yaml.Root.Children)
        {
            if (key is YamlScalarNode { Value: { } name } && !TopLevel.Contains(name))
            {
                Drop(key, $"the ESCU key '{name}' has no canonical key");
            }
        }

        var map = CanonicalMap.Empty;
        if (yaml.Scalar("how_to_implement") is { } howTo)
        {
            map = map.With("how_to_implement", howTo.TrimEnd());
        }

        if (CanonicalTags() is { Entries.Count: > 0 } tags)
        {
            map = map.With("tags", tags);
        }

        var (risk, entities) = yaml.Child("rba") is YamlMappingNode rba ? Rba(rba) : TagRisk();
        if (risk is not null)
        {
            map = map.With("risk", risk);
        }

        if (entities.Count > 0)
        {
            map = map.With("entities", new CanonicalList(entities));
        }

        if (Drilldowns() is { Count: > 0 } drilldowns)
        {
            map = map.With("drilldowns", new CanonicalList(drilldowns));
        }

        return map;
    }

    public List<string> Techniques()
    {
        var ids = new List<string>();
        if (Tags is null || EscuYaml.Child(Tags, "mitre_attack_id") is not YamlSequenceNode list)
        {
            return ids;
        }

        foreach (var node in list.Children.OfType<YamlScalarNode>())
        {
            var id = (node.Value ?? "").Trim().ToUpperInvariant();
            if (attack.Find(id) is null)
            {
                diagnostics.Add(Diagnostic.Warning(EscuDiagnosticCodes.UnknownAttackId, $"ATT&CK technique '{id}' is {attack.InactiveStatus(id) ?? "not in the catalogue"}; not carried across", yaml.SpanOf(node)));
            }
            else if (!ids.Contains(id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    public List<string> Cves() => Tags is null ? [] : [.. EscuYaml.Strings(EscuYaml.Child(Tags, "cve")).Select(c => c.ToUpperInvariant())];

    /// <summary>The rule's references, then the test data sets (attack_data) its tests replay, which have no other canonical place.</summary>
    public List<string> References()
    {
        var references = EscuYaml.Strings(yaml.Child("references"));
        if (yaml.Child("tests") is YamlSequenceNode tests)
        {
            foreach (var test in tests.Children.OfType<YamlMappingNode>())
            {
                if (EscuYaml.Child(test, "attack_data") is YamlSequenceNode data)
                {
                    references.AddRange(data.Children.OfType<YamlMappingNode>().Select(d => EscuYaml.Scalar(d, "data")).OfType<string>().Where(d => !references.Contains(d)));
                }
            }
        }

        return references;
    }

    private CanonicalMap CanonicalTags()
    {
        var result = CanonicalMap.Empty;
        if (Tags is not { } tags)
        {
            return result;
        }

        foreach (var (escu, canonical) in ListTags)
        {
            if (EscuYaml.Strings(EscuYaml.Child(tags, escu)) is { Count: > 0 } values)
            {
                result = result.With(canonical, new CanonicalList([.. values.Select(v => (CanonicalValue)v)]));
            }
        }

        if (EscuYaml.Scalar(tags, "asset_type") is { } asset)
        {
            result = result.With("asset_type", asset);
        }

        if (EscuYaml.Scalar(tags, "security_domain") is { } domain)
        {
            if (SecurityDomains.Contains(domain))
            {
                result = result.With("security_domain", domain);
            }
            else
            {
                Drop(EscuYaml.Child(tags, "security_domain")!, $"the security domain '{domain}' is not one of {string.Join(", ", SecurityDomains)}");
            }
        }

        if (EscuYaml.Strings(EscuYaml.Child(tags, "product")) is { Count: > 0 } products)
        {
            result = result.With("product", new CanonicalList([.. products.Select(v => (CanonicalValue)v)]));
        }

        foreach (var (key, _) in tags.Children)
        {
            var name = ((YamlScalarNode)key).Value ?? "";
            if (!CarriedTags.Contains(name) && ListTags.All(t => t.Escu != name) && name is not ("asset_type" or "security_domain" or "product"))
            {
                Drop(key, $"the ESCU tag '{name}' has no canonical key");
            }
        }

        return result;
    }

    // Older form: tags.impact, tags.confidence, tags.message and tags.observable (name, type, role).
    private (CanonicalMap? Risk, List<CanonicalValue> Entities) TagRisk()
    {
        if (Tags is not { } tags)
        {
            return (null, []);
        }

        CanonicalMap? risk = null;
        var impact = Number(tags, "impact");
        var confidence = Number(tags, "confidence");
        if (impact is not null && confidence is not null)
        {
            risk = CanonicalMap.Empty.With("impact", CanonicalScalar.Of(impact.Value)).With("confidence", CanonicalScalar.Of(confidence.Value));
            if (EscuYaml.Scalar(tags, "message") is { } message && CarriedMessage(EscuYaml.Child(tags, "message")!, message))
            {
                risk = risk.With("message", message);
            }
        }
        else if (EscuYaml.Child(tags, "message") is { } orphan)
        {
            Drop(orphan, "a risk message without both impact and confidence (0..100) has no canonical risk");
        }

        var entities = new List<CanonicalValue>();
        if (EscuYaml.Child(tags, "observable") is YamlSequenceNode observables)
        {
            foreach (var observable in observables.Children.OfType<YamlMappingNode>())
            {
                var name = EscuYaml.Scalar(observable, "name");
                var type = EscuYaml.Scalar(observable, "type");
                var attacker = EscuYaml.Strings(EscuYaml.Child(observable, "role")).Contains("Attacker");
                if (name is null || type is null || Observable(type, attacker) is not { } kind)
                {
                    Drop(observable, $"the observable '{name}' of type '{type}' has no canonical entity type");
                    continue;
                }

                AddEntity(entities, observable, name, Entity(kind, name, null));
            }
        }

        return (risk, entities);
    }

    // Newer form: rba.message, rba.risk_objects (field, type, score), rba.threat_objects (field, type). The rule's
    // impact is the highest object score with confidence 100, so impact × confidence / 100 gives that score.
    private (CanonicalMap? Risk, List<CanonicalValue> Entities) Rba(YamlMappingNode rba)
    {
        var entities = new List<CanonicalValue>();
        var scores = new List<long>();
        foreach (var (key, role) in new[] { ("risk_objects", "risk_object"), ("threat_objects", "threat_object") })
        {
            if (EscuYaml.Child(rba, key) is not YamlSequenceNode objects)
            {
                continue;
            }

            foreach (var item in objects.Children.OfType<YamlMappingNode>())
            {
                var field = EscuYaml.Scalar(item, "field");
                var type = EscuYaml.Scalar(item, "type");
                var score = Number(item, "score");
                var kind = field is null || type is null ? null : RbaObject(type, role);
                if (kind is null)
                {
                    Drop(item, $"the {role} '{field}' of type '{type}' has no canonical entity type");
                    continue;
                }

                if (score is not null)
                {
                    scores.Add(score.Value);
                }

                AddEntity(entities, item, field!, Entity(kind, field!, score));
            }
        }

        var risk = scores.Count > 0
            ? CanonicalMap.Empty.With("impact", CanonicalScalar.Of(scores.Max())).With("confidence", CanonicalScalar.Of(100))
            : null;
        if (risk is not null && EscuYaml.Scalar(rba, "message") is { } message && CarriedMessage(EscuYaml.Child(rba, "message")!, message))
        {
            risk = risk.With("message", message);
        }

        return (risk, entities);
    }

    /// <summary>
    /// Whether the risk message can be carried across: each <c>$field$</c> must name a column the search outputs. Splunk
    /// does not document what it writes for a field the results lack, so such a message is dropped with the reason.
    /// </summary>
    private bool CarriedMessage(YamlNode node, string message)
    {
        var missing = outputColumns is { } columns
            ? MessageField().Matches(message).Select(m => m.Groups[1].Value).Where(f => !columns.Contains(f, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList()
            : [];
        if (missing.Count == 0)
        {
            return true;
        }

        Drop(node, $"the risk message names {string.Join(", ", missing.Select(f => $"'{f}'"))}, which the search does not output, and Splunk does not document what it writes there");
        return false;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\$([A-Za-z_][A-Za-z0-9_.]*)\$")]
    private static partial System.Text.RegularExpressions.Regex MessageField();

    private void AddEntity(List<CanonicalValue> entities, YamlNode node, string field, CanonicalMap entity)
    {
        // Splunk raises no risk for a field the results lack; a canonical entity must name an output column.
        if (outputColumns is { } columns && !columns.Contains(field, StringComparer.Ordinal))
        {
            Drop(node, $"the entity field '{field}' is not a column the search outputs, so Splunk raises no risk for it");
            return;
        }

        if (entities.Count == 5)
        {
            Drop(node, "a rule has at most 5 entities; this one is not carried across");
            return;
        }

        entities.Add(entity);
    }

    private static CanonicalMap Entity(EntityKind kind, string field, long? score)
    {
        var entity = CanonicalMap.Empty
            .With("type", kind.Type)
            .With("identifiers", CanonicalMap.Empty.With(kind.Identifier, field))
            .With("role", kind.Role)
            .With("object_type", kind.ObjectType);
        return score is null ? entity : entity.With("score", CanonicalScalar.Of(score.Value));
    }

    // ESCU's observables: users, hosts and "Other" are risk objects; an attacker's address is a threat object, as
    // ESCU's build turns them into risk and threat objects.
    private static EntityKind? Observable(string type, bool attacker) => type switch
    {
        "User" or "User Name" => new("Account", "Name", "risk_object", "user"),
        "IP Address" when attacker => new("IP", "Address", "threat_object", "ip_address"),
        "IP Address" => new("IP", "Address", "risk_object", "system"),
        "Hostname" or "Endpoint" => new("Host", "HostName", "risk_object", "system"),
        "Other" => new("CloudApplication", "Name", "risk_object", "other"),
        "URL String" or "URL" => new("URL", "Url", "threat_object", "url"),
        "Domain" => new("DNS", "DomainName", "threat_object", "domain"),
        "Process" or "Process Name" => new("Process", "CommandLine", "threat_object", "process"),
        "File Name" => new("File", "Name", "threat_object", "file_name"),
        "File Hash" => new("FileHash", "Value", "threat_object", "file_hash"),
        "Email Address" => new("Mailbox", "MailboxPrimaryAddress", "threat_object", "email_address"),
        _ => null,
    };

    private static EntityKind? RbaObject(string type, string role) => (role, type) switch
    {
        ("risk_object", "user") => new("Account", "Name", role, "user"),
        ("risk_object", "system") => new("Host", "HostName", role, "system"),
        ("risk_object", "other") => new("CloudApplication", "Name", role, "other"),
        ("threat_object", "ip_address") => new("IP", "Address", role, type),
        ("threat_object", "domain") => new("DNS", "DomainName", role, type),
        ("threat_object", "url") => new("URL", "Url", role, type),
        ("threat_object", "process" or "process_name") => new("Process", "CommandLine", role, type),
        ("threat_object", "file_name") => new("File", "Name", role, type),
        ("threat_object", "file_hash") => new("FileHash", "Value", role, type),
        ("threat_object", "email_address") => new("Mailbox", "MailboxPrimaryAddress", role, type),
        _ => null,
    };

    private List<CanonicalValue> Drilldowns()
    {
        var result = new List<CanonicalValue>();
        if (yaml.Child("drilldown_searches") is not YamlSequenceNode list)
        {
            return result;
        }

        foreach (var item in list.Children)
        {
            if (item is not YamlMappingNode map || EscuYaml.Scalar(map, "name") is not { } name || EscuYaml.Scalar(map, "search") is not { } search)
            {
                Drop(item, "a drilldown search needs a name and a search");
                continue;
            }

            // Kept as Splunk text (with ESCU's %original_detection_search% and $field$ tokens): it is target-specific.
            var drilldown = CanonicalMap.Empty.With("name", name).With("search", search);
            foreach (var offset in new[] { "earliest_offset", "latest_offset" })
            {
                if (EscuYaml.Scalar(map, offset) is { } value)
                {
                    drilldown = drilldown.With(offset, value);
                }
            }

            result.Add(drilldown);
        }

        return result;
    }

    private static long? Number(YamlMappingNode map, string key) =>
        EscuYaml.Scalar(map, key) is { } text && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n is >= 0 and <= 100 ? n : null;

    private void Drop(YamlNode node, string message) =>
        diagnostics.Add(Diagnostic.Warning(EscuDiagnosticCodes.DroppedMetadata, message + "; not carried across", yaml.SpanOf(node)));

    private sealed record EntityKind(string Type, string Identifier, string Role, string ObjectType);
}
