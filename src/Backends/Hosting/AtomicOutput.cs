namespace RuleCompiler.Backends.Hosting;

/// <summary>
/// Output folders replaced whole: targets write into <c>OUT/.rulec-staging-*/&lt;target&gt;</c>, and
/// <see cref="Commit"/> swaps each into <c>OUT/&lt;target&gt;</c> by renaming folders (the old one is renamed away
/// first, then deleted). Nothing is written through the old folder, so a symlink inside it is never followed. A
/// build killed before the commit leaves only a staging folder, which the next build removes.
/// </summary>
public sealed class AtomicOutput
{
    private const string StagingPrefix = ".rulec-staging-";
    private readonly string _outDir;
    private readonly string _staging;
    private readonly List<string> _targets = [];

    public AtomicOutput(string outDir)
    {
        _outDir = Path.GetFullPath(outDir);
        Directory.CreateDirectory(_outDir);
        foreach (var stale in Directory.EnumerateDirectories(_outDir, StagingPrefix + "*"))
        {
            Directory.Delete(stale, recursive: true);
        }

        _staging = Path.Combine(_outDir, StagingPrefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_staging);
    }

    /// <summary>An empty folder for one target's artifacts.</summary>
    public string Stage(string target)
    {
        var folder = Path.Combine(_staging, target);
        Directory.CreateDirectory(folder);
        _targets.Add(target);
        return folder;
    }

    public void Commit()
    {
        foreach (var target in _targets)
        {
            var final = Path.Combine(_outDir, target);
            var old = Path.Combine(_staging, target + ".old");
            if (Directory.Exists(final) || File.Exists(final))
            {
                Directory.Move(final, old);
            }

            Directory.Move(Path.Combine(_staging, target), final);
        }

        Directory.Delete(_staging, recursive: true);
    }

    public void Discard()
    {
        if (Directory.Exists(_staging))
        {
            Directory.Delete(_staging, recursive: true);
        }
    }
}
