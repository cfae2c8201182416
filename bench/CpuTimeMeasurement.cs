using System.Diagnostics;
using RuleCompiler.Runtime.Rules;

namespace RuleCompiler.Benchmarks;

/// <summary>
/// The evaluation workloads timed by the CPU time of the process, which stays meaningful on a shared, busy
/// machine where wall-clock times are not: parse only, reader only, and the rule-set evaluator with 5, 100 and
/// 1,000 rules over 25 and 100 MiB (rules × events), plus 100 rules offered every event (no index), as before.
/// Each workload first runs for at least 5 s and 3 s of CPU (and three passes) to warm up (tiered compilation of the freshly
/// compiled rules), then N measured passes, of which the minimum and the mean are reported.
/// Run: dotnet run -c Release --project bench -- --cpu-time [rule counts, default 5 100 1000]
/// </summary>
internal static class CpuTimeMeasurement
{
    private const int WarmUp = 3;

    private static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan WarmUpCpu = TimeSpan.FromSeconds(3);

    public static void Run(IReadOnlyList<int> ruleCounts, int passes = 6)
    {
        var events = CorpusEvents.Load();
        var large = CorpusEvents.Replicate(events, 100L * 1024 * 1024);
        var small = CorpusEvents.Replicate(events, 25L * 1024 * 1024);
        var count = Workloads.ParseOnly(large);
        var smallCount = Workloads.ParseOnly(small);
        Console.WriteLine($"{events.Count} corpus events; 100 MiB = {count:N0} events, 25 MiB = {smallCount:N0} events; {Environment.ProcessorCount} cores; load {LoadAverage()}");
        var parse = Measure(() => Workloads.ParseOnly(large), passes);
        var parseSmall = Measure(() => Workloads.ParseOnly(small), passes);
        Report("System.Text.Json parse only", "100 MiB", count, parse, parse);
        Report("System.Text.Json parse only", "25 MiB", smallCount, parseSmall, parseSmall);
        Report("EventReader only", "100 MiB", count, Measure(() => Workloads.Read(large), passes), parse);
        foreach (var rules in ruleCounts)
        {
            using var build = RuleSets.Build(rules, events);
            var indexed = build.IndexedRules;
            var index = new RuleSetIndex(indexed);
            Console.WriteLine($"-- {rules} rules: indexed on {string.Join(", ", index.IndexedFields)}; {index.UnindexedRules} see every event; "
                + $"{indexed.Count(r => r.Streaming)} streaming; {Workloads.Candidates(small, index) / (double)smallCount:F1} candidate rules per event; "
                + $"{Workloads.Evaluate(small, indexed) - smallCount:N0} alerts per 25 MiB");
            Report($"index lookups only, {rules} rules", "25 MiB", smallCount, Measure(() => Workloads.Candidates(small, index), passes), parseSmall);
            // The smaller input first: its passes also warm the generated code up (tiered compilation) for the larger.
            Report($"rule set, {rules} rules", "25 MiB", smallCount, Measure(() => Workloads.Evaluate(small, indexed), passes), parseSmall);
            Report($"rule set, {rules} rules", "100 MiB", count, Measure(() => Workloads.Evaluate(large, indexed), passes), parse);
            if (rules == 100)
            {
                var unindexed = indexed.Select(r => IndexedRule.Unindexed(r.Rule)).ToList();
                Report($"every rule every event, {rules}", "100 MiB", count, Measure(() => Workloads.Evaluate(large, unindexed), 2), parse);
            }
        }
    }

    /// <summary>
    /// The rule-set workload alone, over and over for <paramref name="seconds"/>, to run under a sampling profiler:
    /// <c>dotnet-trace collect --format speedscope -- dotnet RuleCompiler.Benchmarks.dll --profile 100 60</c>.
    /// </summary>
    public static void Profile(int rules, int seconds)
    {
        var events = CorpusEvents.Load();
        var large = CorpusEvents.Replicate(events, 100L * 1024 * 1024);
        using var build = RuleSets.Build(rules, events);
        var clock = Stopwatch.StartNew();
        var passes = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            Workloads.Evaluate(large, build.IndexedRules);
            passes++;
        }

        Console.WriteLine($"{passes} passes of {rules} rules over 100 MiB in {clock.Elapsed.TotalSeconds:F0} s");
    }

    private static void Report(string name, string size, long events, Timing cpu, Timing baseline) =>
        Console.WriteLine(
            $"{name,-34} {size,-8} CPU min {cpu.Min.TotalMilliseconds,7:F0} ms mean {cpu.Mean.TotalMilliseconds,7:F0} ms  "
            + $"{events / cpu.Min.TotalSeconds,11:N0} events/s/core (min)  {baseline.Min / cpu.Min,5:P0} of parse-only (min), "
            + $"{baseline.Mean / cpu.Mean,5:P0} (mean)  wall min {cpu.WallMin.TotalMilliseconds:F0} ms");

    private readonly record struct Timing(TimeSpan Min, TimeSpan Mean, TimeSpan WallMin);

    private static Timing Measure(Func<long> work, int passes)
    {
        // Warm-up by time, not by count: the generated code reaches its steady state (tier-1, dynamic PGO) only
        // after seconds of events, and later still when the machine is busy.
        // On a loaded machine 5 s of wall clock can be a fraction of a second of CPU, too little for the tiered
        // JIT (whose own thread waits for a core too): warm up for that much CPU time as well.
        var warmUp = Stopwatch.StartNew();
        var cpuAtStart = ProcessCpu();
        for (var i = 0; i < WarmUp || warmUp.Elapsed < WarmUpTime || ProcessCpu() - cpuAtStart < WarmUpCpu; i++)
        {
            work();
        }

        var times = new List<TimeSpan>();
        var walls = new List<TimeSpan>();
        for (var i = 0; i < passes; i++)
        {
            GC.Collect();
            var before = ProcessCpu();
            var wall = Stopwatch.StartNew();
            work();
            times.Add(ProcessCpu() - before);
            walls.Add(wall.Elapsed);
        }

        return new Timing(times.Min(), TimeSpan.FromTicks((long)times.Average(t => t.Ticks)), walls.Min());
    }

    // The whole process's CPU time: the workload is single-threaded, and the garbage collector's work on other
    // threads is part of its cost.
    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
