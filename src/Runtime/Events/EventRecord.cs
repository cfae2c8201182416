using System.Text.Json;

namespace RuleCompiler.Runtime.Events;

/// <summary>
/// One event read from a file. The element is only valid until the reader moves on (its bytes live in the reader's
/// buffer); keep it longer with <see cref="JsonElement.Clone"/> (rows do that through <c>Row.Detached</c>).
/// </summary>
public readonly record struct EventRecord(JsonElement Event, string File, long Line, long Index);

/// <summary>A record or line that could not be read as an event (reported, counted, never fatal).</summary>
public sealed record EventError(string File, long Line, string Code, string Message)
{
    public override string ToString() => $"{File}({Line},1): error {Code}: {Message}";
}
