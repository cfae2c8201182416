using RuleCompiler.Runtime.Events;
using RuleCompiler.Runtime.Rows;
using RuleCompiler.Runtime.Rules;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary>Imported rules run on the corpus's CloudTrail events (Stratus Red Team logs and the AWS docs examples).</summary>
internal static class CorpusReplay
{
    public static IEnumerable<System.Text.Json.JsonElement> Events() =>
        new[] { "DataDog", "awsdocs" }
            .Select(f => Path.Combine(RepositoryPaths.Corpus, f))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.json", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)
            .SelectMany(f => EventReader.ReadFile(f, _ => { }))
            .Select(r => r.Event.Clone()); // the reader's documents are disposed as it moves on

    /// <summary>How many rows the rule outputs for the events.</summary>
    public static int RowsOf(CompiledRule rule, IReadOnlyList<System.Text.Json.JsonElement> events)
    {
        var rows = new RowCollector();
        var plan = rule.Start(rows);
        foreach (var record in events)
        {
            plan.Push(Row.FromEvent(record));
        }

        plan.Complete();
        return rows.Rows.Count;
    }
}
