using System.Diagnostics;

namespace RuleCompiler.Benchmarks;

/// <summary>
/// The same three workloads as <see cref="EvaluationBenchmarks"/>, timed by the CPU time of the process
/// (best of N), which stays meaningful on a shared, busy machine where wall-clock times are not.
/// Run: dotnet run -c Release --project bench -- --cpu-time
/// </summary>
internal static class CpuTimeMeasurement
{
    public static void Run(int repetitions = 9)
    {
        var bench = new EvaluationBenchmarks();
        bench.Setup();
        try
        {
            var events = bench.ParseOnly();
            var parse = Best(() => bench.ParseOnly(), repetitions);
            var read = Best(() => bench.ReadOnly(), repetitions);
            var evaluate = Best(() => bench.Evaluate(), repetitions);
            Console.WriteLine($"events per pass: {events:N0}");
            Report("System.Text.Json parse only", events, parse, parse);
            Report("EventReader only", events, read, parse);
            Report("EventReader + all rules", events, evaluate, parse);
        }
        finally
        {
            bench.Cleanup();
        }
    }

    private static void Report(string name, long events, TimeSpan cpu, TimeSpan baseline) =>
        Console.WriteLine($"{name,-30} {cpu.TotalMilliseconds,8:F0} ms CPU  {events / cpu.TotalSeconds,12:N0} events/s/core  {baseline / cpu,6:P0} of parse-only throughput");

    private static TimeSpan Best(Func<long> work, int repetitions)
    {
        var best = TimeSpan.MaxValue;
        var bestWall = TimeSpan.MaxValue;
        for (var i = 0; i < repetitions; i++)
        {
            GC.Collect();
            var thread = ThreadCpu();
            var wall = Stopwatch.StartNew();
            work();
            var used = ThreadCpu() - thread;
            best = used < best ? used : best;
            bestWall = wall.Elapsed < bestWall ? wall.Elapsed : bestWall;
        }

        Console.WriteLine($"  (best wall clock {bestWall.TotalMilliseconds:F0} ms)");
        return best;
    }

    // The whole process's CPU time: the workload is single-threaded, and the garbage collector's work on other
    // threads is part of its cost.
    private static TimeSpan ThreadCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
