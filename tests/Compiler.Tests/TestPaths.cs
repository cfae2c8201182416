namespace RuleCompiler.Compiler.Tests;

/// <summary>Where the repository and the shared corpus are, found from the test binary's folder.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string TestsFolder => Path.Combine(RepoRoot, "tests", "Compiler.Tests");

    public static string ValidRules => Path.Combine(TestsFolder, "Valid", "rules");

    public static string InvalidCases => Path.Combine(TestsFolder, "Invalid");

    /// <summary>../shared next to the repository (a worktree sits one level deeper), or null when absent.</summary>
    public static string? Shared { get; } = new[] { Path.Combine(RepoRoot, "..", "shared"), Path.Combine(RepoRoot, "..", "..", "shared") }
        .Select(Path.GetFullPath).FirstOrDefault(Directory.Exists);

    private static string FindRepoRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "RuleCompiler.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("RuleCompiler.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A fact that is skipped, visibly, when ../shared (the corpus) is not next to the repository.</summary>
public sealed class SharedFactAttribute : FactAttribute
{
    public SharedFactAttribute()
    {
        if (TestPaths.Shared is null)
        {
            Skip = "../shared (the public corpus) is not present next to the repository";
        }
    }
}
