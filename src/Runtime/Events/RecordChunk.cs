namespace RuleCompiler.Runtime.Events;

/// <summary>What a <see cref="RecordChunk"/> holds, which says how its events are read out of it.</summary>
public enum ChunkKind
{
    /// <summary>Whole NDJSON lines, blank ones included (each non-blank line one value).</summary>
    Lines,

    /// <summary>One element of a JSON array or of a CloudTrail Records array (an event when it is an object).</summary>
    Element,

    /// <summary>One whole JSON value outside an array (an event, or a CloudTrail object with Records).</summary>
    Value,
}

/// <summary>
/// Bytes of an events file cut at record boundaries and not parsed yet (<see cref="EventReader.ReadFileChunks"/>),
/// with the file and the line of the first byte; <see cref="EventReader.EventsIn"/> reads the events.
/// </summary>
public readonly record struct RecordChunk(ChunkKind Kind, ReadOnlyMemory<byte> Bytes, string File, long Line);
