using RuleCompiler.Backends.Sentinel.Analysis;

namespace RuleCompiler.Backends.Tests.Sentinel;

/// <summary>
/// A fact that needs Microsoft's KQL analyzer (node and tools/kql-check/node_modules). It is skipped, visibly and with
/// the reason, when the analyzer is unavailable on a developer machine; under CI (CI=true) it runs, and fails, so a
/// broken <c>npm ci</c> cannot pass unnoticed.
/// </summary>
public sealed class AnalyzerFactAttribute : Xunit.FactAttribute
{
    public AnalyzerFactAttribute()
    {
        if (Analyzer.UnavailableReason is { } reason && !IsCi)
        {
            Skip = "analyzer unavailable: " + reason;
        }
    }

    public static KustoAnalyzer Analyzer { get; } = KustoAnalyzer.Locate(RepositoryPaths.Root);

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}

/// <summary>An <see cref="AnalyzerFactAttribute"/> that also reads ../shared/corpus, and is skipped, visibly, without it.</summary>
public sealed class CorpusAnalyzerFactAttribute : Xunit.FactAttribute
{
    public CorpusAnalyzerFactAttribute()
    {
        Skip = !Directory.Exists(RepositoryPaths.Corpus)
            ? "../shared/corpus is not present next to the repository"
            : new AnalyzerFactAttribute().Skip;
    }
}
