namespace RuleCompiler.Cli;

/// <summary>Counts as the summaries print them, so <c>validate</c> and <c>build</c> say "1 error, 2 warnings" alike.</summary>
public static class Counts
{
    public static string Of(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    public static string Problems(int errors, int warnings) => $"{Of(errors, "error")}, {Of(warnings, "warning")}";
}
