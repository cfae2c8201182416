namespace RuleCompiler.Backends.Tests;

/// <summary>Finds the repository root (the folder with RuleCompiler.sln) and ../shared next to it.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>&lt;root&gt;/../shared, or $RULEC_SHARED when the repository is checked out elsewhere (a worktree).</summary>
    public static string Shared => Environment.GetEnvironmentVariable("RULEC_SHARED") is { Length: > 0 } shared
        ? shared
        : Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string Corpus => Path.Combine(Shared, "corpus");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RuleCompiler.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("RuleCompiler.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A fact that is skipped, visibly, when ../shared/corpus is absent (a fresh clone without the shared data).</summary>
public sealed class CorpusFactAttribute : Xunit.FactAttribute
{
    public CorpusFactAttribute()
    {
        if (!Directory.Exists(RepositoryPaths.Corpus))
        {
            Skip = "../shared/corpus is not present next to the repository";
        }
    }
}
