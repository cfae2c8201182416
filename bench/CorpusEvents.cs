using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace RuleCompiler.Benchmarks;

/// <summary>
/// The real CloudTrail events of ../shared/corpus as compact JSON, one per line: Stratus Red Team detonation
/// logs, the AWS ECR user guide examples, StreamAlert's test events and Panther's inline rule tests.
/// </summary>
internal static class CorpusEvents
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>&lt;repository&gt;/../shared/corpus, or $RULEC_SHARED/corpus when the repository is checked out elsewhere.</summary>
    public static string Corpus => Environment.GetEnvironmentVariable("RULEC_SHARED") is { Length: > 0 } shared
        ? Path.Combine(shared, "corpus")
        : Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "corpus"));

    public static List<string> Load()
    {
        var events = new List<string>();
        foreach (var file in Files("DataDog", "*.json").Concat(Files("awsdocs", "*.json")).Concat(Files("airbnb", "*.json")))
        {
            try
            {
                AddJson(JsonNode.Parse(File.ReadAllText(file)), events);
            }
            catch (JsonException)
            {
                // Not an events file; the corpus also holds schemas and configuration.
            }
        }

        foreach (var file in Files(Path.Combine("panther-labs", "panther-analysis", "rules", "aws_cloudtrail_rules"), "*.yml"))
        {
            AddPantherTests(file, events);
        }

        if (events.Count == 0)
        {
            throw new InvalidOperationException($"no events found in {Corpus} (set RULEC_SHARED to the folder holding corpus/)");
        }

        return events;
    }

    /// <summary>NDJSON of the events repeated until it holds at least <paramref name="minBytes"/> bytes.</summary>
    public static byte[] Replicate(List<string> events, long minBytes)
    {
        var one = Encoding.UTF8.GetBytes(string.Join("\n", events) + "\n");
        var copies = (int)Math.Ceiling((double)minBytes / one.Length);
        var all = new byte[(long)one.Length * copies];
        for (var i = 0; i < copies; i++)
        {
            Buffer.BlockCopy(one, 0, all, i * one.Length, one.Length);
        }

        return all;
    }

    private static IEnumerable<string> Files(string folder, string pattern)
    {
        var path = Path.Combine(Corpus, folder);
        return Directory.Exists(path) ? Directory.EnumerateFiles(path, pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal) : [];
    }

    private static void AddJson(JsonNode? node, List<string> events)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array)
                {
                    AddJson(item, events);
                }

                break;
            case JsonObject obj when obj["Records"] is JsonArray records:
                AddJson(records, events);
                break;
            case JsonObject obj when obj["data"] is JsonObject data:
                AddJson(data, events); // StreamAlert wraps each test record in {"data": ...}
                break;
            case JsonObject obj when obj.ContainsKey("eventName"):
                events.Add(obj.ToJsonString());
                break;
        }
    }

    private static void AddPantherTests(string file, List<string> events)
    {
        if (YamlRoot(file) is not { } root
            || !root.Children.TryGetValue(new YamlScalarNode("Tests"), out var tests) || tests is not YamlSequenceNode list)
        {
            return;
        }

        foreach (var test in list.OfType<YamlMappingNode>())
        {
            if (test.Children.TryGetValue(new YamlScalarNode("Log"), out var log) && ToJson(log) is JsonObject obj && obj.ContainsKey("eventName"))
            {
                events.Add(obj.ToJsonString());
            }
        }
    }

    /// <summary>The top mapping of a YAML file; null when it is not YAML or not a mapping (the corpus holds both).</summary>
    public static YamlMappingNode? YamlRoot(string file)
    {
        var yaml = new YamlStream();
        try
        {
            yaml.Load(new StringReader(File.ReadAllText(file)));
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return null;
        }

        return yaml.Documents.Count > 0 ? yaml.Documents[0].RootNode as YamlMappingNode : null;
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value ?? "", ToJson(c.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } scalar when scalar.Value is "true" or "false" => JsonValue.Create(scalar.Value == "true"),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } scalar when long.TryParse(scalar.Value, out var l) => JsonValue.Create(l),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "null" or "~" or "" } => null,
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RuleCompiler.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("RuleCompiler.sln not found above " + AppContext.BaseDirectory);
    }
}
