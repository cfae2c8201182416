using System.Globalization;
using System.Text.Json;

namespace RuleCompiler.Runtime.Values;

/// <summary>
/// One value of the rule language. A struct so that reading a field does not allocate; arrays and objects
/// read from an event stay as <see cref="JsonElement"/> views until something needs their elements.
/// </summary>
public readonly struct Value : IEquatable<Value>
{
    private readonly object? _ref;      // string, or Value[] for arrays built at run time
    private readonly long _bits;        // long, double bits, bool, ticks
    private readonly JsonElement _json; // arrays and objects read from an event

    public ValueKind Kind { get; }

    private Value(ValueKind kind, long bits = 0, object? reference = null, JsonElement json = default)
    {
        Kind = kind;
        _bits = bits;
        _ref = reference;
        _json = json;
    }

    public static readonly Value Null;

    public static Value String(string? s) => s is null ? Null : new Value(ValueKind.String, reference: s);

    public static Value Long(long l) => new(ValueKind.Long, l);

    public static Value Real(double d) => new(ValueKind.Real, BitConverter.DoubleToInt64Bits(d));

    public static Value Bool(bool b) => new(ValueKind.Bool, b ? 1 : 0);

    /// <summary>A datetime; always UTC.</summary>
    public static Value DateTime(DateTime t) =>
        new(ValueKind.DateTime, (t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : t).Ticks);

    public static Value TimeSpan(TimeSpan t) => new(ValueKind.TimeSpan, t.Ticks);

    public static Value Array(Value[] items) => new(ValueKind.Array, reference: items);

    /// <summary>A value read from JSON: scalars become typed values, arrays and objects stay views.</summary>
    public static Value FromJson(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => new Value(ValueKind.String, reference: Events.EventStrings.Read(e)),
        JsonValueKind.Number => e.TryGetInt64(out var l) ? Long(l) : Real(e.GetDouble()),
        JsonValueKind.True => Bool(true),
        JsonValueKind.False => Bool(false),
        JsonValueKind.Array => new Value(ValueKind.Array, json: e),
        JsonValueKind.Object => new Value(ValueKind.Object, json: e),
        _ => Null,
    };

    public static implicit operator Value(string? s) => String(s);

    public static implicit operator Value(long l) => Long(l);

    public static implicit operator Value(double d) => Real(d);

    public static implicit operator Value(bool b) => Bool(b);

    public static implicit operator Value(TimeSpan t) => TimeSpan(t);

    public static implicit operator Value(DateTime t) => DateTime(t);

    public bool IsNull => Kind == ValueKind.Null;

    public bool IsNumber => Kind is ValueKind.Long or ValueKind.Real;

    public bool IsArray => Kind == ValueKind.Array;

    public string? AsString => Kind == ValueKind.String ? (string)_ref! : null;

    public long AsLong => _bits;

    public double AsReal => Kind == ValueKind.Long ? _bits : BitConverter.Int64BitsToDouble(_bits);

    public bool AsBool => _bits != 0;

    public DateTime AsDateTime => new(_bits, DateTimeKind.Utc);

    public TimeSpan AsTimeSpan => new(_bits);

    /// <summary>The JSON element behind an array or object read from an event, if any.</summary>
    public bool TryGetJson(out JsonElement element)
    {
        element = _json;
        return Kind is ValueKind.Array or ValueKind.Object && _ref is null;
    }

    public int ArrayLength => Kind != ValueKind.Array ? 0 : _ref is Value[] a ? a.Length : _json.GetArrayLength();

    /// <summary>The elements of an array (empty for any other kind).</summary>
    public IEnumerable<Value> Elements()
    {
        if (Kind != ValueKind.Array)
        {
            yield break;
        }

        if (_ref is Value[] items)
        {
            foreach (var item in items)
            {
                yield return item;
            }

            yield break;
        }

        foreach (var item in _json.EnumerateArray())
        {
            yield return FromJson(item);
        }
    }

    /// <summary>Element <paramref name="index"/> of an array; negative counts from the end; null when out of range.</summary>
    public Value ElementAt(int index)
    {
        var length = ArrayLength;
        if (index < 0)
        {
            index += length;
        }

        if (Kind != ValueKind.Array || index < 0 || index >= length)
        {
            return Null;
        }

        return _ref is Value[] items ? items[index] : FromJson(_json[index]);
    }

    /// <summary>
    /// Member <paramref name="name"/> of an object; null when absent and on anything else, an array included
    /// (docs/semantics.md decision 3: <c>resources.ARN</c> is null; index the array or mv-expand it).
    /// </summary>
    public Value Member(string name) =>
        Kind == ValueKind.Object && _ref is null && _json.TryGetProperty(name, out var member) ? FromJson(member) : Null;

    /// <summary>
    /// The text of the value as string operators see it: null is the empty string, numbers and bools their JSON
    /// text, datetimes ISO 8601, arrays and objects compact JSON.
    /// </summary>
    public string ToText() => Kind switch
    {
        ValueKind.Null => string.Empty,
        ValueKind.String => (string)_ref!,
        ValueKind.Long => _bits.ToString(CultureInfo.InvariantCulture),
        ValueKind.Real => FormatReal(AsReal),
        ValueKind.Bool => _bits != 0 ? "true" : "false",
        ValueKind.DateTime => AsDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        ValueKind.TimeSpan => AsTimeSpan.ToString("c", CultureInfo.InvariantCulture),
        _ => JsonText.Of(this),
    };

    public override string ToString() => ToText();

    internal static string FormatReal(double d) =>
        double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : d.ToString(CultureInfo.InvariantCulture);

    public bool Equals(Value other) => ValueComparer.Instance.Equals(this, other);

    public override bool Equals(object? obj) => obj is Value v && Equals(v);

    public override int GetHashCode() => ValueComparer.Instance.GetHashCode(this);
}
