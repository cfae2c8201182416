using System.Text;
using System.Text.Json;
using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Cli;

/// <summary>
/// Writes diagnostics as a SARIF 2.1.0 log, the format GitHub code scanning and other CI tools annotate from.
/// Paths are relative to the working directory (uriBaseId %SRCROOT%), forward slashes, in the diagnostics' order.
/// </summary>
public static class SarifWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    public static string Write(IReadOnlyList<Diagnostic> diagnostics, CliContext context)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUri);
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            WriteTool(json, diagnostics);
            json.WriteStartArray("results");
            foreach (var diagnostic in diagnostics)
            {
                WriteResult(json, diagnostic, context);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteTool(Utf8JsonWriter json, IReadOnlyList<Diagnostic> diagnostics)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "rulec");
        json.WriteStartArray("rules");
        foreach (var code in diagnostics.Select(d => d.Code).Distinct().Order(StringComparer.Ordinal))
        {
            json.WriteStartObject();
            json.WriteString("id", code);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, Diagnostic diagnostic, CliContext context)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", diagnostic.Code);
        json.WriteString("level", diagnostic.Severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "note",
        });
        json.WriteStartObject("message");
        json.WriteString("text", DiagnosticText.Message(diagnostic.Message));
        json.WriteEndObject();
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        var shown = context.Display(diagnostic.Span.Path);
        if (Path.IsPathRooted(shown))
        {
            json.WriteString("uri", new Uri(shown).AbsoluteUri);
        }
        else
        {
            json.WriteString("uri", string.Join('/', shown.Replace('\\', '/').Split('/').Select(Uri.EscapeDataString)));
            json.WriteString("uriBaseId", "%SRCROOT%");
        }
        json.WriteEndObject();
        json.WriteStartObject("region");
        json.WriteNumber("startLine", diagnostic.Span.Line);
        json.WriteNumber("startColumn", diagnostic.Span.Column);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
