using System.Text.Json.Nodes;
using Xunit;

namespace RuleCompiler.Backends.Tests.Sentinel;

/// <summary>Every emitted alertRules resource conforms to Microsoft's REST API specification of its apiVersion.</summary>
public class AlertRulesApiConformanceTests
{
    internal static IEnumerable<JsonObject> ArmResources() =>
        SentinelArtifactTests.Rendered.Files
            .Where(f => f.RelativePath.EndsWith(".json", StringComparison.Ordinal))
            .SelectMany(f => JsonNode.Parse(f.Text)!["resources"]!.AsArray().Select(r => r!.AsObject()));

    [AlertRulesSpecFact]
    public void EveryArmResourceValidatesAgainstTheAlertRulesApi()
    {
        var resources = ArmResources().ToList();
        Assert.Equal(6, resources.Count); // three rules, each in its own template and in azuredeploy.json
        Assert.Contains(resources, r => (string?)r["properties"]!["incidentConfiguration"]!["groupingConfiguration"]!["matchingMethod"] == "Selected");
        Assert.Contains(resources, r => (string?)r["kind"] == "NRT" && (string?)r["apiVersion"] == "2025-07-01-preview");
        Assert.Contains(resources, r => (string?)r["kind"] == "Scheduled" && (string?)r["apiVersion"] == "2025-09-01");
        foreach (var resource in resources)
        {
            Assert.Equal("Microsoft.SecurityInsights/alertRules", (string?)resource["type"]);
            var errors = AlertRulesApiSpec.ForApiVersion((string)resource["apiVersion"]!).Validate(Body(resource));
            Assert.True(errors.Count == 0, $"{resource["name"]}: {string.Join("; ", errors)}");
        }
    }

    [AlertRulesSpecFact]
    public void TheValidatorRejectsWhatTheApiDoesNotAllow()
    {
        var scheduled = ArmResources().First(r => (string?)r["kind"] == "Scheduled");
        var spec = AlertRulesApiSpec.ForApiVersion("2025-09-01");

        Assert.Contains(spec.Validate(Mutate(scheduled, p => p["queryFrequncy"] = "PT1H")), e => e.Contains("/properties/queryFrequncy: unknown property"));
        Assert.Contains(spec.Validate(Mutate(scheduled, p => p.Remove("suppressionDuration"))), e => e.Contains("suppressionDuration: required property missing"));
        Assert.Contains(spec.Validate(Mutate(scheduled, p => p["triggerOperator"] = "gt")), e => e.Contains("'gt' is not one of"));
        Assert.Contains(spec.Validate(Mutate(scheduled, p => p["queryPeriod"] = "1d")), e => e.Contains("'1d' is not an ISO 8601 duration"));
        Assert.Contains(spec.Validate(Mutate(scheduled, p => p["lastModifiedUtc"] = "2026-01-01T00:00:00Z")), e => e.Contains("read-only"));
        Assert.Contains(spec.Validate(Mutate(scheduled, p => p["tactics"] = new JsonArray("Defense Evasion"))), e => e.Contains("'Defense Evasion' is not one of"));
        Assert.Contains(spec.Validate(Mutate(scheduled, p => p["subTechniques"] = new JsonArray("T1562.001"))), e => e.Contains("subTechniques: unknown property"));
        Assert.Contains(spec.Validate(Mutate(scheduled, p => p["enabled"] = "true")), e => e.Contains("expected a boolean"));
        Assert.Contains(spec.Validate(new JsonObject { ["kind"] = "NRT", ["properties"] = new JsonObject() }), e => e.Contains("kind 'NRT' has no model"));
    }

    private static JsonObject Body(JsonObject resource) => new()
    {
        ["kind"] = resource["kind"]!.DeepClone(),
        ["properties"] = resource["properties"]!.DeepClone(),
    };

    private static JsonObject Mutate(JsonObject resource, Action<JsonObject> change)
    {
        var body = Body(resource);
        change(body["properties"]!.AsObject());
        return body;
    }
}
