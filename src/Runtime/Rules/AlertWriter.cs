using System.Text.Json;
using RuleCompiler.Runtime.Rows;
using RuleCompiler.Runtime.Values;

namespace RuleCompiler.Runtime.Rules;

/// <summary>
/// Writes alerts as NDJSON, one line per output row, keys in a fixed order: rule_id, rule_name, severity,
/// risk_score, entities (type and each identifier's value from the row), then the row's own columns under
/// "fields" (nested, so a column called "severity" cannot clash with the alert's).
/// </summary>
public sealed class AlertWriter(Stream output)
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public long Count { get; private set; }

    public void Write(RuleInfo rule, Row row)
    {
        using (var writer = JsonText.CreateWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteString("rule_id", rule.Id);
            writer.WriteString("rule_name", rule.Name);
            writer.WriteString("severity", rule.Severity);
            writer.WriteNumber("risk_score", rule.RiskScore);
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
        }

        output.Write(NewLine);
        Count++;
    }
}
