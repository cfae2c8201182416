using System.Text;

namespace RuleCompiler.Backends;

/// <summary>
/// Writes generated files below an output folder without following symbolic links: a link found where a folder or
/// file of the output belongs is removed (the link, never its target) and replaced by a real folder or file. A
/// link planted in dist/ by a pull request could otherwise make the build overwrite any file the CI user can write.
/// </summary>
public static class OutputFiles
{
    /// <summary>Writes <paramref name="text"/> (LF line ends, UTF-8 without BOM) to <paramref name="relative"/> below <paramref name="root"/>.</summary>
    public static void WriteText(string root, string relative, string text)
    {
        var folder = Path.GetFullPath(root);
        Unlink(folder);
        Directory.CreateDirectory(folder);
        var parts = relative.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var part in parts[..^1])
        {
            folder = Path.Combine(folder, part);
            Unlink(folder);
            Directory.CreateDirectory(folder);
        }

        var path = Path.Combine(folder, parts[^1]);
        Unlink(path);
        File.WriteAllText(path, text.Replace("\r\n", "\n", StringComparison.Ordinal), new UTF8Encoding(false));
    }

    private static void Unlink(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            info.Delete();
        }
    }
}
