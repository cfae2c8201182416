using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using RuleCompiler.Runtime.Values;

namespace RuleCompiler.Runtime.Functions;

/// <summary>
/// Scalar functions of the rule language. Strings treat null as empty; most functions give null for a null
/// argument of the wrong kind rather than failing, so one odd event never stops a rule.
/// </summary>
public static partial class Fn
{
    public static Value Strcat(params Value[] parts)
    {
        var builder = new StringBuilder();
        foreach (var part in parts)
        {
            builder.Append(part.ToText());
        }

        return Value.String(builder.ToString());
    }

    public static Value StrcatDelim(Value delimiter, params Value[] parts) =>
        Value.String(string.Join(delimiter.ToText(), parts.Select(p => p.ToText())));

    public static Value ToLower(Value v) => v.IsNull ? Value.String(string.Empty) : Value.String(v.ToText().ToLowerInvariant());

    public static Value ToUpper(Value v) => v.IsNull ? Value.String(string.Empty) : Value.String(v.ToText().ToUpperInvariant());

    /// <summary>Unicode code points (a surrogate pair is one character), as KQL and SPL count.</summary>
    public static Value Strlen(Value v)
    {
        var text = v.ToText();
        var length = 0L;
        for (var i = 0; i < text.Length; i++)
        {
            if (!(char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])))
            {
                length++;
            }
        }

        return Value.Long(length);
    }

    /// <summary>A negative start counts from the end (<c>substring("abcdef", -2)</c> is "ef"), as SPL's substr.</summary>
    public static Value Substring(Value text, Value start, Value length)
    {
        var s = text.ToText();
        var offset = Conversions.ToLong(start) is { IsNull: false } f ? f.AsLong : 0;
        var from = (int)Math.Clamp(offset < 0 ? s.Length + offset : offset, 0, s.Length);
        var count = length.IsNull ? s.Length - from : (int)Math.Clamp(Conversions.ToLong(length).AsLong, 0, s.Length - from);
        return Value.String(s.Substring(from, count));
    }

    public static Value Substring(Value text, Value start) => Substring(text, start, Value.Null);

    public static Value ReplaceString(Value text, Value lookup, Value rewrite)
    {
        var needle = lookup.ToText();
        return Value.String(needle.Length == 0 ? text.ToText() : text.ToText().Replace(needle, rewrite.ToText(), StringComparison.Ordinal));
    }

    public static Value IndexOf(Value text, Value lookup) =>
        Value.Long(text.ToText().IndexOf(lookup.ToText(), StringComparison.Ordinal));

    /// <summary>The first argument that is not null (and, for strings, not empty), as KQL's coalesce.</summary>
    public static Value Coalesce(params Value[] values)
    {
        foreach (var v in values)
        {
            if (!v.IsNull && !(v.Kind == ValueKind.String && v.AsString!.Length == 0))
            {
                return v;
            }
        }

        return values.Length > 0 ? values[^1] : Value.Null;
    }

    public static Value Split(Value text, Value delimiter)
    {
        var d = delimiter.ToText();
        var s = text.ToText();
        var parts = d.Length == 0 ? [s] : s.Split(d);
        return Value.Array(parts.Select(Value.String).ToArray());
    }

    public static Value Split(Value text, Value delimiter, Value index) =>
        Split(text, delimiter).ElementAt(index.IsNumber ? (int)Conversions.ToLong(index).AsLong : int.MaxValue) is var part && part.IsNull
            ? Value.Array([])
            : Value.Array([part]);

    public static bool IsEmpty(Value v) => v.IsNull || (v.Kind == ValueKind.String && v.AsString!.Length == 0);

    public static bool IsNotEmpty(Value v) => !IsEmpty(v);

    /// <summary>Null, missing and "" are one value (docs/semantics.md decision 1), so isnull is isempty.</summary>
    public static bool IsNull(Value v) => IsEmpty(v);

    public static bool IsNotNull(Value v) => !IsNull(v);

    public static Value ArrayLength(Value v) => v.IsArray ? Value.Long(v.ArrayLength) : Value.Null;

    public static bool SetHasElement(Value array, Value item) => array.Elements().Any(e => ValueComparer.Instance.Equals(e, item));

    public static Value Abs(Value v) => v.Kind switch
    {
        ValueKind.Long => Value.Long(Math.Abs(v.AsLong == long.MinValue ? long.MaxValue : v.AsLong)),
        ValueKind.Real => Value.Real(Math.Abs(v.AsReal)),
        ValueKind.TimeSpan => Value.TimeSpan(v.AsTimeSpan.Duration()),
        _ => Value.Null,
    };

    public static Value Round(Value v) => Round(v, Value.Long(0));

    public static Value Round(Value v, Value digits) => v.Kind switch
    {
        ValueKind.Long => v,
        ValueKind.Real => Value.Real(Math.Round(v.AsReal, (int)Math.Clamp(digits.AsLong, 0, 15), MidpointRounding.AwayFromZero)),
        _ => Value.Null,
    };

    public static Value MaxOf(params Value[] values) => values.Where(v => !v.IsNull).DefaultIfEmpty(Value.Null).Max(ValueComparer.Instance);

    public static Value MinOf(params Value[] values) => values.Where(v => !v.IsNull).DefaultIfEmpty(Value.Null).Min(ValueComparer.Instance);

    // Time ------------------------------------------------------------------------------------------------

    public static Value Now() => Value.DateTime(EvaluationClock.UtcNow);

    public static Value Now(Value offset) => Arithmetic.Add(Now(), offset);

    /// <summary>now() minus the span; null when that leaves year 1..9999.</summary>
    public static Value Ago(Value span) => Arithmetic.Subtract(Now(), span);

    public static Value HourOfDay(Value t) => AsTime(t) is { } dt ? Value.Long(dt.Hour) : Value.Null;

    /// <summary>Days since the preceding Sunday, as a timespan (KQL: Sunday is 0d, Saturday 6d).</summary>
    public static Value DayOfWeek(Value t) => AsTime(t) is { } dt ? Value.TimeSpan(System.TimeSpan.FromDays((int)dt.DayOfWeek)) : Value.Null;

    public static Value DayOfMonth(Value t) => AsTime(t) is { } dt ? Value.Long(dt.Day) : Value.Null;

    public static Value GetMonth(Value t) => AsTime(t) is { } dt ? Value.Long(dt.Month) : Value.Null;

    public static Value GetYear(Value t) => AsTime(t) is { } dt ? Value.Long(dt.Year) : Value.Null;

    public static Value StartOfDay(Value t) => AsTime(t) is { } dt ? Value.DateTime(dt.Date) : Value.Null;

    /// <summary>Rounds down to a multiple of <paramref name="size"/>: datetimes from 1970-01-01, numbers and timespans from 0.</summary>
    public static Value Bin(Value v, Value size)
    {
        switch (v.Kind)
        {
            case ValueKind.DateTime when size.Kind == ValueKind.TimeSpan && size.AsLong > 0:
                var sinceEpoch = v.AsLong - DateTime.UnixEpoch.Ticks;
                return Arithmetic.DateTimeTicks(DateTime.UnixEpoch.Ticks, FloorTo(sinceEpoch, size.AsLong));
            case ValueKind.TimeSpan when size.Kind == ValueKind.TimeSpan && size.AsLong > 0:
                return Value.TimeSpan(new TimeSpan(FloorTo(v.AsLong, size.AsLong)));
            case ValueKind.Long when size.Kind == ValueKind.Long && size.AsLong > 0:
                return Value.Long(FloorTo(v.AsLong, size.AsLong));
            case ValueKind.Long or ValueKind.Real when size.IsNumber && size.AsReal > 0:
                return Value.Real(Math.Floor(v.AsReal / size.AsReal) * size.AsReal);
            default:
                return Value.Null;
        }
    }

    /// <summary>The largest multiple of size at or below value; a floor below long's range stays at its smallest multiple.</summary>
    private static long FloorTo(long value, long size)
    {
        var remainder = value % size;
        if (remainder >= 0)
        {
            return value - remainder;
        }

        var floor = (decimal)value - remainder - size;
        return floor < long.MinValue ? value - remainder : (long)floor;
    }

    private static DateTime? AsTime(Value v) => Conversions.ToDateTime(v) is { IsNull: false } t ? t.AsDateTime : null;

    // Regular expressions and IP addresses --------------------------------------------------------------------

    /// <summary><c>extract(regex, group, text)</c>: the group's text of the first match, or empty.</summary>
    public static Value Extract(Regex regex, Value group, Value text)
    {
        var match = regex.Match(text.ToText());
        var index = (int)Conversions.ToLong(group).AsLong;
        return match.Success && index >= 0 && index < match.Groups.Count && match.Groups[index].Success
            ? Value.String(match.Groups[index].Value)
            : Value.String(string.Empty);
    }

    /// <summary><c>ipv4_is_in_range(ip, "10.0.0.0/8")</c> (a plain address in the range means that address).</summary>
    public static bool Ipv4IsInRange(Value ip, Value range)
    {
        if (!TryIpv4(ip.ToText(), out var address))
        {
            return false;
        }

        var text = range.ToText();
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var prefix = 32;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > 32))
        {
            return false;
        }

        if (!TryIpv4(slash >= 0 ? text[..slash] : text, out var network))
        {
            return false;
        }

        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        return (address & mask) == (network & mask);
    }

    /// <summary>RFC 1918 private ranges.</summary>
    public static bool Ipv4IsPrivate(Value ip) =>
        Ipv4IsInRange(ip, "10.0.0.0/8") || Ipv4IsInRange(ip, "172.16.0.0/12") || Ipv4IsInRange(ip, "192.168.0.0/16");

    private static bool TryIpv4(string text, out uint address)
    {
        address = 0;
        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || !byte.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var octet))
            {
                return false;
            }

            address = (address << 8) | octet;
        }

        return true;
    }
}
