using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.CodeAnalysis;

namespace RuleCompiler.Backends.CSharp.Compile;

/// <summary>
/// Compiled rule assemblies kept between runs, in a folder the user names (<c>--cache-dir</c> or
/// <c>RULEC_CACHE_DIR</c>). An entry is keyed by the SHA-256 of everything that decides its bytes: the generated
/// code of its rules, the runtime library it was compiled against, Roslyn's and .NET's versions. So a changed rule,
/// a new rulec or a new .NET never loads a stale assembly. The cache is off unless asked for: it executes what it
/// loads, so it must live where pull requests cannot write (never inside the rules repository) — see
/// docs/reliability.md.
/// </summary>
public sealed class CompiledRuleCache
{
    /// <summary>Default size bound: when the folder grows past it, the least recently used entries are removed.</summary>
    public const long DefaultMaxBytes = 512L * 1024 * 1024;

    private const string Extension = ".rulec-dll";
    private static readonly Lazy<string> Environment = new(DescribeEnvironment);
    private readonly long _maxBytes;
    private int _reused;

    public CompiledRuleCache(string directory, long maxBytes = DefaultMaxBytes)
    {
        Directory = Path.GetFullPath(directory);
        _maxBytes = maxBytes;
    }

    public string Directory { get; }

    /// <summary>Entries loaded instead of compiled, since this instance was made.</summary>
    public int Reused => _reused;

    /// <summary>The key of a batch: its rules' file names and code, in order, and the compiling environment.</summary>
    public static string KeyOf(IEnumerable<GeneratedRule> rules)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, Environment.Value);
        foreach (var rule in rules)
        {
            Append(hash, rule.FileName);
            Append(hash, rule.Code);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The assembly image stored under <paramref name="key"/>, or null when absent or damaged.</summary>
    public byte[]? TryRead(string key)
    {
        var path = PathOf(key);
        byte[] stored;
        try
        {
            stored = File.ReadAllBytes(path);
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // An entry is the image's SHA-256 then the image: a file cut short or damaged on disk is recompiled, not loaded.
        if (stored.Length <= 32 || !SHA256.HashData(stored.AsSpan(32)).AsSpan().SequenceEqual(stored.AsSpan(0, 32)))
        {
            return null;
        }

        Interlocked.Increment(ref _reused);
        return stored[32..];
    }

    /// <summary>Stores an image; a cache that cannot be written is skipped (it is only an optimisation).</summary>
    public void Write(string key, ReadOnlySpan<byte> image)
    {
        var temporary = Path.Combine(Directory, $"{key}.{Guid.NewGuid():N}.tmp");
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                file.Write(SHA256.HashData(image));
                file.Write(image);
            }

            // Whole or not at all: another rulec reading the same key never sees half an entry.
            File.Move(temporary, PathOf(key), overwrite: true);
            Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
        }
    }

    private void Trim()
    {
        var entries = new DirectoryInfo(Directory).GetFiles("*" + Extension)
            .OrderByDescending(f => f.LastWriteTimeUtc)
            .ThenBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        long total = 0;
        foreach (var entry in entries)
        {
            total += entry.Length;
            if (total > _maxBytes)
            {
                TryDelete(entry.FullName);
            }
        }
    }

    private string PathOf(string key) => Path.Combine(Directory, key + Extension);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another process may hold it; the next trim tries again.
        }
    }

    private static void Append(IncrementalHash hash, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        hash.AppendData(BitConverter.GetBytes(bytes.Length));
        hash.AppendData(bytes);
    }

    private static string DescribeEnvironment() => string.Join(
        "\n",
        "rulec compiled rule cache 1",
        typeof(Runtime.Rules.CompiledRule).Assembly.ManifestModule.ModuleVersionId.ToString(),
        typeof(Compilation).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "",
        System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
}
