namespace RuleCompiler.Backends.Tests;

/// <summary>Finds the repository root (the folder with RuleCompiler.sln) and ../shared next to it.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

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
