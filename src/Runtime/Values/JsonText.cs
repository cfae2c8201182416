using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RuleCompiler.Runtime.Values;

/// <summary>Writes values as JSON: the one place that decides how a value looks in alerts and in text form.</summary>
public static class JsonText
{
    private static readonly JsonWriterOptions Options = new()
    {
        // Alerts are read by people and tools, not embedded in HTML: keep non-ASCII text readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    public static string Of(Value value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            Write(writer, value);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static Utf8JsonWriter CreateWriter(Stream stream) => new(stream, Options);

    public static Utf8JsonWriter CreateWriter(System.Buffers.IBufferWriter<byte> buffer) => new(buffer, Options);

    public static void Write(Utf8JsonWriter writer, Value value)
    {
        switch (value.Kind)
        {
            case ValueKind.Null:
                writer.WriteNullValue();
                break;
            case ValueKind.String:
                writer.WriteStringValue(value.AsString);
                break;
            case ValueKind.Long:
                writer.WriteNumberValue(value.AsLong);
                break;
            case ValueKind.Real:
                if (double.IsFinite(value.AsReal))
                {
                    writer.WriteNumberValue(value.AsReal);
                }
                else
                {
                    // JSON has no NaN or infinity; write them as their names, as KQL does.
                    writer.WriteStringValue(value.AsReal.ToString(CultureInfo.InvariantCulture));
                }

                break;
            case ValueKind.Bool:
                writer.WriteBooleanValue(value.AsBool);
                break;
            case ValueKind.DateTime:
            case ValueKind.TimeSpan:
                writer.WriteStringValue(value.ToText());
                break;
            case ValueKind.Array when value.TryGetJson(out var array):
                Events.EventStrings.Write(writer, array);
                break;
            case ValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.Elements())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case ValueKind.Object when value.TryGetJson(out var obj):
                Events.EventStrings.Write(writer, obj);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
