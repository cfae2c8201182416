using System.Text.Json;
using RuleCompiler.Runtime.Values;

namespace RuleCompiler.Runtime.Rows;

/// <summary>
/// One row flowing through a pipeline: an event (a JSON object) and the columns stages computed on top of it.
/// Rows are never changed once made; stages make new rows (<see cref="With"/>), so one event row can feed every
/// rule at once. Columns shadow event fields of the same name; <c>project</c> drops the event altogether.
/// </summary>
public sealed class Row
{
    private static readonly KeyValuePair<string, Value>[] NoColumns = [];

    private readonly JsonElement _event;
    private readonly bool _hasEvent;
    private readonly HashSet<string>? _hidden;
    private readonly KeyValuePair<string, Value>[] _columns;
    private Row? _detached;
    private EventFields? _fields;
    private int _generation;
    private TimeSpec? _timeSpec;
    private Value _time;

    private Row(JsonElement evt, bool hasEvent, HashSet<string>? hidden, KeyValuePair<string, Value>[] columns)
    {
        _event = evt;
        _hasEvent = hasEvent;
        _hidden = hidden;
        _columns = columns;
    }

    /// <summary>A row for one event (a JSON object); it reads the event in place.</summary>
    public static Row FromEvent(JsonElement evt) => new(evt, evt.ValueKind == JsonValueKind.Object, null, NoColumns);

    /// <summary>
    /// A row for the next event of a stream, whose top-level fields are looked up once through
    /// <paramref name="fields"/> however many rules read them (until the stream's next event).
    /// </summary>
    public static Row FromEvent(JsonElement evt, EventFields fields)
    {
        fields.Begin(evt);
        return new(evt, evt.ValueKind == JsonValueKind.Object, null, NoColumns) { _fields = fields, _generation = fields.Generation };
    }

    /// <summary>A row of columns only (summarize output, tests).</summary>
    public static Row FromColumns(IEnumerable<KeyValuePair<string, Value>> columns) => new(default, false, null, columns.ToArray());

    public bool HasEvent => _hasEvent;

    /// <summary>
    /// This row with its event copied out of the parse buffer, so stages may keep it after the reader moves on.
    /// Computed once per row, so every rule that keeps the same event shares one copy.
    /// </summary>
    public Row Detached()
    {
        if (!_hasEvent)
        {
            return this;
        }

        return _detached ??= new Row(_event.Clone(), true, _hidden, _columns) { _detached = null };
    }

    public Value Get(FieldPath path)
    {
        var value = GetTop(path.Head);
        if (value.IsNull && path.HeadPath.Length > 1 && !HasColumn(path.Head) && (_hidden is null || !_hidden.Contains(path.Head)))
        {
            value = GetTop(path.HeadPath[0]);
            for (var i = 1; i < path.HeadPath.Length && !value.IsNull; i++)
            {
                value = value.Member(path.HeadPath[i]);
            }
        }

        foreach (var step in path.Rest)
        {
            if (value.IsNull)
            {
                return value;
            }

            value = step.Name is { } name ? value.Member(name) : value.ElementAt(step.Index);
        }

        return value;
    }

    /// <summary>
    /// The JSON element a path reads straight from the event, when no column can shadow it: lets hot predicates
    /// compare without materialising a value. False when the path is missing or goes through a column.
    /// </summary>
    public bool TryGetEventJson(FieldPath path, out JsonElement element)
    {
        element = default;
        if (!_hasEvent || _columns.Length > 0 || _hidden is not null)
        {
            return false;
        }

        return path.TryReadFromTop(TryGetEventTop(path.HeadPath[0], out var top), top, out element);
    }

    /// <summary>A top-level field of the event (not of the columns), through the event's cache of fields read.</summary>
    private bool TryGetEventTop(string name, out JsonElement value) =>
        _fields is { } fields && fields.Generation == _generation ? fields.TryGet(name, out value) : _event.TryGetProperty(name, out value);

    /// <summary>As <see cref="TryGetEventJson"/>, for the rule-set index: the top-level field named <paramref name="name"/>.</summary>
    internal bool TryGetEventTopJson(string name, out JsonElement value)
    {
        value = default;
        return _hasEvent && _columns.Length == 0 && _hidden is null && TryGetEventTop(name, out value);
    }

    /// <summary>A top-level column or event field; null when absent.</summary>
    public Value GetTop(string name)
    {
        foreach (var column in _columns)
        {
            if (string.Equals(column.Key, name, StringComparison.Ordinal))
            {
                return column.Value;
            }
        }

        if (_hasEvent && (_hidden is null || !_hidden.Contains(name)) && TryGetEventTop(name, out var field))
        {
            return Value.FromJson(field);
        }

        return Value.Null;
    }

    /// <summary><c>_time</c>: a column of that name if a stage made one, else the event's time field.</summary>
    public Value Time(TimeSpec spec)
    {
        foreach (var column in _columns)
        {
            if (column.Key == "_time")
            {
                return column.Value;
            }
        }

        if (!_hasEvent)
        {
            return Value.Null;
        }

        if (!ReferenceEquals(_timeSpec, spec))
        {
            _time = Conversions.EventTime(Get(spec.Field), spec.Format);
            _timeSpec = spec;
        }

        return _time;
    }

    /// <summary>This row with columns set (replaced in place when present, appended otherwise).</summary>
    public Row With(params KeyValuePair<string, Value>[] columns)
    {
        // Built in one array (rows are made per event per stage, so this is a hot path).
        var result = new KeyValuePair<string, Value>[_columns.Length + columns.Length];
        Array.Copy(_columns, result, _columns.Length);
        var count = _columns.Length;
        foreach (var column in columns)
        {
            var at = 0;
            while (at < count && result[at].Key != column.Key)
            {
                at++;
            }

            result[at] = column;
            count = Math.Max(count, at + 1);
        }

        if (count < result.Length)
        {
            Array.Resize(ref result, count);
        }

        return new Row(_event, _hasEvent, _hidden, result) { _timeSpec = _timeSpec, _time = _time, _fields = _fields, _generation = _generation };
    }

    public Row With(string name, Value value) => With(new KeyValuePair<string, Value>(name, value));

    /// <summary>This row without the named columns or event fields.</summary>
    public Row Without(IEnumerable<string> names)
    {
        var drop = new HashSet<string>(names, StringComparer.Ordinal);
        HashSet<string>? hidden = null;
        if (_hasEvent)
        {
            hidden = new HashSet<string>(_hidden ?? Enumerable.Empty<string>(), StringComparer.Ordinal);
            hidden.UnionWith(drop);
        }

        return new Row(_event, _hasEvent, hidden, _columns.Where(c => !drop.Contains(c.Key)).ToArray())
        {
            _timeSpec = _timeSpec,
            _time = _time,
            _fields = _fields,
            _generation = _generation,
        };
    }

    /// <summary>
    /// The visible fields in a stable order: the event's top-level fields (document order) unless shadowed or
    /// dropped, then the columns in the order stages made them.
    /// </summary>
    public IEnumerable<KeyValuePair<string, Value>> Fields()
    {
        if (_hasEvent)
        {
            foreach (var property in _event.EnumerateObject())
            {
                if ((_hidden is null || !_hidden.Contains(property.Name)) && !HasColumn(property.Name))
                {
                    yield return new KeyValuePair<string, Value>(property.Name, Value.FromJson(property.Value));
                }
            }
        }

        foreach (var column in _columns)
        {
            yield return column;
        }
    }

    private bool HasColumn(string name)
    {
        foreach (var column in _columns)
        {
            if (column.Key == name)
            {
                return true;
            }
        }

        return false;
    }
}
