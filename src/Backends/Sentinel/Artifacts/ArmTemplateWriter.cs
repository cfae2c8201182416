using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RuleCompiler.Backends.Sentinel.Artifacts;

/// <summary>
/// ARM deployment templates: one per rule and one (<c>azuredeploy.json</c>) for all rules. Each rule is an
/// <c>alertRules</c> extension resource scoped to the workspace named by the <c>workspace</c> parameter, the form
/// Bicep compiles to, so the Bicep files can be checked against these resource for resource.
/// </summary>
internal static class ArmTemplateWriter
{
    public const string SchemaUrl = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";
    public const string WorkspaceScope = "[resourceId('Microsoft.OperationalInsights/workspaces', parameters('workspace'))]";
    public const string WorkspaceDescription = "Name of the Log Analytics workspace where Microsoft Sentinel is enabled.";

    public static string Template(IEnumerable<SentinelRule> rules)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true,
            IndentSize = 2,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUrl);
            json.WriteString("contentVersion", "1.0.0.0");
            json.WriteStartObject("parameters");
            json.WriteStartObject("workspace");
            json.WriteString("type", "string");
            json.WriteStartObject("metadata");
            json.WriteString("description", WorkspaceDescription);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartArray("resources");
            foreach (var rule in rules)
            {
                Resource(rule).WriteTo(json);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    /// <summary>The alertRules resource of one rule, with every literal string ARM-escaped.</summary>
    public static JsonObject Resource(SentinelRule rule) => new()
    {
        ["type"] = "Microsoft.SecurityInsights/alertRules",
        ["apiVersion"] = AlertRuleProperties.ApiVersion(rule),
        ["scope"] = WorkspaceScope,
        ["name"] = rule.ResourceName,
        ["kind"] = rule.Kind,
        ["properties"] = Escape(AlertRuleProperties.Build(rule)),
    };

    private static JsonNode? Escape(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Escape(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Escape)]),
        JsonValue v when v.TryGetValue<string>(out var s) => JsonValue.Create(ArmText.Literal(s)),
        _ => node?.DeepClone(),
    };
}
