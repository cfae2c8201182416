using RuleCompiler.Backends.Splunk.App;
using RuleCompiler.Backends.Splunk.Conf;
using Xunit;

namespace RuleCompiler.Backends.Tests.Splunk;

/// <summary>
/// The savedsearches.conf stanza of each Splunk seed rule is compared with
/// tests/Backends.Tests/Golden/Splunk/&lt;rule&gt;.savedsearches.conf. Set RULEC_UPDATE_GOLDEN=1 to rewrite them
/// after an intended change (and review the diff).
/// </summary>
public class SavedSearchGoldenTests
{
    public static TheoryData<string> Seeds => [.. SplunkAppFixture.SeedRules];

    [SplunkAppTheory]
    [MemberData(nameof(Seeds))]
    public void SavedSearchStanzaMatchesGoldenFile(string rule)
    {
        var text = SplunkAppWriter.Render(SplunkAppFixture.App).Text("default/savedsearches.conf");
        var stanza = StanzaText(text, SplunkAppFixture.App.Rules.Single(r => r.SnakeName == rule));
        var path = Path.Combine(RepositoryPaths.Root, "tests", "Backends.Tests", "Golden", "Splunk", rule + ".savedsearches.conf");
        if (Environment.GetEnvironmentVariable("RULEC_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, stanza);
        }

        Assert.True(File.Exists(path), $"missing golden file {path} (run with RULEC_UPDATE_GOLDEN=1)");
        Assert.Equal(File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal), stanza);
    }

    /// <summary>The lines of the rule's stanza, from its header to the line before the next header (or the end).</summary>
    private static string StanzaText(string text, SplunkRule rule)
    {
        var file = ConfReader.Read("savedsearches.conf", text);
        var stanza = file.Find($"{SplunkAppInfo.DefaultName} - {rule.Rule.Name.Value} - Rule")!;
        var next = file.Stanzas.Select(s => s.Line).Where(line => line > stanza.Line).DefaultIfEmpty(int.MaxValue).Min();
        var lines = text.Split('\n');
        return string.Join("\n", lines.Skip(stanza.Line - 1).Take(Math.Min(next - 1, lines.Length) - (stanza.Line - 1))).TrimEnd('\n') + "\n";
    }
}
