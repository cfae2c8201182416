using Xunit;

namespace RuleCompiler.Language.Tests.Binding;

/// <summary>The repository root (the folder holding RuleCompiler.sln) and the shared corpus beside it.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary><c>&lt;root&gt;/../shared</c>, or null when a fresh clone has no corpus next to it.</summary>
    public static string? Shared
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(Root, "..", "shared"));
            return Directory.Exists(Path.Combine(path, "corpus")) ? path : null;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RuleCompiler.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("RuleCompiler.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A fact that is skipped, visibly, when ../shared (the corpus) is absent.</summary>
public sealed class SharedCorpusFactAttribute : FactAttribute
{
    public SharedCorpusFactAttribute()
    {
        if (RepositoryPaths.Shared is null) Skip = "../shared (the corpus) is not present next to the repository";
    }
}
