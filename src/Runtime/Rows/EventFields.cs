using System.Text.Json;

namespace RuleCompiler.Runtime.Rows;

/// <summary>
/// The top-level fields of one event looked up so far, shared by every rule and stage that reads the event's row:
/// with many rules, the index and each candidate's filter read the same few fields (<c>eventName</c>,
/// <c>eventSource</c>, <c>errorCode</c>), and a <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/>
/// scans the event's properties each time. Names are the generated code's literals, so a hit is usually a
/// reference comparison. Answers are exactly <c>TryGetProperty</c>'s (last duplicate key, case-sensitive).
/// </summary>
internal sealed class EventFields(JsonElement evt)
{
    private Entry[] _entries = new Entry[4];
    private int _count;

    public bool TryGet(string name, out JsonElement value)
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
        var found = evt.TryGetProperty(name, out value);
        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _count * 2);
        }

        _entries[_count++] = new Entry(name, value, found);
        return found;
    }

    private readonly record struct Entry(string Name, JsonElement Value, bool Found);
}
