using System.Text.Json;

namespace RuleCompiler.Runtime.Events;

/// <summary>
/// Streams events out of the files AWS and tools produce: CloudTrail <c>{"Records":[...]}</c> files, JSON arrays,
/// NDJSON (one event per line) and concatenated JSON objects, each optionally gzip'd. Memory holds one record at
/// a time. Bad lines and records are reported through <c>onError</c> with file and line, and skipped.
/// </summary>
public static class EventReader
{
    public const string MalformedCode = "RC3001";
    public const string NotAnObjectCode = "RC3002";
    public const string UnreadableCode = "RC3003";
    public const string TruncatedCode = "RC3004";
    public const string RecordsNotArrayCode = "RC3005";
    public const string RecordTooLargeCode = "RC3006";

    /// <summary>The events of a file, one at a time (each valid until the next).</summary>
    public static IEnumerable<EventRecord> ReadFile(string path, Action<EventError> onError) =>
        EventsOf(ReadFileChunks(path, onError, SequentialWindowBytes), onError);

    /// <summary>Reads events from a stream; gzip is detected by its magic bytes when the stream can seek.</summary>
    public static IEnumerable<EventRecord> Read(Stream stream, string name, Action<EventError> onError) =>
        EventsOf(Chunks(stream, name, onError, SequentialWindowBytes), onError);

    /// <summary>
    /// The file cut at record boundaries without parsing a record: NDJSON as runs of whole lines (about
    /// <paramref name="chunkBytes"/> each), array and Records elements and whole values one by one (measured, so
    /// syntax errors that end or resume the file are reported here, in place). Gzip is decompressed here. Each
    /// chunk is valid until the next is asked for; <see cref="EventsIn"/> turns it into events, on any thread,
    /// exactly as <see cref="ReadFile"/> would (same events, reports and lines).
    /// </summary>
    public static IEnumerable<RecordChunk> ReadFileChunks(string path, Action<EventError> onError, int chunkBytes)
    {
        Stream stream;
        try
        {
            stream = File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            onError(new EventError(path, 1, UnreadableCode, $"cannot read the events file: {e.Message}"));
            return [];
        }

        return Owned(stream, path, onError, chunkBytes);
    }

    private static IEnumerable<RecordChunk> Owned(Stream stream, string name, Action<EventError> onError, int chunkBytes)
    {
        using (stream)
        {
            foreach (var chunk in Chunks(stream, name, onError, chunkBytes))
            {
                yield return chunk;
            }
        }
    }

    /// <summary>
    /// The events of one chunk, with their lines, reporting bad records through <paramref name="onError"/> in
    /// input order; each event is valid until the next is asked for.
    /// </summary>
    public static IEnumerable<(JsonElement Event, long Line)> EventsIn(RecordChunk chunk, Action<EventError> onError)
    {
        switch (chunk.Kind)
        {
            case ChunkKind.Lines:
                var rest = chunk.Bytes;
                var line = chunk.Line;
                while (!rest.IsEmpty)
                {
                    var newline = rest.Span.IndexOf((byte)'\n');
                    var length = newline < 0 ? rest.Length : newline;
                    var bytes = rest[..length];
                    if (!bytes.Span.Trim(" \t\r"u8).IsEmpty && TryParse(bytes, chunk.File, line, onError) is { } document)
                    {
                        using (document)
                        {
                            if (IsPlainEvent(document, bytes.Span))
                            {
                                yield return (document.RootElement, line);
                            }
                            else
                            {
                                foreach (var element in EventsOf(document, chunk.File, line, onError))
                                {
                                    yield return (element, line);
                                }
                            }
                        }
                    }

                    rest = newline < 0 ? default : rest[(newline + 1)..];
                    line++;
                }

                break;
            case ChunkKind.Element:
                using (var document = JsonDocument.Parse(chunk.Bytes))
                {
                    if (IsObject(document, chunk.File, chunk.Line, onError))
                    {
                        yield return (document.RootElement, chunk.Line);
                    }
                }

                break;
            default:
                using (var document = JsonDocument.Parse(chunk.Bytes))
                {
                    foreach (var element in EventsOf(document, chunk.File, chunk.Line, onError))
                    {
                        yield return (element, chunk.Line);
                    }
                }

                break;
        }
    }

    /// <summary>
    /// An object that is one event, without the work of <see cref="EventsOf(JsonDocument, string, long, Action{EventError})"/>:
    /// its raw text has no <c>"Records"</c> at all, so no key of it is <c>Records</c> (keys are compared raw).
    /// </summary>
    private static bool IsPlainEvent(JsonDocument document, ReadOnlySpan<byte> raw) =>
        document.RootElement.ValueKind == JsonValueKind.Object && raw.IndexOf("\"Records\""u8) < 0;

    /// <summary>The window one thread reads through; a run of lines is at most this long.</summary>
    private const int SequentialWindowBytes = 1 << 16;

    private static IEnumerable<EventRecord> EventsOf(IEnumerable<RecordChunk> chunks, Action<EventError> onError)
    {
        long index = 0;
        foreach (var chunk in chunks)
        {
            foreach (var (element, line) in EventsIn(chunk, onError))
            {
                yield return new EventRecord(element, chunk.File, line, index++);
            }
        }
    }

    private static IEnumerable<RecordChunk> Chunks(Stream stream, string name, Action<EventError> onError, int chunkBytes)
    {
        if (IsGzip(stream))
        {
            stream = new CheckedGzipStream(stream);
        }

        var window = new ByteWindow(stream, initialSize: Math.Max(chunkBytes, 1));
        return Guarded(window, name, onError, chunkBytes);
    }

    private static IEnumerable<RecordChunk> Guarded(ByteWindow window, string name, Action<EventError> onError, int chunkBytes)
    {
        // A broken gzip stream or a failing disk surfaces as an exception from Fill: report it, end the file.
        IEnumerator<RecordChunk>? enumerator = null;
        try
        {
            while (true)
            {
                bool more;
                try
                {
                    enumerator ??= Dispatch(window, name, onError, chunkBytes).GetEnumerator();
                    more = enumerator.MoveNext();
                }
                catch (RecordTooLargeException e)
                {
                    onError(new EventError(name, window.Line, RecordTooLargeCode, $"{e.Message}; the rest of the file was skipped"));
                    yield break;
                }
                catch (Exception e) when (e is IOException or InvalidDataException)
                {
                    onError(new EventError(name, window.Line, UnreadableCode, $"cannot read further: {e.Message}"));
                    yield break;
                }

                if (!more)
                {
                    yield break;
                }

                yield return enumerator.Current;
            }
        }
        finally
        {
            enumerator?.Dispose();
        }
    }

    private static IEnumerable<RecordChunk> Dispatch(ByteWindow window, string name, Action<EventError> onError, int chunkBytes)
    {
        window.SkipByteOrderMark();
        if (!window.SkipWhitespace())
        {
            return [];
        }

        if (window.Peek == (byte)'[')
        {
            window.Advance(1);
            return Elements(window, name, onError, insideArray: true);
        }

        if (StartsWithRecordsArray(window, out var prefixLength))
        {
            window.Advance(prefixLength);
            return RecordsFile(window, name, onError);
        }

        return FirstLineIsWholeValue(window) ? Lines(window, name, chunkBytes) : Elements(window, name, onError, insideArray: false);
    }

    private static bool IsGzip(Stream stream)
    {
        if (!stream.CanSeek)
        {
            return false;
        }

        var position = stream.Position;
        var first = stream.ReadByte();
        var second = stream.ReadByte();
        stream.Position = position;
        return first == 0x1f && second == 0x8b;
    }

    /// <summary>True for a CloudTrail file, <c>{"Records": [</c>; gives the length of that prefix.</summary>
    private static bool StartsWithRecordsArray(ByteWindow window, out int prefixLength)
    {
        prefixLength = 0;
        window.Ensure(256);
        var reader = new Utf8JsonReader(window.Span, isFinalBlock: window.AtEnd, default);
        try
        {
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject
                && reader.Read() && reader.TokenType == JsonTokenType.PropertyName
                && !reader.ValueIsEscaped && reader.ValueSpan.SequenceEqual("Records"u8) // ValueTextEquals throws on "\udfff" (found by fuzzing)
                && reader.Read() && reader.TokenType == JsonTokenType.StartArray)
            {
                prefixLength = (int)reader.BytesConsumed;
                return true;
            }
        }
        catch (JsonException)
        {
            // Not a Records file; the general readers report the problem with its line.
        }

        return false;
    }

    private static bool FirstLineIsWholeValue(ByteWindow window)
    {
        int newline;
        while ((newline = window.Span.IndexOf((byte)'\n')) < 0 && window.Fill())
        {
        }

        var line = newline < 0 ? window.Span : window.Span[..newline];
        // Not the final block: an object that continues on the next line (pretty-printed JSON) is then
        // "incomplete" rather than an error.
        var reader = new Utf8JsonReader(line, isFinalBlock: false, default);
        try
        {
            return reader.Read() && reader.TrySkip() && reader.BytesConsumed > 0
                && line[(int)reader.BytesConsumed..].Trim(" \t\r"u8).IsEmpty;
        }
        catch (JsonException)
        {
            // A malformed first line: NDJSON is still the best guess, so that the rest of the lines are read.
            return true;
        }
    }

    /// <summary>
    /// NDJSON: every non-blank line is one event (a bad line is reported and the next line read), handed on as runs
    /// of whole lines of about <paramref name="chunkBytes"/>; a line longer than the window's limit ends the file.
    /// </summary>
    private static IEnumerable<RecordChunk> Lines(ByteWindow window, string name, int chunkBytes)
    {
        while (window.Ensure())
        {
            // Fill towards a whole chunk first (a gzip stream hands out a few KiB per read); a read that fails
            // fails after the complete lines already read are handed on, as reading line by line does.
            Exception? failed = null;
            try
            {
                while (window.Span.Length < chunkBytes && window.Fill())
                {
                }
            }
            catch (Exception e) when (e is IOException or InvalidDataException)
            {
                failed = e;
            }

            if (failed is not null)
            {
                var complete = window.Span.LastIndexOf((byte)'\n') + 1;
                if (complete > 0)
                {
                    yield return new RecordChunk(ChunkKind.Lines, window.Memory[..complete], name, window.Line);
                    window.Advance(complete);
                }

                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failed);
            }

            var newline = window.Span.LastIndexOf((byte)'\n');
            if (newline < 0 && window.Fill())
            {
                continue;
            }

            var length = newline < 0 ? window.Span.Length : newline + 1;
            yield return new RecordChunk(ChunkKind.Lines, window.Memory[..length], name, window.Line);
            window.Advance(length);
        }
    }

    /// <summary>
    /// Elements of a JSON array (or of CloudTrail's Records array), or whole values one after another. Inside an
    /// array a syntax error cannot be stepped over reliably, so the rest of the file is reported as skipped;
    /// between whole values the reader resumes at the next line that starts with <c>{</c> (the start of the next
    /// pretty-printed object, or the next NDJSON line after a truncated one), so one bad record loses only itself.
    /// </summary>
    private static IEnumerable<RecordChunk> Elements(ByteWindow window, string name, Action<EventError> onError, bool insideArray)
    {
        while (true)
        {
            if (!window.SkipWhitespace(commas: insideArray))
            {
                if (insideArray)
                {
                    onError(new EventError(name, window.Line, TruncatedCode, "the file ends inside a JSON array (missing ']')"));
                }

                yield break;
            }

            if (insideArray && window.Peek == (byte)']')
            {
                yield break;
            }

            var line = window.Line;
            var length = MeasureValue(window, name, onError, insideArray);
            if (length < 0)
            {
                if (!insideArray && length == Resumable && SkipToNextObjectLine(window))
                {
                    continue;
                }

                yield break;
            }

            yield return new RecordChunk(insideArray ? ChunkKind.Element : ChunkKind.Value, window.Memory[..length], name, line);
            window.Advance(length);
        }
    }

    /// <summary>What <see cref="MeasureValue"/> returns for a syntax error that a reader of whole values can step over.</summary>
    private const int Resumable = -2;

    /// <summary>
    /// The byte length of the complete JSON value at the window's start, reading more as needed; -1 when the file
    /// cannot be read further, <see cref="Resumable"/> for a syntax error outside an array.
    /// </summary>
    private static int MeasureValue(ByteWindow window, string name, Action<EventError> onError, bool insideArray)
    {
        while (true)
        {
            var reader = new Utf8JsonReader(window.Span, isFinalBlock: window.AtEnd, default);
            try
            {
                if (reader.Read() && reader.TrySkip())
                {
                    return (int)reader.BytesConsumed;
                }
            }
            catch (JsonException e)
            {
                var at = window.Line + (e.LineNumber ?? 0);
                if (insideArray)
                {
                    onError(new EventError(name, at, MalformedCode, $"malformed JSON ({FirstSentence(e.Message)}); the rest of the file was skipped"));
                    return -1;
                }

                // Reported where the bad record starts, which is what the user looks for.
                onError(new EventError(name, window.Line, MalformedCode,
                    $"malformed JSON record ({FirstSentence(e.Message)} at line {at}); skipped to the next line that starts with '{{'"));
                return Resumable;
            }

            if (!window.Fill())
            {
                onError(new EventError(name, window.Line, TruncatedCode, "the file ends inside a JSON value"));
                return -1;
            }
        }
    }

    /// <summary>Skips the current line and every following one that does not start with <c>{</c>; false at the end.</summary>
    private static bool SkipToNextObjectLine(ByteWindow window)
    {
        while (true)
        {
            int newline;
            while ((newline = window.Span.IndexOf((byte)'\n')) < 0 && window.Fill())
            {
            }

            if (newline < 0)
            {
                return false;
            }

            window.Advance(newline + 1);
            if (!window.Ensure())
            {
                return false;
            }

            if (window.Peek == (byte)'{')
            {
                return true;
            }
        }
    }

    private static JsonDocument? TryParse(ReadOnlyMemory<byte> bytes, string name, long line, Action<EventError> onError)
    {
        try
        {
            return JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            onError(new EventError(name, line, MalformedCode, $"malformed JSON line ({FirstSentence(e.Message)}); skipped"));
            return null;
        }
    }

    /// <summary>
    /// The events one top-level JSON value holds: the value itself when it is an object, or, for an object with a
    /// <c>Records</c> key (a CloudTrail file whose first key is not <c>Records</c>, such as
    /// <c>{"NextToken": ..., "Records": [...]}</c>), each record. A <c>Records</c> that is not an array is reported,
    /// never read as one event.
    /// </summary>
    private static List<JsonElement> EventsOf(JsonDocument document, string name, long line, Action<EventError> onError)
    {
        var root = document.RootElement;
        if (!IsObject(document, name, line, onError))
        {
            return [];
        }

        if (RecordsOf(root) is not { } records)
        {
            return [root];
        }

        if (records.ValueKind != JsonValueKind.Array)
        {
            onError(new EventError(name, line, RecordsNotArrayCode,
                $"'Records' is {records.ValueKind.ToString().ToLowerInvariant()}, not an array of events; skipped"));
            return [];
        }

        var events = new List<JsonElement>();
        foreach (var record in records.EnumerateArray())
        {
            if (record.ValueKind == JsonValueKind.Object)
            {
                events.Add(record);
            }
            else
            {
                onError(new EventError(name, line, NotAnObjectCode, $"an event must be a JSON object, not {record.ValueKind.ToString().ToLowerInvariant()}; skipped"));
            }
        }

        return events;
    }

    // Compared on the raw key: TryGetProperty unescapes every key on the way and throws on a lone surrogate
    // escape ("\udfff"), which fuzzing found; such a key is simply not "Records".
    private static JsonElement? RecordsOf(JsonElement root)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (System.Runtime.InteropServices.JsonMarshal.GetRawUtf8PropertyName(property).SequenceEqual("Records"u8))
            {
                return property.Value;
            }
        }

        return null;
    }

    /// <summary>
    /// A file that starts <c>{"Records": [</c>: the records streamed one at a time, then the rest of that object
    /// (other keys are read and checked, not events), then any further values, so that concatenated Records files
    /// and trailing garbage are read or reported rather than silently dropped.
    /// </summary>
    private static IEnumerable<RecordChunk> RecordsFile(ByteWindow window, string name, Action<EventError> onError)
    {
        foreach (var record in Elements(window, name, onError, insideArray: true))
        {
            yield return record;
        }

        // Elements stops at the closing ']' or after reporting a problem that ends the file.
        if (!window.Ensure() || window.Peek != (byte)']')
        {
            yield break;
        }

        window.Advance(1);
        if (!SkipRestOfObject(window, name, onError))
        {
            yield break;
        }

        foreach (var record in Elements(window, name, onError, insideArray: false))
        {
            yield return record;
        }
    }

    /// <summary>Skips <c>, "key": value ... }</c> after the Records array; false (reported) when it is not that.</summary>
    private static bool SkipRestOfObject(ByteWindow window, string name, Action<EventError> onError)
    {
        while (true)
        {
            if (!window.SkipWhitespace())
            {
                onError(new EventError(name, window.Line, TruncatedCode, "the file ends inside the Records object (missing '}')"));
                return false;
            }

            if (window.Peek == (byte)'}')
            {
                window.Advance(1);
                return true;
            }

            if (window.Peek != (byte)',' || !SkipMember(window, name, onError))
            {
                onError(new EventError(name, window.Line, MalformedCode, "malformed JSON after the Records array (expected ',' or '}'); the rest of the file was skipped"));
                return false;
            }
        }
    }

    private static bool SkipMember(ByteWindow window, string name, Action<EventError> onError)
    {
        window.Advance(1);
        if (!window.SkipWhitespace() || window.Peek != (byte)'"')
        {
            return false;
        }

        var keyLength = MeasureValue(window, name, onError, insideArray: true);
        if (keyLength < 0)
        {
            return false;
        }

        window.Advance(keyLength);
        if (!window.SkipWhitespace() || window.Peek != (byte)':')
        {
            return false;
        }

        window.Advance(1);
        if (!window.SkipWhitespace())
        {
            return false;
        }

        var valueLength = MeasureValue(window, name, onError, insideArray: true);
        if (valueLength < 0)
        {
            return false;
        }

        window.Advance(valueLength);
        return true;
    }

    private static bool IsObject(JsonDocument document, string name, long line, Action<EventError> onError)
    {
        if (document.RootElement.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        onError(new EventError(name, line, NotAnObjectCode, $"an event must be a JSON object, not {document.RootElement.ValueKind.ToString().ToLowerInvariant()}; skipped"));
        return false;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).TrimEnd('.');
    }
}
