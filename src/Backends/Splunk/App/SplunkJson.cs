using System.Buffers;
using System.Text;
using System.Text.Json;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Backends.Splunk.App;

/// <summary>
/// The JSON values of an ESCU app (annotations, framework mappings, risk objects, drilldowns, app.manifest), written
/// with <see cref="Utf8JsonWriter"/> and its default encoder, which escapes everything outside printable ASCII and
/// HTML-sensitive characters, so the JSON is one line of plain ASCII in any .conf value.
/// </summary>
internal static class SplunkJson
{
    /// <summary>ESCU's <c>action.correlationsearch.annotations</c> (and analyticstories.conf <c>annotations</c>).</summary>
    public static string Annotations(Rule rule, bool withStories) => Write(json =>
    {
        json.WriteStartObject();
        if (withStories)
        {
            List(json, "analytic_story", rule.Tags.AnalyticStories);
        }

        List(json, "cis20", rule.Tags.Cis20);
        if (!rule.Tags.Cve.IsDefaultOrEmpty)
        {
            List(json, "cve", rule.Tags.Cve);
        }

        List(json, "kill_chain_phases", rule.Tags.KillChainPhases);
        List(json, "mitre_attack", rule.Attack.Select(a => a.Value));
        List(json, "nist", rule.Tags.Nist);
        json.WriteEndObject();
    });

    public static string List(IEnumerable<string> values) => Write(json =>
    {
        json.WriteStartArray();
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    });

    /// <summary>
    /// <c>action.risk.param._risk</c>: one object per risk object (field, type, score) and threat object (field,
    /// type), in the order the rule lists its entities.
    /// </summary>
    public static string RiskObjects(IEnumerable<(EntityMapping Entity, string Field)> entities, int score) => Write(json =>
    {
        json.WriteStartArray();
        foreach (var (entity, field) in entities)
        {
            json.WriteStartObject();
            var threat = entity.Role == EntityRole.ThreatObject;
            json.WriteString(threat ? "threat_object_field" : "risk_object_field", field);
            json.WriteString(threat ? "threat_object_type" : "risk_object_type", entity.ObjectType ?? "other");
            if (!threat)
            {
                json.WriteNumber("risk_score", entity.Score ?? score);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    });

    /// <summary><c>action.notable.param.drilldown_searches</c>: name, search and time offsets of each drilldown.</summary>
    public static string Drilldowns(IEnumerable<(Drilldown Drilldown, string Spl)> drilldowns) => Write(json =>
    {
        json.WriteStartArray();
        foreach (var (drilldown, spl) in drilldowns)
        {
            json.WriteStartObject();
            json.WriteString("name", drilldown.Name);
            json.WriteString("search", spl);
            json.WriteString("earliest_offset", drilldown.EarliestOffset ?? "$info_min_time$");
            json.WriteString("latest_offset", drilldown.LatestOffset ?? "$info_max_time$");
            json.WriteEndObject();
        }

        json.WriteEndArray();
    });

    /// <summary>app.manifest, the packaging descriptor Splunk's packaging toolkit and AppInspect read.</summary>
    public static string Manifest(SplunkAppInfo info) => Write(
        json =>
        {
            json.WriteStartObject();
            json.WriteString("schemaVersion", "1.0.0");
            json.WriteStartArray("targetWorkloads");
            json.WriteStringValue("_search_heads");
            json.WriteEndArray();
            json.WriteStartObject("info");
            json.WriteString("title", info.Label);
            json.WriteStartObject("id");
            json.WriteNull("group");
            json.WriteString("name", info.Name);
            json.WriteString("version", info.Version);
            json.WriteEndObject();
            json.WriteStartArray("author");
            json.WriteStartObject();
            json.WriteString("name", info.Author);
            json.WriteNull("email");
            json.WriteNull("company");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteString("releaseDate", info.Released.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("description", info.Description);
            json.WriteStartObject("releaseNotes");
            json.WriteNull("name");
            json.WriteString("text", "./README.md");
            json.WriteNull("uri");
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteNull("dependencies");
            json.WriteNull("tasks");
            json.WriteNull("inputGroups");
            json.WriteNull("incompatibleApps");
            json.WriteNull("platformRequirements");
            json.WriteEndObject();
        },
        indented: true);

    private static void List(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static string Write(Action<Utf8JsonWriter> write, bool indented = false)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, NewLine = "\n" }))
        {
            write(json);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
