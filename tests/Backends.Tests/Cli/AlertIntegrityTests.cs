using System.Text;
using System.Text.Json;
using RuleCompiler.Runtime.Values;
using Xunit;

namespace RuleCompiler.Backends.Tests.Cli;

/// <summary>
/// Issue 13, finding 4: a lone surrogate or bytes that are not UTF-8 in an event string are read as U+FFFD (one
/// treatment everywhere), the rules run, and every alert is a whole line of valid JSON.
/// </summary>
public class AlertIntegrityTests
{
    private static readonly string Scenarios = Path.Combine(RepositoryPaths.Root, "tests", "Backends.Tests", "Fixtures", "run", "ecr_scenarios.json");

    /// <summary>The night-owl upload (an alert of the outside-business-hours rule) as one NDJSON line.</summary>
    private static byte[] NightOwlLine()
    {
        using var scenarios = JsonDocument.Parse(File.ReadAllBytes(Scenarios));
        return Encoding.UTF8.GetBytes(scenarios.RootElement.GetProperty("Records")[0].GetRawText().Replace("\n", " ", StringComparison.Ordinal));
    }

    public static TheoryData<string, byte[]> BadText() => new()
    {
        { "lone surrogate", "night\\udfffowl"u8.ToArray() },
        { "invalid UTF-8", [.. "night"u8, 0xff, 0xfe, .. "owl"u8] },
        { "high surrogate at the end", "night\\ud800"u8.ToArray() },
    };

    [Theory]
    [MemberData(nameof(BadText))]
    public void Invalid_text_in_an_event_is_read_as_the_replacement_character_and_alerts_stay_whole(string what, byte[] userName)
    {
        var line = NightOwlLine();
        var at = line.AsSpan().IndexOf("night-owl"u8);
        byte[] bad = [.. line.AsSpan(0, at), .. userName, .. line.AsSpan(at + "night-owl".Length)];
        var events = Path.Combine(Path.GetTempPath(), $"rulec-text-{Guid.NewGuid():N}.json");
        var alerts = events + ".alerts";
        File.WriteAllBytes(events, [.. bad, (byte)'\n', .. line, (byte)'\n', .. bad, (byte)'\n']);
        try
        {
            var (exit, _, error) = CliRunner.Run(RepositoryPaths.Root, "run", "--rules", "rules", "--events", events, "--out", alerts);

            Assert.True(exit == 0, what + ": " + error);
            // The two bad uploads are one user, so the rule's summarize makes them one alert.
            Assert.Contains("3 event(s) from 1 file(s), 0 rejected; 5 rule(s), 2 alert(s), 0 rule failure(s)", error);
            var text = File.ReadAllText(alerts);
            Assert.EndsWith("\n", text);
            var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, lines.Length);
            var users = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("fields").GetProperty("user").GetString()).ToList();
            Assert.Single(users, u => u!.StartsWith("night\uFFFD", StringComparison.Ordinal));
            Assert.Contains("night-owl", users);
        }
        finally
        {
            File.Delete(events);
            File.Delete(alerts);
        }
    }

    [Fact]
    public void A_dynamic_value_with_a_lone_surrogate_is_written_with_the_replacement_character()
    {
        using var document = JsonDocument.Parse("{\"k\\udc00\": [\"a\\udfffb\", 1.5, {\"x\": \"\\ud83d\\ude00\"}]}");

        var json = JsonText.Of(Value.FromJson(document.RootElement));

        Assert.Equal("{\"k\uFFFD\":[\"a\uFFFDb\",1.5,{\"x\":\"\\uD83D\\uDE00\"}]}", json);
    }
}
