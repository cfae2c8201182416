using System.Text.Json;
using RuleCompiler.Compiler.Schema;

namespace RuleCompiler.Compiler.Tests;

/// <summary>The schemas are strict (every object closes its properties) and every property explains itself.</summary>
public class SchemaStrictnessTests
{
    public static TheoryData<string> Schemas() => new(Enum.GetValues<SchemaKind>().Select(SchemaValidator.ResourceName));

    [Theory]
    [MemberData(nameof(Schemas))]
    public void Every_object_is_closed_and_every_property_described(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "schemas", file)));
        var root = document.RootElement;
        Assert.Equal("http://json-schema.org/draft-07/schema#", root.GetProperty("$schema").GetString());
        var problems = new List<string>();
        Walk(root, "#", problems);
        Assert.Empty(problems);
    }

    private static void Walk(JsonElement schema, string path, List<string> problems)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (!schema.TryGetProperty("description", out _))
        {
            problems.Add($"{path}: no description");
        }

        if (schema.TryGetProperty("properties", out var properties))
        {
            if (!schema.TryGetProperty("additionalProperties", out var additional) || additional.ValueKind != JsonValueKind.False)
            {
                problems.Add($"{path}: additionalProperties is not false");
            }

            foreach (var property in properties.EnumerateObject())
            {
                Walk(property.Value, $"{path}/{property.Name}", problems);
            }
        }

        if (schema.TryGetProperty("items", out var items))
        {
            Walk(items, path + "[]", problems);
        }

        if (schema.TryGetProperty("additionalProperties", out var map) && map.ValueKind == JsonValueKind.Object)
        {
            Walk(map, path + "{}", problems);
        }
    }
}
