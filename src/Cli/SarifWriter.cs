using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RuleCompiler.Backends.Hosting;
using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Cli;

/// <summary>
/// Writes diagnostics as a SARIF 2.1.0 log, the format GitHub code scanning and other CI tools annotate from.
/// Each code used gets a rule descriptor from <see cref="DiagnosticCatalogue"/> (title, section, help text pointing
/// into docs/diagnostics.md). Paths are relative to the folder that holds the rules repository, the checkout's root
/// in the usual layout (uriBaseId %SRCROOT%), whatever the working directory. Each result has a fingerprint of its
/// code, file and message, so a finding keeps its identity when lines above it move.
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
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var diagnostic in diagnostics)
            {
                WriteResult(json, diagnostic, context, seen);
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
        json.WriteString("version", ToolVersion);
        json.WriteStartArray("rules");
        foreach (var code in diagnostics.Select(d => d.Code).Distinct().Order(StringComparer.Ordinal))
        {
            WriteDescriptor(json, code);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>The rulec version without the build metadata (the commit), so the log does not depend on the checkout.</summary>
    public static string ToolVersion { get; } =
        (typeof(SarifWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    private static void WriteDescriptor(Utf8JsonWriter json, string code)
    {
        json.WriteStartObject();
        json.WriteString("id", code);
        if (DiagnosticCatalogue.Find(code) is { } descriptor)
        {
            var help = $"{descriptor.Code}: {descriptor.Title}. Section \"{descriptor.Category}\" of {DiagnosticDescriptor.HelpDocument}; `rulec explain {descriptor.Code}` prints it.";
            json.WriteStartObject("shortDescription");
            json.WriteString("text", descriptor.Title);
            json.WriteEndObject();
            json.WriteStartObject("fullDescription");
            json.WriteString("text", $"{descriptor.Title} ({descriptor.Category})");
            json.WriteEndObject();
            json.WriteStartObject("help");
            json.WriteString("text", help);
            json.WriteString("markdown", $"**{descriptor.Code}**: {descriptor.Title}.\n\nSee [{descriptor.Category}]({descriptor.HelpPath}) in the rulec diagnostics reference, or run `rulec explain {descriptor.Code}`.");
            json.WriteEndObject();
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(descriptor.Severity));
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteString("helpPath", descriptor.HelpPath);
            json.WriteStartArray("tags");
            json.WriteStringValue(descriptor.Category);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static string Level(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "note",
    };

    private static void WriteResult(Utf8JsonWriter json, Diagnostic diagnostic, CliContext context, Dictionary<string, int> seen)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", diagnostic.Code);
        json.WriteString("level", Level(diagnostic.Severity));
        json.WriteStartObject("message");
        json.WriteString("text", DiagnosticText.Message(diagnostic.Message));
        json.WriteEndObject();
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        var relative = RelativeToSourceRoot(diagnostic.Span.Path, context);
        if (relative is null)
        {
            json.WriteString("uri", new Uri(context.Resolve(diagnostic.Span.Path)).AbsoluteUri);
        }
        else
        {
            json.WriteString("uri", string.Join('/', relative.Split('/').Select(Uri.EscapeDataString)));
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
        json.WriteStartObject("partialFingerprints");
        json.WriteString("rulecFinding/v1", Fingerprint(diagnostic, relative ?? diagnostic.Span.Path, seen));
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>The path relative to the folder holding the rules repository, or null when the file is in none.</summary>
    private static string? RelativeToSourceRoot(string path, CliContext context)
    {
        var full = context.Resolve(path);
        return Compiler.Loading.RuleRepository.FindRepositoryRoot(full) is null ? null : RuleCompilerHost.DisplayPath(full);
    }

    // Code, file and message, not the line: a finding keeps its fingerprint when lines above it are added. Equal
    // findings in one file are told apart by their order of occurrence.
    private static string Fingerprint(Diagnostic diagnostic, string path, Dictionary<string, int> seen)
    {
        var key = $"{diagnostic.Code}\n{path}\n{DiagnosticText.Message(diagnostic.Message)}";
        var occurrence = seen[key] = seen.GetValueOrDefault(key) + 1;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
        return $"{hash}:{occurrence}";
    }
}
