using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace RuleCompiler.Backends.Sentinel.Analysis;

/// <summary>
/// Microsoft's KQL analyzer (Kusto.Language, npm <c>@kusto/language-service-next</c>) as a library call. It runs
/// <c>tools/kql-check/analyze.js</c> under node once per batch, because loading and warming the library costs about a
/// second while a query then takes milliseconds. The package is installed by <c>npm ci</c> in tools/kql-check.
/// When node, the script or the package is missing, <see cref="Analyze"/> returns an unavailable analysis saying which.
/// </summary>
public sealed class KustoAnalyzer
{
    /// <summary>The tool folder, relative to the repository root.</summary>
    public const string ToolFolder = "tools/kql-check";

    private const string PackageName = "@kusto/language-service-next";
    private const string ScriptName = "analyze.js";

    private readonly string? node;
    private readonly string folder;

    private KustoAnalyzer(string? node, string folder, string? unavailableReason)
    {
        this.node = node;
        this.folder = folder;
        UnavailableReason = unavailableReason;
    }

    /// <summary>Why the analyzer cannot run (node or the package missing), or null when it can.</summary>
    public string? UnavailableReason { get; }

    /// <summary>
    /// The analyzer of the repository at <paramref name="repositoryRoot"/>: node from <c>$RULEC_NODE</c> or the PATH,
    /// and the package installed in <c>tools/kql-check/node_modules</c> at the version package-lock.json pins.
    /// </summary>
    public static KustoAnalyzer Locate(string repositoryRoot)
    {
        var folder = Path.GetFullPath(Path.Combine(repositoryRoot, ToolFolder));
        var reason = FindMissingPiece(folder, out var node);
        return new KustoAnalyzer(node, folder, reason);
    }

    /// <summary>The nearest folder at or above <paramref name="start"/> that holds tools/kql-check/analyze.js, or null.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, ToolFolder, ScriptName)))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>
    /// Analyses every query against <paramref name="tables"/> in one node process and returns one result per query,
    /// in order. Never throws for a missing or failing analyzer: the result is then unavailable, with the reason.
    /// </summary>
    public KustoAnalysis Analyze(IReadOnlyList<KustoTable> tables, IReadOnlyList<KustoQuery> queries, TimeSpan? timeout = null)
    {
        if (UnavailableReason is not null)
        {
            return KustoAnalysis.Unavailable(UnavailableReason);
        }

        if (queries.Count == 0)
        {
            return new KustoAnalysis([], null);
        }

        try
        {
            return Run(tables, queries, timeout ?? TimeSpan.FromMinutes(10));
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ArgumentException or System.ComponentModel.Win32Exception)
        {
            return KustoAnalysis.Unavailable($"node {ScriptName} failed: {e.Message}");
        }
    }

    private KustoAnalysis Run(IReadOnlyList<KustoTable> tables, IReadOnlyList<KustoQuery> queries, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(node!, [Path.Combine(folder, ScriptName)])
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var errorText = process.StandardError.ReadToEndAsync();
        // Written on another thread: node answers while it reads, and both pipes have bounded buffers.
        var writing = Task.Run(() =>
        {
            using var input = process.StandardInput;
            input.Write(AnalyzerProtocol.SchemaLine(tables));
            input.Write('\n');
            foreach (var query in queries)
            {
                input.Write(AnalyzerProtocol.QueryLine(query));
                input.Write('\n');
            }
        });
        var reading = Task.Run(() => ReadResults(process.StandardOutput, queries));
        if (!reading.Wait(timeout))
        {
            process.Kill(entireProcessTree: true);
            return KustoAnalysis.Unavailable($"node {ScriptName} did not finish within {timeout.TotalSeconds:0} s");
        }

        process.WaitForExit();
        var (results, failure) = reading.Result;
        if (failure is not null)
        {
            var stderr = errorText.Result.Trim();
            return KustoAnalysis.Unavailable(stderr.Length == 0 ? failure : $"{failure}: {FirstLine(stderr)}");
        }

        writing.Wait();
        return new KustoAnalysis(results, null);
    }

    private static (ImmutableArray<KustoQueryResult> Results, string? Failure) ReadResults(StreamReader output, IReadOnlyList<KustoQuery> queries)
    {
        var header = output.ReadLine();
        if (header is null)
        {
            return ([], $"node {ScriptName} exited without answering");
        }

        try
        {
            if (AnalyzerProtocol.ReadyError(header) is { } notReady)
            {
                return ([], notReady);
            }
        }
        catch (JsonException e)
        {
            return ([], $"unreadable first line from node {ScriptName}: {e.Message}");
        }

        var results = ImmutableArray.CreateBuilder<KustoQueryResult>(queries.Count);
        foreach (var query in queries)
        {
            var line = output.ReadLine();
            if (line is null)
            {
                return ([], $"node {ScriptName} stopped after {results.Count} of {queries.Count} queries");
            }

            try
            {
                results.Add(AnalyzerProtocol.ReadResult(line, query));
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
            {
                return ([], $"unreadable answer for query {query.Id}: {e.Message}");
            }
        }

        return (results.MoveToImmutable(), null);
    }

    private static string? FindMissingPiece(string folder, out string? node)
    {
        node = FindNode();
        if (node is null)
        {
            return "node was not found on the PATH (install Node.js 18 or later, or set RULEC_NODE)";
        }

        if (!File.Exists(Path.Combine(folder, ScriptName)))
        {
            return $"{Path.Combine(folder, ScriptName)} does not exist";
        }

        var installed = Path.Combine(folder, "node_modules", PackageName, "package.json");
        if (!File.Exists(installed))
        {
            return $"{PackageName} is not installed (run npm ci in {folder})";
        }

        var pinned = AnalyzerProtocol.PinnedVersion(Path.Combine(folder, "package-lock.json"), PackageName);
        var version = AnalyzerProtocol.InstalledVersion(installed);
        return version == pinned ? null : $"{PackageName} {version} is installed but package-lock.json pins {pinned} (run npm ci in {folder})";
    }

    private static string? FindNode()
    {
        if (Environment.GetEnvironmentVariable("RULEC_NODE") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : null;
        }

        var names = OperatingSystem.IsWindows() ? new[] { "node.exe" } : ["node"];
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => names.Select(name => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].TrimEnd('\r');
}
