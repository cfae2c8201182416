using System.Buffers;
using System.Text.Json;
using RuleCompiler.Runtime.Rows;
using RuleCompiler.Runtime.Values;

namespace RuleCompiler.Runtime.Rules;

/// <summary>
/// Writes alerts as NDJSON, one line per output row, keys in a fixed order: rule_id, rule_name, severity,
/// risk_score and risk_message (only when the rule has risk; the message filled from the row), title (the alert
/// title filled from the row, when the rule has one), attack (technique ids), entities (type and each identifier's
/// value from the row), then the row's own columns under "fields" (nested, so a column called "severity" cannot
/// clash with the alert's).
/// An alert is serialised whole into a buffer and then written with its newline in one call, so a failure while
/// serialising (a value that cannot be written) loses that alert and never leaves half a line in the output.
/// </summary>
public sealed class AlertWriter
{
    private readonly Stream _output;

    // One buffer and one JSON writer for every alert: a writer made per alert allocated and cleared its own
    // buffer each time, which cost more than writing the alert (a third of a run's time with many alerts).
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _writer;

    public AlertWriter(Stream output)
    {
        _output = output;
        _writer = JsonText.CreateWriter(_buffer);
    }

    public long Count { get; private set; }

    public void Write(RuleInfo rule, Row row)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset();
        var writer = _writer;
        writer.WriteStartObject();
        writer.WriteString("rule_id", rule.Id);
        writer.WriteString("rule_name", rule.Name);
        writer.WriteString("severity", rule.Severity);
        if (rule.RiskScore is { } score)
        {
            writer.WriteNumber("risk_score", score);
            if (rule.RiskMessage is { } message)
            {
                writer.WriteString("risk_message", AlertText.RiskMessage(message, row));
            }
        }

        if (rule.AlertTitle is { } title)
        {
            writer.WriteString("title", AlertText.Title(title, row));
        }

        writer.WriteStartArray("attack");
        foreach (var technique in rule.Attack)
        {
            writer.WriteStringValue(technique);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("entities");
        foreach (var entity in rule.Entities)
        {
            writer.WriteStartObject();
            writer.WriteString("type", entity.Type);
            foreach (var (identifier, column) in entity.Identifiers)
            {
                writer.WritePropertyName(identifier);
                JsonText.Write(writer, row.GetTop(column));
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartObject("fields");
        foreach (var (name, value) in row.Fields())
        {
            writer.WritePropertyName(name);
            JsonText.Write(writer, value);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();
        _buffer.Write("\n"u8);
        _output.Write(_buffer.WrittenSpan);
        Count++;
    }
}
