using System.Text.Json.Nodes;
using Xunit;

namespace RuleCompiler.Backends.Tests.Sentinel;

/// <summary>
/// The Bicep files build with Microsoft's Bicep CLI with no error and no warning (it type-checks resource properties
/// against Azure's published types and runs its linter), and the ARM Bicep compiles is the emitted ARM, resource for
/// resource.
/// </summary>
public class BicepConformanceTests
{
    [BicepFact]
    public void EveryBicepFileBuildsCleanAndCompilesToTheEmittedArm()
    {
        var folder = Directory.CreateTempSubdirectory("rulec-bicep-").FullName;
        try
        {
            var files = SentinelArtifactTests.Rendered.Files;
            foreach (var file in files)
            {
                var path = Path.Combine(folder, file.RelativePath);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, file.Text);
            }

            var bicepFolder = Path.Combine(folder, "sentinel", "bicep");
            var compiled = new List<JsonObject>();
            foreach (var bicep in Directory.GetFiles(bicepFolder, "*.bicep").Order(StringComparer.Ordinal))
            {
                var (exitCode, arm, messages) = BicepCli.Build(bicep);
                Assert.True(exitCode == 0 && messages.Length == 0, $"{Path.GetFileName(bicep)}: exit {exitCode}: {messages}");
                if (Path.GetFileName(bicep) == "main.bicep")
                {
                    compiled.AddRange(arm!["resources"]!.AsArray().Select(module => module!["properties"]!["template"]!["resources"]!.AsArray().Single()!.AsObject()));
                }
                else
                {
                    var emitted = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "sentinel", "ARM", Path.GetFileNameWithoutExtension(bicep) + ".json")))!;
                    AssertSameResources(emitted["resources"]!.AsArray(), arm!["resources"]!.AsArray());
                }
            }

            var all = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "sentinel", "azuredeploy.json")))!["resources"]!.AsArray();
            AssertSameResources(all, new JsonArray([.. compiled.Select(r => r.DeepClone())]));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void AssertSameResources(JsonArray emitted, JsonArray compiled)
    {
        Assert.Equal(emitted.Count, compiled.Count);
        for (var i = 0; i < emitted.Count; i++)
        {
            Assert.True(JsonNode.DeepEquals(emitted[i], compiled[i]), $"resource {i} differs:\nemitted  {emitted[i]!.ToJsonString()}\ncompiled {compiled[i]!.ToJsonString()}");
        }
    }
}
