using System.Text.Json;

namespace RuleCompiler.Runtime.Rows;

/// <summary>
/// The top-level fields of the current event looked up so far, shared by every rule and stage that reads the
/// event's row: with many rules, the index and each candidate's filter read the same few fields
/// (<c>eventName</c>, <c>eventSource</c>, <c>errorCode</c>), and a
/// <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/> scans the event's properties each time. One
/// instance serves one thread's events one after another (<see cref="Row.FromEvent(JsonElement, EventFields)"/>
/// starts the next), so it allocates nothing per event; a row of an earlier event no longer uses it. Names are the
/// generated code's interned literals, so a hit is usually a reference comparison. Answers are exactly
/// <c>TryGetProperty</c>'s (last duplicate key, case-sensitive).
/// </summary>
public sealed class EventFields
{
    private Entry[] _entries = new Entry[16];
    private int _count;
    private JsonElement _event;

    /// <summary>Which event the entries are for; rows remember it to tell whether the entries are still theirs.</summary>
    internal int Generation { get; private set; }

    internal void Begin(JsonElement evt)
    {
        _event = evt;
        _count = 0;
        Generation++;
    }

    internal bool TryGet(string name, out JsonElement value)
    {
        var entries = _entries;
        for (var i = 0; i < _count; i++)
        {
            if (ReferenceEquals(entries[i].Name, name))
            {
                value = entries[i].Value;
                return entries[i].Found;
            }
        }

        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(entries[i].Name, name, StringComparison.Ordinal))
            {
                value = entries[i].Value;
                return entries[i].Found;
            }
        }

        // May throw on a key System.Text.Json cannot read (a lone surrogate escape): nothing is cached then, and
        // the caller fails exactly as it would without the cache.
        var found = _event.TryGetProperty(name, out value);
        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _count * 2);
        }

        _entries[_count++] = new Entry(name, value, found);
        return found;
    }

    private readonly record struct Entry(string Name, JsonElement Value, bool Found);
}
