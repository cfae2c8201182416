using BenchmarkDotNet.Running;
using RuleCompiler.Benchmarks;

// BenchmarkDotNet: dotnet run -c Release --project bench -- --filter '*'
// CPU-time comparison (for busy machines): dotnet run -c Release --project bench -- --cpu-time
if (args is ["--cpu-time", ..])
{
    CpuTimeMeasurement.Run(args.Length > 1 ? [.. args.Skip(1).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture))] : [5, 100, 1000]);
    return;
}

// rulec run in its own process, 1 and 2 threads, peak memory: dotnet run -c Release --project bench -- --rulec-run [MiB [rule counts]]
if (args is ["--rulec-run", ..])
{
    RulecRunMeasurement.Run(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100,
        [.. args.Skip(2).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture))]);
    return;
}

// The rule-set workload alone, for a sampling profiler: dotnet run -c Release --project bench -- --profile RULES SECONDS
if (args is ["--profile", var rules, var seconds])
{
    CpuTimeMeasurement.Profile(int.Parse(rules, System.Globalization.CultureInfo.InvariantCulture), int.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(EvaluationBenchmarks).Assembly).Run(args);
