using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Cli;

/// <summary>
/// The <c>--format json</c> documents: indented UTF-8 JSON with one trailing newline, written by a callback, and
/// diagnostics in one shape (path as shown, line, column, severity, code, message) for every command.
/// </summary>
public static class JsonOutput
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // Rule text is any Unicode; keep it readable, while the writer still escapes quotes and control characters.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Options))
        {
            body(json);
        }

        return WithoutLoggingCommands(Encoding.UTF8.GetString(stream.ToArray())) + "\n";
    }

    /// <summary>
    /// Azure Pipelines acts on <c>##vso[</c> anywhere in a line, inside a JSON string too, and these documents go to
    /// stdout: the second '#' becomes <c>\u0023</c>, the same character to any JSON reader ('#' is only ever in strings).
    /// </summary>
    private static string WithoutLoggingCommands(string json)
    {
        if (!json.Contains("#vso[", StringComparison.OrdinalIgnoreCase))
        {
            return json;
        }

        var builder = new StringBuilder(json.Length + 16);
        for (var i = 0; i < json.Length; i++)
        {
            if (DiagnosticText.SecondHashOfLoggingCommand(json, i))
            {
                builder.Append("\\u0023");
            }
            else
            {
                builder.Append(json[i]);
            }
        }

        return builder.ToString();
    }

    /// <summary>An array property of diagnostics.</summary>
    public static void WriteDiagnostics(Utf8JsonWriter json, string property, IEnumerable<Diagnostic> diagnostics, CliContext context)
    {
        json.WriteStartArray(property);
        foreach (var d in diagnostics)
        {
            json.WriteStartObject();
            json.WriteString("path", context.Display(d.Span.Path).Replace('\\', '/'));
            json.WriteNumber("line", d.Span.Line);
            json.WriteNumber("column", d.Span.Column);
            json.WriteString("severity", d.Severity.ToString().ToLowerInvariant());
            json.WriteString("code", d.Code);
            json.WriteString("message", DiagnosticText.Message(d.Message));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>A string array property.</summary>
    public static void WriteStrings(Utf8JsonWriter json, string property, IEnumerable<string> values)
    {
        json.WriteStartArray(property);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
