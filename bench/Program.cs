using BenchmarkDotNet.Running;
using RuleCompiler.Benchmarks;

// BenchmarkDotNet: dotnet run -c Release --project bench -- --filter '*'
// CPU-time comparison (for busy machines): dotnet run -c Release --project bench -- --cpu-time
if (args is ["--cpu-time"])
{
    CpuTimeMeasurement.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(EvaluationBenchmarks).Assembly).Run(args);
