using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using RuleCompiler.Runtime.Values;

namespace RuleCompiler.Runtime.Functions;

/// <summary>Text, encoding and date functions beyond the core set (language.md, section 6).</summary>
public static partial class Fn
{
    /// <summary>The rewrite refers to groups as <c>\1</c>..<c>\9</c> (KQL's and SPL's syntax, docs/semantics.md decision 6).</summary>
    public static Value ReplaceRegex(Value text, Regex regex, Value rewrite) =>
        Value.String(regex.Replace(text.ToText(), DotNetReplacement(rewrite.ToText())));

    /// <summary><c>\N</c> becomes <c>$N</c>, <c>\\</c> a backslash, and a literal <c>$</c> is escaped as <c>$$</c>.</summary>
    private static string DotNetReplacement(string rewrite)
    {
        var builder = new StringBuilder(rewrite.Length + 4);
        for (var i = 0; i < rewrite.Length; i++)
        {
            var c = rewrite[i];
            if (c == '$')
            {
                builder.Append("$$");
            }
            else if (c == '\\' && i + 1 < rewrite.Length && char.IsAsciiDigit(rewrite[i + 1]))
            {
                builder.Append("${").Append(rewrite[++i]).Append('}');
            }
            else if (c == '\\' && i + 1 < rewrite.Length && rewrite[i + 1] == '\\')
            {
                builder.Append('\\');
                i++;
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary><c>trim(regex, text)</c>: removes matches of the pattern at both ends (the caller passes it anchored at each end).</summary>
    public static Value Trim(Regex atStart, Regex atEnd, Value text)
    {
        var s = text.ToText();
        var start = atStart.Match(s);
        if (start.Success && start.Index == 0)
        {
            s = s[start.Length..];
        }

        var end = atEnd.Match(s);
        if (end.Success && end.Index + end.Length == s.Length)
        {
            s = s[..end.Index];
        }

        return Value.String(s);
    }

    public static Value IndexOf(Value text, Value lookup, Value start)
    {
        var s = text.ToText();
        var from = Conversions.ToLong(start) is { IsNull: false } f ? f.AsLong : 0;
        return from < 0 || from > s.Length ? Value.Long(-1) : Value.Long(s.IndexOf(lookup.ToText(), (int)from, StringComparison.Ordinal));
    }

    public static Value IndexOfRegex(Value text, Regex regex) => regex.Match(text.ToText()) is { Success: true } m ? Value.Long(m.Index) : Value.Long(-1);

    public static Value StrcatArray(Value array, Value delimiter) =>
        Value.String(string.Join(delimiter.ToText(), array.Elements().Select(e => e.ToText())));

    public static Value Base64DecodeToString(Value text)
    {
        try
        {
            return Value.String(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(System.Convert.FromBase64String(text.ToText())));
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            return Value.Null;
        }
    }

    public static Value UrlDecode(Value text)
    {
        try
        {
            return Value.String(Uri.UnescapeDataString(text.ToText()));
        }
        catch (UriFormatException)
        {
            return Value.Null;
        }
    }

    /// <summary><c>format_datetime(t, "yyyy-MM-dd HH:mm")</c>: KQL's format letters are .NET's for these parts.</summary>
    public static Value FormatDatetime(Value time, Value format)
    {
        if (Conversions.ToDateTime(time) is not { IsNull: false } t)
        {
            return Value.Null;
        }

        try
        {
            return Value.String(t.AsDateTime.ToString(format.ToText(), CultureInfo.InvariantCulture));
        }
        catch (FormatException)
        {
            return Value.Null;
        }
    }

    /// <summary>
    /// <c>datetime_diff(period, a, b)</c>: how many period boundaries lie between b and a (a − b, calendar-based as
    /// KQL: one second across midnight is one day).
    /// </summary>
    public static Value DatetimeDiff(Value period, Value a, Value b)
    {
        if (Conversions.ToDateTime(a) is not { IsNull: false } av || Conversions.ToDateTime(b) is not { IsNull: false } bv)
        {
            return Value.Null;
        }

        DateTime x = av.AsDateTime, y = bv.AsDateTime;
        long Ticks(long unit) => (x.Ticks / unit) - (y.Ticks / unit);
        return period.ToText().ToLowerInvariant() switch
        {
            "year" => Value.Long(x.Year - y.Year),
            "quarter" => Value.Long((((x.Year * 12) + x.Month - 1) / 3) - (((y.Year * 12) + y.Month - 1) / 3)),
            "month" => Value.Long(((x.Year - y.Year) * 12) + x.Month - y.Month),
            // Weeks start on Sunday; 0001-01-01 is a Monday, so day d (from then) lies in week (d + 1) / 7. No DateTime
            // arithmetic, so that dates near year 1 cannot overflow.
            "week" => Value.Long(((x.Ticks / System.TimeSpan.TicksPerDay) + 1) / 7 - (((y.Ticks / System.TimeSpan.TicksPerDay) + 1) / 7)),
            "day" => Value.Long(Ticks(System.TimeSpan.TicksPerDay)),
            "hour" => Value.Long(Ticks(System.TimeSpan.TicksPerHour)),
            "minute" => Value.Long(Ticks(System.TimeSpan.TicksPerMinute)),
            "second" => Value.Long(Ticks(System.TimeSpan.TicksPerSecond)),
            "millisecond" => Value.Long(Ticks(System.TimeSpan.TicksPerMillisecond)),
            _ => Value.Null,
        };
    }

    /// <summary><c>bag_pack("k1", v1, "k2", v2)</c>: an object; a later duplicate key wins.</summary>
    public static Value BagPack(params Value[] keysAndValues)
    {
        var pairs = new Dictionary<string, Value>(StringComparer.Ordinal);
        var order = new List<string>();
        for (var i = 0; i + 1 < keysAndValues.Length; i += 2)
        {
            var key = keysAndValues[i].ToText();
            if (!pairs.ContainsKey(key))
            {
                order.Add(key);
            }

            pairs[key] = keysAndValues[i + 1];
        }

        using var buffer = new MemoryStream();
        using (var writer = JsonText.CreateWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var key in order)
            {
                writer.WritePropertyName(key);
                JsonText.Write(writer, pairs[key]);
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return Value.FromJson(document.RootElement.Clone());
    }
}
