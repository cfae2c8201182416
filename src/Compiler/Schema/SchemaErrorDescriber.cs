using NJsonSchema;
using NJsonSchema.Validation;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Yaml;

namespace RuleCompiler.Compiler.Schema;

/// <summary>Turns one NJsonSchema error into a diagnostic in the user's terms, at the YAML node it concerns.</summary>
internal sealed class SchemaErrorDescriber(IReadOnlyList<YamlNode> lineNodes)
{
    public Diagnostic Describe(ValidationError error)
    {
        var node = error.HasLineInfo ? YamlToJsonText.NodeAt(lineNodes, error.LineNumber) : lineNodes[0];
        var where = FieldPath(error);
        var schema = error.Schema;
        var (code, message) = error.Kind switch
        {
            ValidationErrorKind.StringExpected or ValidationErrorKind.IntegerExpected or ValidationErrorKind.NumberExpected
                or ValidationErrorKind.BooleanExpected or ValidationErrorKind.ObjectExpected or ValidationErrorKind.ArrayExpected
                or ValidationErrorKind.NullExpected or ValidationErrorKind.NoTypeValidates
                => (SchemaDiagnosticCodes.WrongType, $"{where} must be {TypeWords(schema)}, found {Describe(node)}"),
            ValidationErrorKind.PropertyRequired
                => (SchemaDiagnosticCodes.MissingField, $"missing required field '{error.Property}'{In(Parent(where))}"),
            ValidationErrorKind.NoAdditionalPropertiesAllowed
                => (SchemaDiagnosticCodes.UnknownField,
                    $"unknown field '{error.Property}'{In(Parent(where))}{DidYouMean.Hint(error.Property ?? "", KnownProperties(error))}"),
            ValidationErrorKind.NotInEnumeration
                => (SchemaDiagnosticCodes.NotAllowedValue, NotInEnumeration(where, node, schema)),
            ValidationErrorKind.PatternMismatch
                => (SchemaDiagnosticCodes.PatternMismatch, $"{where} is {Quoted(node)}, which is not {PatternWords(schema)}"),
            ValidationErrorKind.NumberTooBig or ValidationErrorKind.NumberTooSmall
                => (SchemaDiagnosticCodes.OutOfRange, $"{where} is {(node as YamlScalar)?.Value}, outside the range {Range(schema)}"),
            ValidationErrorKind.TooManyItems or ValidationErrorKind.TooManyProperties
                => (SchemaDiagnosticCodes.WrongCount, $"{where} has too many entries (at most {MaxCount(schema)})"),
            ValidationErrorKind.TooFewItems or ValidationErrorKind.TooFewProperties
                => (SchemaDiagnosticCodes.WrongCount, $"{where} has too few entries (at least {MinCount(schema)})"),
            ValidationErrorKind.StringTooShort
                => (SchemaDiagnosticCodes.EmptyValue, $"{where} must not be empty"),
            ValidationErrorKind.ItemsNotUnique
                => (SchemaDiagnosticCodes.DuplicateItem, $"{where} lists the same value twice"),
            // A schema says "these keys exclude each other" as not: {required: [...]}, and "one of these keys" as anyOf of
            // required lists: both read as the keys they name.
            ValidationErrorKind.ExcludedSchemaValidates when schema?.ActualSchema.Not?.RequiredProperties is { Count: > 1 } both
                => (SchemaDiagnosticCodes.OtherViolation, $"{where} has {Keys(both, "and")}, which exclude each other: keep one"),
            ValidationErrorKind.NotAnyOf when RequiredAlternatives(schema) is { Count: > 1 } alternatives
                => (SchemaDiagnosticCodes.MissingField, $"{where} needs {Keys(alternatives, "or")}"),
            _ => (SchemaDiagnosticCodes.OtherViolation, $"{where} does not match the schema ({error.Kind})"),
        };
        return Diagnostic.Error(code, message, node.Span);
    }

    private static string Keys(IEnumerable<string> keys, string conjunction)
    {
        var quoted = keys.Select(k => $"'{k}'").ToList();
        return string.Join(", ", quoted[..^1]) + $" {conjunction} " + quoted[^1];
    }

    // The keys of an anyOf whose every branch only requires one key, or null for any other anyOf.
    internal static List<string>? RequiredAlternatives(JsonSchema? schema)
    {
        var branches = schema?.ActualSchema.AnyOf;
        return branches is { Count: > 0 } && branches.All(b => b.RequiredProperties.Count == 1 && b.Properties.Count == 0)
            ? [.. branches.Select(b => b.RequiredProperties.Single())]
            : null;
    }

    // NJsonSchema paths look like "#/entities[0].type"; users write entities[0].type.
    private static string FieldPath(ValidationError error)
    {
        var path = error.Path ?? "";
        path = path.StartsWith("#/", StringComparison.Ordinal) ? path[2..] : path.TrimStart('#');
        return path.Length == 0 ? "the document" : $"'{path}'";
    }

    private static string Parent(string where)
    {
        var path = where.Trim('\'');
        var cut = path.LastIndexOf('.');
        return cut < 0 ? "" : $"'{path[..cut]}'";
    }

    private static string In(string where) => where is "" or "the document" ? "" : $" in {where}";

    private static IEnumerable<string> KnownProperties(ValidationError error) =>
        error.Schema is { } s ? s.ActualSchema.ActualProperties.Keys : [];

    private static string NotInEnumeration(string where, YamlNode node, JsonSchema? schema)
    {
        var allowed = schema?.ActualSchema.Enumeration.Select(e => e?.ToString() ?? "null").ToArray() ?? [];
        var value = node is YamlScalar scalar ? scalar.Value : "";
        return $"{where} is {Quoted(node)}, which is not one of: {string.Join(", ", allowed)}{DidYouMean.Hint(value, allowed)}";
    }

    private static string TypeWords(JsonSchema? schema)
    {
        var type = schema?.ActualSchema.Type ?? JsonObjectType.None;
        var words = new List<string>();
        foreach (var (flag, word) in new[]
                 {
                     (JsonObjectType.String, "a string"), (JsonObjectType.Integer, "an integer"), (JsonObjectType.Number, "a number"),
                     (JsonObjectType.Boolean, "true or false"), (JsonObjectType.Object, "a mapping"), (JsonObjectType.Array, "a list"),
                 })
        {
            if (type.HasFlag(flag))
            {
                words.Add(word);
            }
        }

        return words.Count == 0 ? "something else" : string.Join(" or ", words);
    }

    private static string Describe(YamlNode node) => node switch
    {
        YamlMapping => "a mapping",
        YamlSequence => "a list",
        YamlScalar scalar => YamlScalarTyping.Resolve(scalar) switch
        {
            null => "nothing (null)",
            bool => $"the boolean {scalar.Value}",
            long or double => $"the number {scalar.Value}",
            _ => $"the string {Quoted(scalar)}",
        },
        _ => "a value",
    };

    private static string Quoted(YamlNode node) => node is YamlScalar scalar ? $"'{Shorten(scalar.Value)}'" : "a collection";

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..57] + "...";

    private static string PatternWords(JsonSchema? schema) => schema?.ActualSchema.Pattern switch
    {
        { } p when p.Contains("{12}", StringComparison.Ordinal) => "a UUID (8-4-4-4-12 hexadecimal digits)",
        { } p when p.StartsWith("^[0-9]{4}-", StringComparison.Ordinal) => "a date YYYY-MM-DD",
        { } p when p.StartsWith("^T", StringComparison.Ordinal) => "an ATT&CK technique id such as T1204 or T1204.003",
        { } p when p.StartsWith("^[a-z0-9]", StringComparison.Ordinal) => "a snake_case name (lowercase letters, digits, _)",
        { } p when p.StartsWith("^https?", StringComparison.Ordinal) => "an http(s) URL",
        { } p when p.Contains("\\.[0-9]+\\.", StringComparison.Ordinal) => "an integer or major.minor.patch",
        { } p => $"in the expected form ({p})",
        null => "in the expected form",
    };

    private static string Range(JsonSchema? schema) =>
        $"{schema?.ActualSchema.Minimum?.ToString() ?? "-inf"}..{schema?.ActualSchema.Maximum?.ToString() ?? "inf"}";

    private static string MaxCount(JsonSchema? schema) =>
        (schema?.ActualSchema.MaxItems is > 0 ? schema.ActualSchema.MaxItems : schema?.ActualSchema.MaxProperties)?.ToString() ?? "?";

    private static string MinCount(JsonSchema? schema) =>
        (schema?.ActualSchema.MinItems is > 0 ? schema.ActualSchema.MinItems : schema?.ActualSchema.MinProperties)?.ToString() ?? "?";
}
