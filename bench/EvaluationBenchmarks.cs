using RuleCompiler.Backends.Hosting;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Engines;
using RuleCompiler.Backends.CSharp;
using RuleCompiler.Runtime.Rules;

namespace RuleCompiler.Benchmarks;

/// <summary>
/// What <c>rulec run</c> costs over parsing alone: the real CloudTrail events of the corpus, replicated to at least
/// 100 MB of NDJSON in memory, (1) only parsed with System.Text.Json (a JsonDocument per line), (2) read by the
/// runtime's EventReader, (3) read and evaluated by every rule in rules/. Single-threaded: events/s is per core.
/// Run: dotnet run -c Release --project bench -- --filter '*EvaluationBenchmarks*'
/// </summary>
[Config(typeof(ShortMonitoring))]
[MemoryDiagnoser]
public class EvaluationBenchmarks
{
    /// <summary>
    /// Each operation reads 100 MB, so one invocation per iteration suffices. Out of process on purpose: under
    /// the in-process toolchain the freshly compiled rules never reached their steady state (docs/performance.md).
    /// </summary>
    private sealed class ShortMonitoring : ManualConfig
    {
        public ShortMonitoring() => AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(6)
            .WithIterationCount(15));
    }

    private byte[] _ndjson = [];
    private CSharpRuleBuild? _build;

    public int EventsPerCopy { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        var events = CorpusEvents.Load();
        EventsPerCopy = events.Count;
        _ndjson = CorpusEvents.Replicate(events, 100L * 1024 * 1024);
        var compilation = RuleCompilerHost.Compile([Path.Combine(CorpusEvents.RepositoryRoot, "rules")]);
        _build = CSharpRuleBuild.From(compilation, RuleCompilerHost.DisplayPath);
        if (_build.Diagnostics.Any(d => d.IsError) || !_build.Pairs.Any())
        {
            throw new InvalidOperationException("the rules did not compile: " + string.Join("\n", _build.Diagnostics));
        }

        Console.WriteLine($"// {events.Count} corpus events, {_ndjson.Length / (1024 * 1024)} MiB NDJSON, {_build.Pairs.Count} rules");
    }

    [GlobalCleanup]
    public void Cleanup() => _build?.Dispose();

    [Benchmark(Baseline = true, Description = "System.Text.Json parse only")]
    public long ParseOnly() => Workloads.ParseOnly(_ndjson);

    [Benchmark(Description = "EventReader only")]
    public long ReadOnly() => Workloads.Read(_ndjson);

    [Benchmark(Description = "EventReader + all rules")]
    public long Evaluate() => Workloads.Evaluate(_ndjson, _build!.IndexedRules);
}
