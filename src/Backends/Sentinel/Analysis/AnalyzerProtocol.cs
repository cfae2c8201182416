using System.Buffers;
using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Backends.Sentinel.Analysis;

/// <summary>The JSON lines exchanged with tools/kql-check/analyze.js (its header comment is the specification).</summary>
internal static class AnalyzerProtocol
{
    public static string SchemaLine(IReadOnlyList<KustoTable> tables) => Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("database", "Sentinel");
        json.WriteStartArray("tables");
        foreach (var table in tables)
        {
            json.WriteStartObject();
            json.WriteString("name", table.Name);
            json.WriteStartArray("columns");
            foreach (var column in table.Columns)
            {
                json.WriteStartObject();
                json.WriteString("name", column.Name);
                json.WriteString("type", column.Type);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("functions");
        json.WriteStartObject();
        json.WriteString("name", Emit.KqlEmitter.GetWatchlist);
        json.WriteString("parameters", "(watchlistAlias:string)");
        json.WriteString("body", WatchlistBody);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    });

    /// <summary>
    /// What every Sentinel workspace's _GetWatchlist returns whatever the watchlist: its item columns vary, so the
    /// analyzer knows the fixed ones, and the emitted KQL reads the item columns from the WatchlistItem bag.
    /// </summary>
    private const string WatchlistBody = "{ datatable(_DTItemId:string, LastUpdatedTimeUTC:datetime, SearchKey:string, WatchlistItem:dynamic)[] }";

    public static string QueryLine(KustoQuery query) => Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("id", query.Id);
        json.WriteString("query", query.Text);
        json.WriteBoolean("literals", query.WithLiterals);
        json.WriteEndObject();
    });

    /// <summary>Null when the header line says the analyzer is ready, else why it is not.</summary>
    public static string? ReadyError(string header)
    {
        using var doc = JsonDocument.Parse(header);
        var root = doc.RootElement;
        if (root.TryGetProperty("ready", out var ready) && ready.ValueKind == JsonValueKind.True)
        {
            return null;
        }

        return root.TryGetProperty("error", out var error) ? error.GetString() : "the analyzer did not report ready";
    }

    public static KustoQueryResult ReadResult(string line, KustoQuery query)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        if (root.TryGetProperty("inputError", out var inputError))
        {
            throw new InvalidOperationException($"the analyzer could not read query {query.Id}: {inputError.GetString()}");
        }

        var diagnostics = root.GetProperty("diagnostics").EnumerateArray().Select(d => new KustoDiagnostic(
            d.GetProperty("severity").GetString() ?? "error",
            d.GetProperty("code").GetString() ?? "",
            d.GetProperty("message").GetString() ?? "",
            d.GetProperty("start").GetInt32(),
            d.GetProperty("length").GetInt32(),
            d.GetProperty("line").GetInt32(),
            d.GetProperty("column").GetInt32()));
        var columns = root.GetProperty("columns").EnumerateArray().Select(c =>
            new SentinelColumn(c.GetProperty("name").GetString() ?? "", c.GetProperty("type").GetString() ?? ""));
        var literals = root.TryGetProperty("literals", out var values)
            ? values.EnumerateArray().Select(ReadExactString)
            : [];
        return new KustoQueryResult(query.Id, [.. diagnostics], [.. columns], [.. literals]);
    }

    public static string PinnedVersion(string lockFile, string package)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(lockFile));
        return doc.RootElement.GetProperty("packages").GetProperty("node_modules/" + package).GetProperty("version").GetString() ?? "";
    }

    public static string InstalledVersion(string packageJson)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(packageJson));
        return doc.RootElement.GetProperty("version").GetString() ?? "";
    }

    /// <summary>
    /// A JSON string exactly as node wrote it. System.Text.Json refuses to unescape a lone surrogate (<c>\ud800</c>),
    /// which Kusto literals may legitimately hold, so the escapes are decoded here.
    /// </summary>
    private static string ReadExactString(JsonElement element)
    {
        var raw = element.GetRawText();
        var text = new StringBuilder(raw.Length);
        for (var i = 1; i < raw.Length - 1; i++)
        {
            if (raw[i] != '\\')
            {
                text.Append(raw[i]);
                continue;
            }

            var escape = raw[++i];
            text.Append(escape switch
            {
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                'b' => '\b',
                'f' => '\f',
                'u' => (char)Convert.ToInt32(raw.Substring(i + 1, 4), 16),
                _ => escape,
            });
            if (escape == 'u')
            {
                i += 4;
            }
        }

        return text.ToString();
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            write(json);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
