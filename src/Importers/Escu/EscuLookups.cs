using System.Collections.Immutable;
using RuleCompiler.Backends.Sentinel.Artifacts;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Model;
using YamlDotNet.RepresentationModel;

namespace RuleCompiler.Importers.Escu;

/// <summary>
/// ESCU's lookup definitions (security_content/lookups/*.yml) as canonical tables. A definition with a
/// <c>collection</c> is a KV store table that a baseline search maintains: a maintained table whose columns are its
/// <c>fields_list</c> (without Splunk's <c>_key</c>). A definition with a <c>filename</c> is a CSV lookup: a maintained
/// table too (ESCU ships the file as a baseline's output, often header only), its columns the CSV header. Columns are
/// text, except <c>firstTime</c> and <c>lastTime</c>, which ESCU's baselines fill with <c>min(_time)</c> and
/// <c>max(_time)</c>: epoch seconds in Splunk, datetimes in the language. Each table's file text is what the importer
/// writes to <c>OUT/tables/NAME.yml</c>.
/// </summary>
internal static class EscuLookups
{
    private static readonly string[] TimeColumns = ["firstTime", "lastTime"];

    /// <summary>
    /// The tables of the lookups folder, by name, and why each definition that does not read as a table does not (by
    /// its name, or its file name when it has none usable): using one of those is RC5047 with that reason.
    /// </summary>
    public static (ImmutableDictionary<string, LookupTable> Tables, ImmutableDictionary<string, string> Unreadable) Read(string lookupsFolder)
    {
        var tables = ImmutableDictionary.CreateBuilder<string, LookupTable>(StringComparer.Ordinal);
        var unreadable = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(lookupsFolder, "*.yml").Order(StringComparer.Ordinal))
        {
            var fallback = Path.GetFileNameWithoutExtension(file);
            if (SourceYaml.LoadMapping(file, File.ReadAllText(file), ImporterDiagnosticCodes.UnreadableSource, "").Root is not { } map)
            {
                unreadable[fallback] = $"{Path.GetFileName(file)} is not one YAML mapping";
                continue;
            }

            var (table, reason) = FromDefinition(map, lookupsFolder, file);
            if (table is not null)
            {
                tables[table.Name] = table;
            }
            else
            {
                unreadable[EscuYaml.Scalar(map, "name") ?? fallback] = $"{Path.GetFileName(file)}: {reason}";
            }
        }

        return (tables.ToImmutable(), unreadable.ToImmutable());
    }

    private static (LookupTable? Table, string? Reason) FromDefinition(YamlMappingNode map, string folder, string file)
    {
        var name = EscuYaml.Scalar(map, "name");
        if (name is null || !IsPlainName(name))
        {
            return (null, "its name is missing or not a table name (lower-case letters, digits and _)");
        }

        var collection = EscuYaml.Scalar(map, "collection");
        var fields = collection is not null
            ? (EscuYaml.Scalar(map, "fields_list") ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : CsvHeader(folder, EscuYaml.Scalar(map, "filename"));
        var columns = fields.Where(f => f != "_key").Distinct(StringComparer.Ordinal).ToList();
        if (columns.Count == 0 || columns.Any(c => !IsColumnName(c)) || (collection is not null && !IsPlainName(collection)))
        {
            return (null, collection is null
                ? "neither a KV store collection with fields_list nor a CSV file beside it with a header of field names"
                : "its fields_list names no fields, or a field or the collection is not a plain name");
        }

        var at = SourceSpan.File(file);
        var description = EscuYaml.Scalar(map, "description") ?? name;
        return (new LookupTable(
            name,
            description.ReplaceLineEndings(" ").Trim(),
            [.. columns.Select(c => new TableColumn(c, TimeColumns.Contains(c) ? FieldType.DateTime : FieldType.String, at))],
            [],
            [],
            collection is null ? "the ESCU baseline search that writes this CSV lookup (outputlookup)" : "the ESCU baseline search that fills this KV store collection (outputlookup)",
            at)
        {
            SplunkCollection = collection,
            CaseSensitiveMatch = !string.Equals(EscuYaml.Scalar(map, "case_sensitive_match"), "false", StringComparison.OrdinalIgnoreCase),
        }, null);
    }

    private static string[] CsvHeader(string folder, string? fileName)
    {
        if (fileName is null || !IsPlainName(fileName.Replace(".csv", "", StringComparison.Ordinal)) || !File.Exists(Path.Combine(folder, fileName)))
        {
            return [];
        }

        using var reader = new StreamReader(Path.Combine(folder, fileName));
        return (reader.ReadLine() ?? "").Split(',', StringSplitOptions.TrimEntries);
    }

    private static bool IsPlainName(string name) => name.Length > 0 && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_') && name[0] != '_';

    private static bool IsColumnName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>The table file (rules/tables/NAME.yml) of an imported table, written with YamlDotNet's emitter (text through YamlScalars).</summary>
    public static string FileText(LookupTable table, string schemaPath)
    {
        var text = new StringWriter { NewLine = "\n" };
        var emitter = new Emitter(text, new EmitterSettings().WithBestWidth(120));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        emitter.Emit(new Comment($"yaml-language-server: $schema={schemaPath}", false));
        emitter.Emit(new MappingStart());
        Pair(emitter, "name", table.Name);
        Pair(emitter, "description", table.Description);
        emitter.Emit(new Scalar("columns"));
        emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
        foreach (var column in table.Columns)
        {
            emitter.Emit(new MappingStart(null, null, true, MappingStyle.Flow));
            Pair(emitter, "name", column.Name);
            Pair(emitter, "type", column.Type == FieldType.DateTime ? "datetime" : "string");
            emitter.Emit(new MappingEnd());
        }

        emitter.Emit(new SequenceEnd());
        Pair(emitter, "maintained_by", table.MaintainedBy!);
        if (!table.CaseSensitiveMatch)
        {
            emitter.Emit(new Scalar("case_sensitive_match"));
            emitter.Emit(new Scalar(null, null, "false", ScalarStyle.Plain, true, false));
        }

        if (table.SplunkCollection is { } collection)
        {
            emitter.Emit(new Scalar("splunk"));
            emitter.Emit(new MappingStart());
            Pair(emitter, "collection", collection);
            emitter.Emit(new MappingEnd());
        }

        emitter.Emit(new MappingEnd());
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    private static void Pair(IEmitter emitter, string key, string value)
    {
        emitter.Emit(new Scalar(key));
        emitter.Emit(YamlScalars.String(value));
    }
}
