namespace RuleCompiler.Language.Tests.Parsing;

/// <summary>Locates test data in the source tree (the folder holding RuleCompiler.sln), so data files need no copying.</summary>
internal static class TestFiles
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Folder(params string[] parts) => Path.Combine([RepositoryRoot, "tests", "Language.Tests", .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RuleCompiler.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"RuleCompiler.sln not found above {AppContext.BaseDirectory}");
    }
}
