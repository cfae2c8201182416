using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RuleCompiler.Backends.Importers;

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
        Pair(emitter, "version", rule.Version);
        Pair(emitter, "date", rule.Date);
        Pair(emitter, "author", rule.Author);
        Pair(emitter, "status", rule.Status);
        Pair(emitter, "type", rule.Type);
        if (rule.Severity is not null)
        {
            Pair(emitter, "severity", rule.Severity);
        }

        Pair(emitter, "description", rule.Description);
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

        if (rule.Cve.Count > 0)
        {
            Key(emitter, "tags");
            emitter.Emit(new MappingStart());
            Sequence(emitter, "cve", rule.Cve);
            emitter.Emit(new MappingEnd());
        }

        emitter.Emit(new MappingEnd());
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
        var yaml = text.ToString();
        return yaml.EndsWith('\n') ? yaml : yaml + "\n";
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
