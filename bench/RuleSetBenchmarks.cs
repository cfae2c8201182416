using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using RuleCompiler.Backends.CSharp;
using RuleCompiler.Backends.Hosting;
using RuleCompiler.Runtime.Events;
using RuleCompiler.Runtime.Rows;
using RuleCompiler.Runtime.Rules;

namespace RuleCompiler.Benchmarks;

/// <summary>
/// The rule-set evaluator as rules and events grow: 5 rules (rules/), 100 and 1,000 rules generated in the corpus
/// rules' shapes (<see cref="GeneratedRules"/>), over 25 and 100 MiB of the corpus events; parse-only alongside
/// for the share. Single-threaded: events/s is per core.
/// Run: dotnet run -c Release --project bench -- --filter '*RuleSetBenchmarks*'
/// </summary>
[Config(typeof(Monitoring))]
[MemoryDiagnoser]
public class RuleSetBenchmarks
{
    private sealed class Monitoring : ManualConfig
    {
        public Monitoring() => AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(4)
            .WithIterationCount(10));
    }

    private byte[] _ndjson = [];
    private CSharpRuleBuild? _build;

    [Params(5, 100, 1000)]
    public int Rules { get; set; }

    [Params(25, 100)]
    public int MiB { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var events = CorpusEvents.Load();
        _ndjson = CorpusEvents.Replicate(events, MiB * 1024L * 1024);
        _build = RuleSets.Build(Rules, events);
    }

    [GlobalCleanup]
    public void Cleanup() => _build?.Dispose();

    [Benchmark(Baseline = true, Description = "System.Text.Json parse only")]
    public long ParseOnly() => Workloads.ParseOnly(_ndjson);

    [Benchmark(Description = "EventReader + rule set")]
    public long Evaluate() => Workloads.Evaluate(_ndjson, _build!.IndexedRules);
}

/// <summary>The workloads the benchmarks and the CPU-time mode time, each one pass over NDJSON in memory.</summary>
internal static class Workloads
{
    /// <summary>Split on newlines, a JsonDocument per line, dispose: the baseline.</summary>
    public static long ParseOnly(byte[] ndjson)
    {
        long count = 0;
        ReadOnlyMemory<byte> memory = ndjson;
        while (!memory.IsEmpty)
        {
            var end = memory.Span.IndexOf((byte)'\n');
            var line = end < 0 ? memory : memory[..end];
            using (var document = JsonDocument.Parse(line))
            {
                count += document.RootElement.ValueKind == JsonValueKind.Object ? 1 : 0;
            }

            memory = end < 0 ? ReadOnlyMemory<byte>.Empty : memory[(end + 1)..];
        }

        return count;
    }

    public static long Read(byte[] ndjson)
    {
        long count = 0;
        foreach (var record in EventReader.Read(new MemoryStream(ndjson, writable: false), "bench", _ => { }))
        {
            count += record.Event.ValueKind == JsonValueKind.Object ? 1 : 0;
        }

        return count;
    }

    /// <summary>Reading plus the index's lookups, no rule run: the cost of finding the candidates. Returns their number.</summary>
    public static long Candidates(byte[] ndjson, RuleSetIndex index)
    {
        long candidates = 0;
        var scratch = new List<int>();
        var fields = new EventFields();
        foreach (var record in EventReader.Read(new MemoryStream(ndjson, writable: false), "bench", _ => { }))
        {
            // As the runners do: a row over the event with the thread's field cache.
            candidates += index.Candidates(Row.FromEvent(record.Event, fields), scratch).Length;
        }

        return candidates;
    }

    /// <summary>What <c>rulec run --threads 1</c> does per event: read, candidate rules, their pipelines; alerts counted.</summary>
    public static long Evaluate(byte[] ndjson, IReadOnlyList<IndexedRule> rules)
    {
        long alerts = 0;
        var runner = new RuleSetRunner(rules, _ => new RowCallback(_ => alerts++), f => throw new InvalidOperationException(f.ToString()), outputKeepsRows: false);
        foreach (var record in EventReader.Read(new MemoryStream(ndjson, writable: false), "bench", _ => { }))
        {
            runner.Process(record.Event, record.File, record.Line);
        }

        runner.Complete();
        return runner.EventCount + alerts;
    }
}

/// <summary>The rule sets measured: rules/ (5 rules) or a generated repository of N rules, compiled as rulec run does.</summary>
internal static class RuleSets
{
    public static string Folder(int rules, IReadOnlyList<string> events) =>
        rules == 5 ? Path.Combine(CorpusEvents.RepositoryRoot, "rules") : GeneratedRules.Repository(rules, events);

    public static CSharpRuleBuild Build(int rules, IReadOnlyList<string> events)
    {
        var compilation = RuleCompilerHost.Compile([Folder(rules, events)]);
        var build = CSharpRuleBuild.From(compilation, RuleCompilerHost.DisplayPath);
        if (compilation.ErrorCount > 0 || build.Diagnostics.Any(d => d.IsError) || build.Pairs.Count != rules)
        {
            throw new InvalidOperationException($"the {rules} rules did not all compile ({build.Pairs.Count} did): "
                + string.Join("\n", compilation.Diagnostics.Concat(build.Diagnostics).Where(d => d.IsError).Take(10)));
        }

        return build;
    }
}
