using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace RuleCompiler.Runtime.Events;

/// <summary>
/// The one treatment of text in events that is not valid Unicode: a lone surrogate (<c>"\udfff"</c>) and bytes
/// that are not UTF-8 are each read as U+FFFD, the replacement character, wherever an event string is read (a
/// value in a rule, a key or string of a dynamic value written to an alert). The event is kept and the rules run;
/// before, the same event was a rule failure in one place, silently changed in another, and cut an alert in half.
/// </summary>
public static class EventStrings
{
    private const char Replacement = '\uFFFD';

    /// <summary>The string value of a JSON string element (a property name too), with invalid text replaced.</summary>
    public static string Read(JsonElement element)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json refuses both cases outright; decode the raw token leniently instead.
            return Decode(JsonMarshal.GetRawUtf8Value(element));
        }
    }

    public static string Read(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            return Decode(JsonMarshal.GetRawUtf8PropertyName(property), quoted: false);
        }
    }

    /// <summary>Writes a JSON element with every string and key read through <see cref="Read(JsonElement)"/>.</summary>
    public static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(Read(property));
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(Read(element));
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    /// <summary>A JSON string token (with its quotes unless <paramref name="quoted"/> is false) decoded leniently.</summary>
    private static string Decode(ReadOnlySpan<byte> token, bool quoted = true)
    {
        var body = quoted && token.Length >= 2 ? token[1..^1] : token;
        var text = new StringBuilder(body.Length);
        var units = new List<char>();
        var i = 0;
        while (i < body.Length)
        {
            if (body[i] != (byte)'\\')
            {
                var run = body[i..].IndexOf((byte)'\\');
                var end = run < 0 ? body.Length : i + run;
                Flush(units, text);
                text.Append(Encoding.UTF8.GetString(body[i..end])); // invalid bytes become U+FFFD
                i = end;
                continue;
            }

            var escape = i + 1 < body.Length ? body[i + 1] : (byte)'\\';
            if (escape == (byte)'u' && i + 6 <= body.Length
                && ushort.TryParse(Encoding.ASCII.GetString(body.Slice(i + 2, 4)), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var unit))
            {
                units.Add((char)unit);
                i += 6;
                continue;
            }

            Flush(units, text);
            text.Append(escape switch
            {
                (byte)'n' => '\n',
                (byte)'t' => '\t',
                (byte)'r' => '\r',
                (byte)'b' => '\b',
                (byte)'f' => '\f',
                _ => (char)escape,
            });
            i += 2;
        }

        Flush(units, text);
        return text.ToString();
    }

    /// <summary>Appends \u escapes collected so far, pairing surrogates and replacing the lone ones.</summary>
    private static void Flush(List<char> units, StringBuilder text)
    {
        for (var k = 0; k < units.Count; k++)
        {
            var c = units[k];
            if (char.IsHighSurrogate(c) && k + 1 < units.Count && char.IsLowSurrogate(units[k + 1]))
            {
                text.Append(c).Append(units[++k]);
            }
            else
            {
                text.Append(char.IsSurrogate(c) ? Replacement : c);
            }
        }

        units.Clear();
    }
}
