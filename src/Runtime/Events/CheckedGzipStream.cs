using System.Buffers.Binary;
using System.IO.Compression;

namespace RuleCompiler.Runtime.Events;

/// <summary>
/// Decompresses gzip and, at the end, checks the data read against the file's trailer (CRC-32 and length, RFC
/// 1952). .NET's <see cref="GZipStream"/> ends quietly on a truncated file (a header only, or a cut inside a
/// block), which would lose every event after the cut without a word; this stream throws
/// <see cref="InvalidDataException"/> instead, which the reader reports. A file of several gzip members
/// (<c>cat a.gz b.gz</c>) has a trailer for the last member only: when the check fails and the compressed bytes hold
/// another member header, the check cannot tell and is skipped.
/// </summary>
internal sealed class CheckedGzipStream(Stream compressed) : Stream
{
    private const int HeaderLength = 10;
    private const int TrailerLength = 8;

    private readonly long _start = compressed.Position;
    private readonly GZipStream _inner = new(compressed, CompressionMode.Decompress, leaveOpen: true);
    private uint _crc = uint.MaxValue;
    private long _length;
    private bool _checked;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = _inner.Read(buffer);
        if (read > 0)
        {
            _crc = Crc32.Update(_crc, buffer[..read]);
            _length += read;
        }
        else if (buffer.Length > 0 && !_checked)
        {
            _checked = true;
            CheckTrailer();
        }

        return read;
    }

    private void CheckTrailer()
    {
        var size = compressed.Length - _start;
        if (size < HeaderLength + TrailerLength)
        {
            throw new InvalidDataException($"the gzip data is truncated ({size} bytes, less than a header and a trailer); events may be missing");
        }

        Span<byte> trailer = stackalloc byte[TrailerLength];
        compressed.Position = compressed.Length - TrailerLength;
        compressed.ReadExactly(trailer);
        var expectedCrc = BinaryPrimitives.ReadUInt32LittleEndian(trailer[..4]);
        var expectedLength = BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]);
        if ((expectedCrc == ~_crc && expectedLength == (uint)_length) || HasAnotherMember())
        {
            return;
        }

        throw new InvalidDataException($"the gzip data is truncated or corrupt (its trailer does not match the {_length:N0} bytes decompressed); events may be missing");
    }

    private bool HasAnotherMember()
    {
        compressed.Position = _start + 1;
        var previous = -1;
        var beforePrevious = -1;
        int current;
        while ((current = compressed.ReadByte()) >= 0)
        {
            if (beforePrevious == 0x1f && previous == 0x8b && current == 0x08)
            {
                return true;
            }

            beforePrevious = previous;
            previous = current;
        }

        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>CRC-32 (IEEE 802.3, reflected), the checksum gzip stores.</summary>
    private static class Crc32
    {
        private static readonly uint[] Table = BuildTable();

        public static uint Update(uint crc, ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes)
            {
                crc = Table[(crc ^ b) & 0xff] ^ (crc >> 8);
            }

            return crc;
        }

        private static uint[] BuildTable()
        {
            var table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                var c = n;
                for (var k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                }

                table[n] = c;
            }

            return table;
        }
    }
}
