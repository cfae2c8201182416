using System.Text.Json.Nodes;

namespace RuleCompiler.Compiler.Yaml;

/// <summary>Converts a YAML tree to System.Text.Json nodes (inline test events, expected rows).</summary>
public static class YamlJson
{
    public static JsonNode? ToJsonNode(YamlNode node) => node switch
    {
        YamlScalar scalar => ScalarToJson(scalar),
        YamlSequence sequence => new JsonArray(sequence.Items.Select(ToJsonNode).ToArray()),
        YamlMapping mapping => ToJsonObject(mapping),
        _ => null,
    };

    private static JsonObject ToJsonObject(YamlMapping mapping)
    {
        var result = new JsonObject();
        foreach (var entry in mapping.Entries)
        {
            result[entry.Key.Value] = ToJsonNode(entry.Value);
        }

        return result;
    }

    // JSON has no infinity or NaN; they stay text rather than becoming a value JSON cannot carry.
    private static JsonNode? ScalarToJson(YamlScalar scalar) => YamlScalarTyping.Resolve(scalar) switch
    {
        null => null,
        bool b => JsonValue.Create(b),
        long l => JsonValue.Create(l),
        double d when double.IsFinite(d) => JsonValue.Create(d),
        _ => JsonValue.Create(scalar.Value),
    };
}
