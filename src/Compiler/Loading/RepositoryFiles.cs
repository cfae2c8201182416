using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Semantics;

namespace RuleCompiler.Compiler.Loading;

/// <summary>
/// Lists the YAML files below a path without leaving the repository: a symbolic link whose target lies outside the
/// repository root is reported and not followed (rules come from pull requests, and a link could pull in any file
/// on the CI machine), and a folder link back to one of its own ancestors is reported as a loop instead of being
/// walked until the path is too long.
/// </summary>
public static class RepositoryFiles
{
    private const int MaxLinkHops = 40;

    /// <summary>The YAML files at or below <paramref name="path"/>, in ordinal order; problems go to <paramref name="diagnostics"/>.</summary>
    public static IReadOnlyList<string> Expand(string path, ICollection<Diagnostic> diagnostics)
    {
        var full = Path.GetFullPath(path);
        var root = BoundaryOf(full);
        var files = new List<string>();
        if (File.Exists(full))
        {
            if (Admit(new FileInfo(full), root, diagnostics) is not null)
            {
                files.Add(full);
            }
        }
        else if (Directory.Exists(full))
        {
            Walk(full, RealPath(full), root, [], files, diagnostics);
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>
    /// The folder nothing may be read from outside of, as a real path: the nearest folder at or above the path that
    /// holds <c>.git</c> (the checkout), else the rules root (the folder with <c>data_sources/</c>), else the path's folder.
    /// </summary>
    public static string BoundaryOf(string path)
    {
        var full = Path.GetFullPath(path);
        var start = Directory.Exists(full) ? full : Path.GetDirectoryName(full)!;
        for (var folder = start; folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (Directory.Exists(Path.Combine(folder, ".git")) || File.Exists(Path.Combine(folder, ".git")))
            {
                return RealPath(folder);
            }
        }

        return RealPath(RuleRepository.FindRepositoryRoot(full) ?? start);
    }

    /// <summary>True when the real (link-free) location of <paramref name="path"/> is at or below <paramref name="root"/>'s.</summary>
    public static bool IsInside(string path, string root) => IsWithin(RealPath(path), RealPath(root));

    private static void Walk(string folder, string realFolder, string root, HashSet<string> ancestors, List<string> files, ICollection<Diagnostic> diagnostics)
    {
        ancestors.Add(realFolder);
        IEnumerable<FileSystemInfo> entries;
        try
        {
            entries = new DirectoryInfo(folder).EnumerateFileSystemInfos("*", new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden })
                .OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ancestors.Remove(realFolder);
            return;
        }

        foreach (var entry in entries)
        {
            if (entry is DirectoryInfo directory)
            {
                if (Admit(directory, root, diagnostics) is not { } real)
                {
                    continue;
                }

                if (ancestors.Contains(real))
                {
                    diagnostics.Add(Diagnostic.Error(SemanticDiagnosticCodes.SymlinkLoop,
                        $"symbolic link to folder '{directory.LinkTarget}' loops back to a folder that contains it; not followed", SourceSpan.File(directory.FullName)));
                    continue;
                }

                Walk(directory.FullName, real, root, ancestors, files, diagnostics);
            }
            else if (IsYaml(entry.Name) && Admit(entry, root, diagnostics) is not null)
            {
                files.Add(entry.FullName);
            }
        }

        ancestors.Remove(realFolder);
    }

    /// <summary>The real path of an entry when it may be read, or null (with a diagnostic for a link that leaves the repository).</summary>
    private static string? Admit(FileSystemInfo entry, string root, ICollection<Diagnostic> diagnostics)
    {
        var real = RealPath(entry.FullName);
        if (entry.LinkTarget is null || IsWithin(real, root))
        {
            return real;
        }

        if (entry is DirectoryInfo || IsYaml(entry.Name))
        {
            diagnostics.Add(Diagnostic.Error(SemanticDiagnosticCodes.SymlinkOutsideRepository,
                $"symbolic link to '{entry.LinkTarget}' points outside the repository; not followed", SourceSpan.File(entry.FullName)));
        }

        return null;
    }

    private static bool IsYaml(string name) =>
        name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase);

    private static bool IsWithin(string path, string root) =>
        path == root || path.StartsWith(Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>
    /// The absolute path with every symbolic link resolved, component by component (a dangling or looping link
    /// stays as written; the caller then sees a path that does not exist or a loop).
    /// </summary>
    public static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var rootPart = Path.GetPathRoot(full)!;
        var current = rootPart;
        var pending = new Stack<string>(full[rootPart.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse());
        var hops = 0;
        while (pending.TryPop(out var part))
        {
            var next = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.LinkTarget is { } target && hops++ < MaxLinkHops)
            {
                var resolved = Path.GetFullPath(target, current);
                var resolvedRoot = Path.GetPathRoot(resolved)!;
                foreach (var piece in resolved[resolvedRoot.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse())
                {
                    pending.Push(piece);
                }

                current = resolvedRoot;
                continue;
            }

            current = next;
        }

        return current;
    }
}
