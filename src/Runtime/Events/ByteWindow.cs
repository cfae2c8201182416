namespace RuleCompiler.Runtime.Events;

/// <summary>
/// A sliding window over a stream: the unread bytes of a growable buffer, refilled on demand, with the line
/// number of its first byte. It lets the readers work on spans without holding the whole input.
/// </summary>
internal sealed class ByteWindow(Stream stream, int maxRecordBytes = Limits.MaxEventBytes, int initialSize = 1 << 16)
{
    private byte[] _buffer = new byte[initialSize];
    private int _start;
    private int _end;

    public bool AtEnd { get; private set; }

    /// <summary>1-based line number of the first unread byte.</summary>
    public long Line { get; private set; } = 1;

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(_start, _end - _start);

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(_start, _end - _start);

    /// <summary>Reads more bytes, growing the buffer when the unread part fills it; false at the end of the stream.</summary>
    public bool Fill()
    {
        if (AtEnd)
        {
            return false;
        }

        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= maxRecordBytes)
            {
                throw new RecordTooLargeException(maxRecordBytes);
            }

            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, maxRecordBytes));
        }

        var read = stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            AtEnd = true;
            return false;
        }

        _end += read;
        return true;
    }

    /// <summary>Makes sure at least one unread byte is there unless the stream is over.</summary>
    public bool Ensure(int count = 1)
    {
        while (_end - _start < count)
        {
            if (!Fill())
            {
                return _end - _start >= count;
            }
        }

        return true;
    }

    public void Advance(int count)
    {
        Line += System.MemoryExtensions.Count(_buffer.AsSpan(_start, count), (byte)'\n');
        _start += count;
    }

    /// <summary>Skips JSON whitespace (and, when asked, commas between array elements); false at the end.</summary>
    public bool SkipWhitespace(bool commas = false)
    {
        while (Ensure())
        {
            var b = _buffer[_start];
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' || (commas && b == (byte)','))
            {
                Advance(1);
                continue;
            }

            return true;
        }

        return false;
    }

    public void SkipByteOrderMark()
    {
        if (Ensure(3) && _buffer[_start] == 0xEF && _buffer[_start + 1] == 0xBB && _buffer[_start + 2] == 0xBF)
        {
            _start += 3;
        }
    }

    public byte Peek => _buffer[_start];
}

/// <summary>One record does not fit in the window's limit: the reader reports it and reads no further.</summary>
internal sealed class RecordTooLargeException(int limit) : Exception($"a record is larger than the limit of {limit / (1024 * 1024)} MiB")
{
    public int Limit { get; } = limit;
}
