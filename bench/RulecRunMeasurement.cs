using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace RuleCompiler.Benchmarks;

/// <summary>
/// <c>rulec run</c> as a user runs it, in its own process: wall time with --threads 1 and 2 over the corpus events
/// written to an NDJSON file, and peak memory (maximum resident set, from /usr/bin/time) with 1,000 rules.
/// The evaluation time is the one rulec prints (after the rules are compiled); the process time includes
/// compiling the rules with Roslyn.
/// Run: dotnet run -c Release --project bench -- --rulec-run [MiB [rule counts]] (default 100 MiB, 100 and 1,000 rules;
/// 1024 for the memory figure)
/// </summary>
internal static partial class RulecRunMeasurement
{
    public static void Run(int mebibytes, IReadOnlyList<int> ruleCounts, int passes = 2)
    {
        var events = CorpusEvents.Load();
        var file = Path.Combine(Path.GetTempPath(), $"rulec-bench-events-{mebibytes}.ndjson");
        File.WriteAllBytes(file, CorpusEvents.Replicate(events, mebibytes * 1024L * 1024));
        var rulec = Path.Combine(AppContext.BaseDirectory, "rulec.dll");
        Console.WriteLine($"{file}: {new FileInfo(file).Length / (1024 * 1024)} MiB; {Environment.ProcessorCount} cores; load {CpuTimeMeasurement.LoadAverage()}");
        Console.WriteLine("The load average is printed again before each measurement: wall times mean little when it is above the core count.");
        try
        {
            foreach (var rules in ruleCounts.Count > 0 ? ruleCounts : mebibytes > 200 ? [1000] : [100, 1000])
            {
                var folder = RuleSets.Folder(rules, events);
                foreach (var threads in new[] { 1, 2 })
                {
                    Console.WriteLine($"load {CpuTimeMeasurement.LoadAverage()}");
                    var runs = Enumerable.Range(0, passes).Select(_ => RunOnce(rulec, folder, file, threads)).ToList();
                    Console.WriteLine(
                        $"{rules,5} rules, --threads {threads}: evaluation min {runs.Min(r => r.Evaluation):F2} s mean {runs.Average(r => r.Evaluation):F2} s; "
                        + $"process min {runs.Min(r => r.Wall):F2} s (CPU min {runs.Min(r => r.Cpu):F2} s, user + system, compilation included); peak RSS max {runs.Max(r => r.PeakMiB):F0} MiB; {runs[0].Summary}");
                }
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    private readonly record struct Result(double Evaluation, double Wall, double Cpu, double PeakMiB, string Summary);

    private static Result RunOnce(string rulec, string rules, string events, int threads)
    {
        var output = Path.Combine(Path.GetTempPath(), "rulec-bench-alerts.ndjson");
        var start = new ProcessStartInfo("/usr/bin/time")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var arg in new[] { "-f", "peak-kb %M wall %e cpu %U %S", "dotnet", rulec, "run", "--rules", rules, "--events", events, "--out", output, "--now", "2024-06-01T00:00:00Z", "--threads", threads.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start /usr/bin/time");
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        File.Delete(output);
        var summary = SummaryLine().Match(error);
        var time = TimeLine().Match(error);
        if (!summary.Success || !time.Success)
        {
            throw new InvalidOperationException("rulec run did not finish as expected:\n" + error);
        }

        return new Result(
            double.Parse(summary.Groups["seconds"].Value, CultureInfo.InvariantCulture),
            double.Parse(time.Groups["wall"].Value, CultureInfo.InvariantCulture),
            double.Parse(time.Groups["user"].Value, CultureInfo.InvariantCulture) + double.Parse(time.Groups["system"].Value, CultureInfo.InvariantCulture),
            double.Parse(time.Groups["kb"].Value, CultureInfo.InvariantCulture) / 1024,
            summary.Value.Trim());
    }

    [GeneratedRegex(@"rulec run: .*; (?<seconds>[0-9.]+)s")]
    private static partial Regex SummaryLine();

    [GeneratedRegex(@"peak-kb (?<kb>[0-9]+) wall (?<wall>[0-9.]+) cpu (?<user>[0-9.]+) (?<system>[0-9.]+)")]
    private static partial Regex TimeLine();
}
