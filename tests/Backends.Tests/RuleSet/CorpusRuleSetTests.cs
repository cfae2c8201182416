using System.Text.Json;
using RuleCompiler.Backends.CSharp;
using RuleCompiler.Backends.Hosting;
using RuleCompiler.Backends.Tests.CSharp;
using RuleCompiler.Runtime.Events;
using RuleCompiler.Runtime.Values;
using Xunit;

namespace RuleCompiler.Backends.Tests.RuleSet;

/// <summary>
/// The rule-set evaluator against every rule seeing every event, on the real CloudTrail events of the corpus
/// (skipped, visibly, without ../shared/corpus): every rule of rules/, and a rule set in the corpus rules' shape
/// for every API call the events make (several rules per call, so the index has work to do).
/// </summary>
public class CorpusRuleSetTests
{
    private static List<string> CorpusEvents()
    {
        var events = new List<string>();
        foreach (var file in new[] { "DataDog", "awsdocs", "airbnb" }
                     .Select(f => Path.Combine(RepositoryPaths.Corpus, f))
                     .Where(Directory.Exists)
                     .SelectMany(d => Directory.EnumerateFiles(d, "*.json", SearchOption.AllDirectories))
                     .Order(StringComparer.Ordinal))
        {
            events.AddRange(EventReader.ReadFile(file, _ => { }).Select(r => r.Event.GetRawText()));
        }

        return events;
    }

    [CorpusFact]
    public void The_rules_of_the_repository_alert_alike_with_and_without_the_index()
    {
        var events = CorpusEvents();
        Assert.True(events.Count > 100, $"only {events.Count} corpus events");
        var compilation = RuleCompilerHost.Compile([Path.Combine(RepositoryPaths.Root, "rules")]);
        using var build = CSharpRuleBuild.From(compilation, RuleCompilerHost.DisplayPath);
        Assert.NotEmpty(build.IndexedRules);
        Assert.All(build.IndexedRules, r => Assert.NotEmpty(r.Keys));
        using var now = EvaluationClock.FixAt(new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(RuleSetHarness.Run(build.IndexedRules, events, indexed: false), RuleSetHarness.Run(build.IndexedRules, events, indexed: true));
    }

    [CorpusFact]
    public void Rules_for_every_call_in_the_corpus_alert_alike_with_and_without_the_index()
    {
        var events = CorpusEvents();
        var calls = events.Select(e => JsonDocument.Parse(e).RootElement)
            .Where(e => e.TryGetProperty("eventSource", out var s) && s.ValueKind == JsonValueKind.String && e.TryGetProperty("eventName", out var n) && n.ValueKind == JsonValueKind.String)
            .Select(e => (Source: e.GetProperty("eventSource").GetString()!, Name: e.GetProperty("eventName").GetString()!))
            .Distinct()
            .Order()
            .ToList();
        var searches = calls.SelectMany((c, i) => new[]
        {
            $"where eventSource == {Q(c.Source)} and eventName == {Q(c.Name)} | project eventName, user = userIdentity.arn, awsRegion",
            $"where eventName in~ ({Q(c.Name.ToUpperInvariant())}, {Q(calls[(i + 1) % calls.Count].Name)}) and isempty(errorCode) | summarize n = count() by awsRegion",
            $"where eventSource == {Q(c.Source)} and eventName startswith {Q(c.Name[..Math.Min(3, c.Name.Length)])} and sourceIPAddress !startswith \"10.\"",
        }).ToList();
        var sources = searches.Select((s, i) => RuleSetHarness.Source("C" + i, s)).ToList();
        using var set = RuleHarness.Compile(sources);
        var rules = RuleSetHarness.Indexed(sources, set);
        var expected = RuleSetHarness.Run(rules, events, indexed: false);
        Assert.True(expected.Count > events.Count, $"{expected.Count} alerts over {events.Count} events");
        Assert.Equal(expected, RuleSetHarness.Run(rules, events, indexed: true));
    }

    private static string Q(string s) => JsonSerializer.Serialize(s);
}
