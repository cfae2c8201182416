using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml;

namespace RuleCompiler.Backends.Tests.Sentinel;

/// <summary>
/// Microsoft's REST API specification of <c>Microsoft.SecurityInsights/alertRules</c> (swagger 2.0, read as data from
/// ../shared/reference/sentinel-alertrules-api) as a validator of alert-rule request bodies: the definition the
/// <c>kind</c> selects, with allOf merged and $refs followed across files; unknown and read-only properties, missing
/// required ones, wrong types, values outside enums and malformed durations are errors.
/// </summary>
internal sealed partial class AlertRulesApiSpec
{
    private static readonly string SpecRoot = Path.Combine(RepositoryPaths.Shared, "reference", "sentinel-alertrules-api", "2025-09-01",
        "specification", "securityinsights", "resource-manager", "Microsoft.SecurityInsights", "SecurityInsights");

    private readonly Dictionary<string, JsonNode> files = [];
    private readonly string mainFile;

    private AlertRulesApiSpec(string mainFile) => this.mainFile = mainFile;

    public static bool IsPresent => Directory.Exists(SpecRoot);

    public static AlertRulesApiSpec ForApiVersion(string apiVersion) => new(Path.Combine(SpecRoot,
        apiVersion.EndsWith("-preview", StringComparison.Ordinal) ? "preview" : "stable", apiVersion, "AlertRules.json"));

    /// <summary>The errors of the body <c>{kind, properties}</c> of an alertRules resource; empty when it conforms.</summary>
    public List<string> Validate(JsonObject body)
    {
        var errors = new List<string>();
        var kind = body["kind"]?.GetValue<string>();
        var definitions = Load(mainFile)["definitions"]!.AsObject();
        // alertRuleTemplates use the same discriminator values; the alert rule models derive from AlertRule.
        var model = definitions.FirstOrDefault(d => d.Value?["x-ms-discriminator-value"]?.GetValue<string>() == kind
            && (d.Value?["allOf"]?.AsArray().Any(a => a?["$ref"]?.GetValue<string>() == "#/definitions/AlertRule") ?? false));
        if (model.Value is null)
        {
            errors.Add($"kind '{kind}' has no model in {Path.GetFileName(Path.GetDirectoryName(mainFile))}");
            return errors;
        }

        Check(body, (mainFile, model.Value), "", errors);
        return errors;
    }

    private void Check(JsonNode? value, (string File, JsonNode Schema) at, string path, List<string> errors)
    {
        var (file, schema) = Resolve(at);
        var merged = Merge(file, schema);
        if (merged.Enum is { } allowed && value is JsonValue v && v.TryGetValue<string>(out var text) && !allowed.Contains(text))
        {
            errors.Add($"{path}: '{text}' is not one of {string.Join(", ", allowed)}");
        }

        switch (merged.Type)
        {
            case "object" or null when merged.Properties.Count > 0 || merged.Type == "object":
                if (value is not JsonObject obj)
                {
                    errors.Add($"{path}: expected an object");
                    return;
                }

                foreach (var required in merged.Required.Where(r => obj[r] is null))
                {
                    errors.Add($"{path}/{required}: required property missing");
                }

                foreach (var (key, item) in obj)
                {
                    if (merged.Properties.TryGetValue(key, out var property))
                    {
                        if (Resolve(property) is var (_, resolved) && resolved["readOnly"]?.GetValue<bool>() == true)
                        {
                            errors.Add($"{path}/{key}: read-only property");
                        }

                        Check(item, property, $"{path}/{key}", errors);
                    }
                    else if (merged.AdditionalProperties is { } additional)
                    {
                        Check(item, additional, $"{path}/{key}", errors);
                    }
                    else
                    {
                        errors.Add($"{path}/{key}: unknown property");
                    }
                }

                break;
            case "array":
                if (value is not JsonArray array)
                {
                    errors.Add($"{path}: expected an array");
                    return;
                }

                for (var i = 0; i < array.Count; i++)
                {
                    Check(array[i], merged.Items!.Value, $"{path}/{i}", errors);
                }

                break;
            case "string":
                if (value is not JsonValue sv || !sv.TryGetValue<string>(out var s))
                {
                    errors.Add($"{path}: expected a string");
                }
                else if (merged.Format == "duration" && !IsDuration(s))
                {
                    errors.Add($"{path}: '{s}' is not an ISO 8601 duration");
                }

                break;
            case "boolean" when value is not JsonValue bv || !bv.TryGetValue<bool>(out _):
                errors.Add($"{path}: expected a boolean");
                break;
            case "integer" when value is not JsonValue iv || !iv.TryGetValue<int>(out _):
                errors.Add($"{path}: expected an integer");
                break;
        }
    }

    private static bool IsDuration(string text)
    {
        if (!IsoDuration().IsMatch(text))
        {
            return false;
        }

        try
        {
            XmlConvert.ToTimeSpan(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private sealed record Merged(
        string? Type, string? Format, IReadOnlyList<string>? Enum, Dictionary<string, (string, JsonNode)> Properties,
        HashSet<string> Required, (string, JsonNode)? Items, (string, JsonNode)? AdditionalProperties);

    private Merged Merge(string file, JsonNode schema)
    {
        var merged = new Merged(
            schema["type"]?.GetValue<string>(), schema["format"]?.GetValue<string>(),
            schema["enum"]?.AsArray().Select(e => e!.GetValue<string>()).ToList(), [], [],
            schema["items"] is { } items ? (file, items) : null,
            schema["additionalProperties"] is JsonObject additional ? (file, additional) : null);
        foreach (var part in schema["allOf"]?.AsArray() ?? [])
        {
            var (partFile, partSchema) = Resolve((file, part!));
            var inner = Merge(partFile, partSchema);
            foreach (var (key, value) in inner.Properties)
            {
                merged.Properties.TryAdd(key, value);
            }

            merged.Required.UnionWith(inner.Required);
            merged = merged with { Type = merged.Type ?? inner.Type };
        }

        foreach (var (key, value) in schema["properties"]?.AsObject() ?? [])
        {
            merged.Properties[key] = (file, value!);
        }

        merged.Required.UnionWith(schema["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? []);
        return merged;
    }

    private (string File, JsonNode Schema) Resolve((string File, JsonNode Schema) at)
    {
        var (file, schema) = at;
        while (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            var hash = reference.IndexOf('#', StringComparison.Ordinal);
            if (hash > 0)
            {
                file = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, reference[..hash]));
            }

            schema = reference[(hash + 2)..].Split('/').Aggregate(Load(file), (node, key) => node[key]!);
        }

        return (file, schema);
    }

    private JsonNode Load(string file)
    {
        if (!files.TryGetValue(file, out var node))
        {
            node = JsonNode.Parse(File.ReadAllText(file))!;
            files[file] = node;
        }

        return node;
    }

    [GeneratedRegex(@"^P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$")]
    private static partial Regex IsoDuration();
}

/// <summary>A fact skipped, visibly, when ../shared/reference/sentinel-alertrules-api is absent.</summary>
public sealed class AlertRulesSpecFactAttribute : Xunit.FactAttribute
{
    public AlertRulesSpecFactAttribute()
    {
        if (!AlertRulesApiSpec.IsPresent)
        {
            Skip = "../shared/reference/sentinel-alertrules-api is not present next to the repository";
        }
    }
}
