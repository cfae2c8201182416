namespace RuleCompiler.Compiler.Tests;

/// <summary>A throwaway copy of the valid fixture repository (tests/Compiler.Tests/Valid) to break on purpose.</summary>
internal sealed class TempRepository : IDisposable
{
    private TempRepository(string root) => Root = root;

    public string Root { get; }

    public static TempRepository CopyOfValid() => CopyOf(Path.Combine(TestPaths.TestsFolder, "Valid"));

    /// <summary>A copy of the repository's own rules/ folder (the seeds), as temp/rules.</summary>
    public static TempRepository CopyOfRepositoryRules() => CopyOf(TestPaths.RepoRoot, "rules");

    private static TempRepository CopyOf(string sourceRoot, string? only = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "rulec-tests", Guid.NewGuid().ToString("N"));
        var source = only is null ? sourceRoot : Path.Combine(sourceRoot, only);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(root, Path.GetRelativePath(sourceRoot, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        // The schemas sit at the root as in the real repository, so modelines resolve.
        var schemas = Path.Combine(root, "schemas");
        Directory.CreateDirectory(schemas);
        foreach (var schema in Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "schemas")))
        {
            File.Copy(schema, Path.Combine(schemas, Path.GetFileName(schema)));
        }

        return new TempRepository(root);
    }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>Replaces the first match of a regular expression; fails if there is none. Returns the edited line.</summary>
    public int EditMatch(string relative, string pattern, string replacement)
    {
        var path = PathOf(relative);
        var text = File.ReadAllText(path);
        var match = System.Text.RegularExpressions.Regex.Match(text, pattern, System.Text.RegularExpressions.RegexOptions.Multiline);
        Assert.True(match.Success, $"{relative} has no match for /{pattern}/");
        File.WriteAllText(path, string.Concat(text.AsSpan(0, match.Index), replacement, text.AsSpan(match.Index + match.Length)));
        return text[..match.Index].Count(c => c == '\n') + 1;
    }

    /// <summary>Replaces the first occurrence of <paramref name="old"/>; fails if the fixture no longer contains it.</summary>
    public void Edit(string relative, string old, string replacement)
    {
        var path = PathOf(relative);
        var text = File.ReadAllText(path);
        var at = text.IndexOf(old, StringComparison.Ordinal);
        Assert.True(at >= 0, $"{relative} does not contain '{old}'");
        File.WriteAllText(path, string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + old.Length)));
    }

    /// <summary>The 1-based line of the first occurrence of <paramref name="text"/> in a file.</summary>
    public int LineOf(string relative, string text) =>
        Array.FindIndex(File.ReadAllLines(PathOf(relative)), l => l.Contains(text, StringComparison.Ordinal)) + 1;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing a test over it is not.
        }
    }
}
