namespace RuleCompiler.Cli;

/// <summary>
/// The alerts' NDJSON on its way to stdout, which may be a CI log: Azure Pipelines acts on <c>##vso[</c> anywhere
/// in a line (in any case), and an alert carries rule and event text. The second '#' of each becomes the JSON escape
/// <c>\u0023</c>, the same string to any JSON reader ('#' occurs only inside JSON strings). A match may span two
/// writes, so bytes that could still begin one are held back until the next write or the end.
/// </summary>
public sealed class LoggingCommandSafeStream(Stream inner) : Stream
{
    private static readonly byte[] Command = "##vso["u8.ToArray();
    private static readonly byte[] EscapedHashes = "#\\u0023"u8.ToArray();

    private byte[] _held = [];

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_held.Length == 0)
        {
            WriteSafe(buffer);
            return;
        }

        byte[] joined = [.. _held, .. buffer];
        _held = [];
        WriteSafe(joined);
    }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // What was held could only have begun a command that never came.
            inner.Write(_held);
            _held = [];
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void WriteSafe(ReadOnlySpan<byte> data)
    {
        var start = 0;
        for (var i = data.IndexOf((byte)'#'); i >= 0 && i < data.Length; i = NextHash(data, i + 1))
        {
            var matched = MatchedLength(data[i..]);
            if (matched == Command.Length)
            {
                inner.Write(data[start..i]);
                inner.Write(EscapedHashes);
                start = i + 2;
                i = start - 1;
            }
            else if (i + matched == data.Length)
            {
                inner.Write(data[start..i]);
                _held = data[i..].ToArray();
                return;
            }
        }

        inner.Write(data[start..]);
    }

    private static int NextHash(ReadOnlySpan<byte> data, int from) =>
        from >= data.Length ? -1 : data[from..].IndexOf((byte)'#') is var at and >= 0 ? from + at : -1;

    /// <summary>How many bytes from the start of <paramref name="data"/> follow <c>##vso[</c>, letters in any case.</summary>
    private static int MatchedLength(ReadOnlySpan<byte> data)
    {
        var length = 0;
        while (length < Command.Length && length < data.Length
            && (data[length] == Command[length] || (Command[length] is >= (byte)'a' and <= (byte)'z' && (data[length] | 0x20) == Command[length])))
        {
            length++;
        }

        return length;
    }
}
