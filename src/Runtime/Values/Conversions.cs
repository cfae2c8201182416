using System.Globalization;
using System.Text.Json;

namespace RuleCompiler.Runtime.Values;

/// <summary>Conversions between kinds (tostring, tolong, todatetime, ...) and the parsing they need.</summary>
public static partial class Conversions
{
    // The digits of a fraction beyond the seven .NET parses: group 1 keeps the first seven.
    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=:\d\d)(\.\d{7})\d+")]
    private static partial System.Text.RegularExpressions.Regex LongFraction();

    private static readonly string[] Iso8601Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd",
    ];

    /// <summary>
    /// An ISO 8601 date and time with any number of fraction digits (beyond seven, 100 ns, they are cut off), with
    /// <c>Z</c>, an offset (converted to UTC) or no zone (UTC).
    /// </summary>
    public static bool TryParseDateTime(string text, out DateTime value)
    {
        if (DateTime.TryParseExact(
                LongFraction().Replace(text, "$1", 1),
                Iso8601Formats,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal,
                out value))
        {
            value = DateTime.SpecifyKind(value, DateTimeKind.Utc);
            return true;
        }

        return false;
    }

    /// <summary><c>tostring</c>: the value's text; null becomes the empty string (language.md).</summary>
    public static Value ToStringValue(Value v) => Value.String(v.ToText());

    public static Value ToLong(Value v) => v.Kind switch
    {
        ValueKind.Long => v,
        ValueKind.Real => double.IsFinite(v.AsReal) ? Value.Long((long)v.AsReal) : Value.Null,
        ValueKind.Bool => Value.Long(v.AsBool ? 1 : 0),
        ValueKind.DateTime or ValueKind.TimeSpan => Value.Long(v.AsLong),
        ValueKind.String when long.TryParse(v.AsString, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => Value.Long(l),
        ValueKind.String when double.TryParse(v.AsString, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => Value.Long((long)d),
        _ => Value.Null,
    };

    public static Value ToReal(Value v) => v.Kind switch
    {
        ValueKind.Long or ValueKind.Real => Value.Real(v.AsReal),
        ValueKind.Bool => Value.Real(v.AsBool ? 1 : 0),
        ValueKind.String when double.TryParse(v.AsString, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => Value.Real(d),
        _ => Value.Null,
    };

    public static Value ToBool(Value v) => v.Kind switch
    {
        ValueKind.Bool => v,
        ValueKind.Long => Value.Bool(v.AsLong != 0),
        ValueKind.Real => Value.Bool(v.AsReal != 0),
        ValueKind.String when bool.TryParse(v.AsString, out var b) => Value.Bool(b),
        _ => Value.Null,
    };

    public static Value ToDateTime(Value v) => v.Kind switch
    {
        ValueKind.DateTime => v,
        ValueKind.String when TryParseDateTime(v.AsString!, out var t) => Value.DateTime(t),
        _ => Value.Null,
    };

    public static Value ToTimeSpan(Value v) => v.Kind switch
    {
        ValueKind.TimeSpan => v,
        ValueKind.String when TimeSpan.TryParse(v.AsString, CultureInfo.InvariantCulture, out var t) => Value.TimeSpan(t),
        _ => Value.Null,
    };

    /// <summary>A string holding JSON becomes the array/object/scalar it encodes; other values are unchanged.</summary>
    public static Value ParseJson(Value v)
    {
        if (v.Kind != ValueKind.String)
        {
            return v;
        }

        try
        {
            using var document = JsonDocument.Parse(v.AsString!);
            return Value.FromJson(document.RootElement.Clone());
        }
        catch (JsonException)
        {
            return v;
        }
    }

    /// <summary>An event's time field in the data source's format (iso8601, epoch_seconds, epoch_millis).</summary>
    public static Value EventTime(Value raw, TimeFormat format)
    {
        switch (format)
        {
            case TimeFormat.EpochSeconds when TryEpoch(raw, out var s):
                return Value.DateTime(DateTime.UnixEpoch.AddTicks((long)(s * System.TimeSpan.TicksPerSecond)));
            case TimeFormat.EpochMillis when TryEpoch(raw, out var ms):
                return Value.DateTime(DateTime.UnixEpoch.AddTicks((long)(ms * System.TimeSpan.TicksPerMillisecond)));
            case TimeFormat.Iso8601:
                return ToDateTime(raw);
            default:
                return Value.Null;
        }
    }

    private static bool TryEpoch(Value raw, out double number)
    {
        var converted = ToReal(raw);
        number = converted.IsNull ? 0 : converted.AsReal;
        // Beyond year 9999 in either unit DateTime cannot hold it: treat it as no time.
        return !converted.IsNull && double.IsFinite(number) && Math.Abs(number) < 2.5e14;
    }
}

/// <summary>How the data source writes its time field (rule-format.md: time_format).</summary>
public enum TimeFormat
{
    Iso8601,
    EpochSeconds,
    EpochMillis,
}
