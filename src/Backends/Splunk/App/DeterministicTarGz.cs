using System.Formats.Tar;
using System.IO.Compression;

namespace RuleCompiler.Backends.Splunk.App;

/// <summary>
/// A .tar.gz whose bytes depend only on the files: entries sorted by path, every folder listed before its contents,
/// ustar headers with one fixed time, uid/gid 0, no user or group names, modes 0755 (folders) and 0644 (files),
/// and a gzip header with no time and a fixed operating system byte.
/// </summary>
internal static class DeterministicTarGz
{
    // The gzip header is 10 bytes: magic (2), method, flags, mtime (4), extra flags, operating system.
    private const int GzipMtimeOffset = 4;
    private const int GzipOsOffset = 9;
    private const byte GzipOsUnix = 3;

    public static byte[] Create(IReadOnlyDictionary<string, byte[]> files, DateTimeOffset time)
    {
        var entries = new SortedDictionary<string, byte[]?>(StringComparer.Ordinal);
        foreach (var (path, content) in files)
        {
            entries[path] = content;
            for (var slash = path.IndexOf('/'); slash > 0; slash = path.IndexOf('/', slash + 1))
            {
                entries[path[..(slash + 1)]] = null;
            }
        }

        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var (path, content) in entries)
            {
                var entry = new UstarTarEntry(content is null ? TarEntryType.Directory : TarEntryType.RegularFile, path)
                {
                    ModificationTime = time,
                    Uid = 0,
                    Gid = 0,
                    UserName = "",
                    GroupName = "",
                    Mode = content is null
                        ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute
                        : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                };
                if (content is not null)
                {
                    entry.DataStream = new MemoryStream(content, writable: false);
                }

                writer.WriteEntry(entry);
            }
        }

        using var gz = new MemoryStream();
        using (var gzip = new GZipStream(gz, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            tar.Position = 0;
            tar.CopyTo(gzip);
        }

        var bytes = gz.ToArray();
        Array.Clear(bytes, GzipMtimeOffset, 4);
        bytes[GzipOsOffset] = GzipOsUnix;
        return bytes;
    }
}
