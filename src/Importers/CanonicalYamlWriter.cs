using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RuleCompiler.Importers;

/// <summary>Writes a <see cref="CanonicalRule"/> as rule YAML with YamlDotNet's emitter, modeline first.</summary>
public static partial class CanonicalYamlWriter
{
    public static string Write(CanonicalRule rule, string schemaPath)
    {
        var text = new StringWriter { NewLine = "\n" };
        var emitter = new Emitter(text, new EmitterSettings().WithBestWidth(120));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        emitter.Emit(new Comment($"yaml-language-server: $schema={schemaPath}", false));
        foreach (var note in rule.PartialNotes)
        {
            emitter.Emit(new Comment("PARTIAL IMPORT: " + OneLine(note), false));
        }

        emitter.Emit(new MappingStart());
        Pair(emitter, "id", rule.Id);
        Pair(emitter, "name", rule.Name);
        if (rule.Version.All(char.IsAsciiDigit) && rule.Version.Length > 0)
        {
            // An integer version (ESCU's) stays an integer; the schema takes an integer or major.minor.patch text.
            Key(emitter, "version");
            emitter.Emit(new Scalar(null, null, rule.Version, ScalarStyle.Plain, true, false));
        }
        else
        {
            Pair(emitter, "version", rule.Version);
        }
        Pair(emitter, "date", rule.Date);
        Pair(emitter, "author", rule.Author);
        Pair(emitter, "status", rule.Status);
        Pair(emitter, "type", rule.Type);
        if (rule.Severity is not null)
        {
            Pair(emitter, "severity", rule.Severity);
        }

        Pair(emitter, "description", rule.Description);
        if (rule.Metadata["how_to_implement"] is { } howTo)
        {
            Entry(emitter, "how_to_implement", howTo);
        }

        if (rule.References.Count > 0)
        {
            Sequence(emitter, "references", rule.References);
        }

        if (rule.KnownFalsePositives is not null)
        {
            Pair(emitter, "known_false_positives", rule.KnownFalsePositives);
        }

        Pair(emitter, "data_source", rule.DataSource);
        Pair(emitter, "search", rule.Search);
        if (rule.Attack.Count > 0)
        {
            Sequence(emitter, "attack", rule.Attack);
        }

        var tags = rule.Metadata["tags"] as CanonicalMap ?? CanonicalMap.Empty;
        if (rule.Cve.Count > 0)
        {
            tags = tags.With("cve", new CanonicalList([.. rule.Cve.Select(c => (CanonicalValue)c)]));
        }

        if (tags.Entries.Count > 0)
        {
            Entry(emitter, "tags", tags);
        }

        foreach (var key in MetadataOrder)
        {
            if (rule.Metadata[key] is { } value)
            {
                Entry(emitter, key, value);
            }
        }

        emitter.Emit(new MappingEnd());
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
        var yaml = text.ToString();
        return yaml.EndsWith('\n') ? yaml : yaml + "\n";
    }

    /// <summary>The nested keys written after <c>attack</c> and <c>tags</c>, in the rule format's order.</summary>
    public static readonly IReadOnlyList<string> MetadataOrder = ["risk", "entities", "alert", "incident", "schedule", "drilldowns", "tests"];

    private static void Entry(IEmitter emitter, string key, CanonicalValue value)
    {
        Key(emitter, key);
        Emit(emitter, value);
    }

    private static void Emit(IEmitter emitter, CanonicalValue value)
    {
        switch (value)
        {
            case CanonicalText text:
                emitter.Emit(Value(text.Value));
                break;
            case CanonicalScalar scalar:
                emitter.Emit(new Scalar(null, null, scalar.Value, ScalarStyle.Plain, true, false));
                break;
            case CanonicalList list:
                emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
                foreach (var item in list.Items)
                {
                    Emit(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case CanonicalMap map:
                emitter.Emit(new MappingStart());
                foreach (var entry in map.Entries)
                {
                    Entry(emitter, entry.Key, entry.Value);
                }

                emitter.Emit(new MappingEnd());
                break;
        }
    }

    private static void Pair(IEmitter emitter, string key, string value)
    {
        Key(emitter, key);
        emitter.Emit(Value(value));
    }

    private static void Sequence(IEmitter emitter, string key, IReadOnlyList<string> values)
    {
        Key(emitter, key);
        emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
        foreach (var value in values)
        {
            emitter.Emit(Value(value));
        }

        emitter.Emit(new SequenceEnd());
    }

    private static void Key(IEmitter emitter, string key) => emitter.Emit(new Scalar(key));

    // Multi-line text as a literal block; text a YAML 1.2 core-schema reader would type as something other than a
    // string (12, true, null, ~, 1.5, empty) double-quoted so it stays a string; the emitter quotes the rest as needed.
    private static Scalar Value(string value)
    {
        var style = value.Contains('\n', StringComparison.Ordinal) && !value.Contains('\r', StringComparison.Ordinal) ? ScalarStyle.Literal
            : NonString().IsMatch(value) || value.Length == 0 ? ScalarStyle.DoubleQuoted
            : ScalarStyle.Any;
        return new Scalar(null, null, value, style, true, true);
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    [GeneratedRegex(@"^(?:[-+]?(?:[0-9][0-9_]*(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|true|True|TRUE|false|False|FALSE|null|Null|NULL|~|\d{4}-\d\d-\d\d.*)$")]
    private static partial Regex NonString();
}
