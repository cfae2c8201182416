using System.Text.Json;
using RuleCompiler.Backends.Tests.Cli;
using RuleCompiler.Runtime.Events;
using Xunit;

namespace RuleCompiler.Backends.Tests.Runtime;

/// <summary>The real CloudTrail files of ../shared/corpus read as events (skipped, visibly, without the corpus).</summary>
public class CorpusEventTests
{
    private static IEnumerable<string> EventFiles() =>
        new[] { "DataDog", "awsdocs" }
            .Select(f => Path.Combine(RepositoryPaths.Corpus, f))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.json", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal);

    [CorpusFact]
    public void EveryCorpusEventFileReadsCompletelyWithoutErrors()
    {
        var files = EventFiles().ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var errors = new List<EventError>();
            var names = EventReader.ReadFile(file, errors.Add).Select(r => r.Event.GetProperty("eventName").GetString()).ToList();
            Assert.Empty(errors);

            // The same events as a whole-document parse finds.
            using var whole = JsonDocument.Parse(File.ReadAllText(file));
            var expected = whole.RootElement.ValueKind == JsonValueKind.Array
                ? whole.RootElement.EnumerateArray().Select(e => e.GetProperty("eventName").GetString()).ToList()
                : [whole.RootElement.GetProperty("eventName").GetString()];
            Assert.Equal(expected, names);
        }
    }

    [CorpusFact]
    public void EveryRuleRunsOnTheCorpusWithoutFailing()
    {
        var files = EventFiles().ToArray();
        var args = new[] { "run", "--rules", "rules", "--events" }.Concat(files).ToArray();
        var (exit, _, error) = CliRunner.Run(RepositoryPaths.Root, args);
        Assert.True(exit == 0, error);
        Assert.Contains(" 0 rejected", error, StringComparison.Ordinal);
        Assert.Contains(" 0 rule failure(s)", error, StringComparison.Ordinal);
    }
}
