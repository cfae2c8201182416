using System.Collections.Concurrent;
using System.Collections.Immutable;
using NJsonSchema;
using NJsonSchema.Validation;
using Newtonsoft.Json.Linq;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Yaml;

namespace RuleCompiler.Compiler.Schema;

/// <summary>
/// Validates a YAML tree against one of the embedded schemas (the same files as schemas/*.schema.json) with
/// NJsonSchema, and reports each violation at the YAML node's line and column with a stable RC12xx code.
/// </summary>
public sealed class SchemaValidator
{
    private static readonly ConcurrentDictionary<SchemaKind, SchemaValidator> Cache = new();

    private readonly JsonSchema schema;

    private SchemaValidator(JsonSchema schema) => this.schema = schema;

    public static SchemaValidator For(SchemaKind kind) => Cache.GetOrAdd(kind, k => new SchemaValidator(LoadEmbedded(k)));

    public static string ResourceName(SchemaKind kind) => kind switch
    {
        SchemaKind.Rule => "rule.schema.json",
        SchemaKind.DataSource => "data_source.schema.json",
        SchemaKind.List => "list.schema.json",
        SchemaKind.Table => "table.schema.json",
        _ => "fragment.schema.json",
    };

    public ImmutableArray<Diagnostic> Validate(YamlNode root)
    {
        if (root is not YamlMapping)
        {
            // Every required field would be "missing" too; the one thing to fix is the shape of the document.
            return [Diagnostic.Error(SchemaDiagnosticCodes.WrongType,
                $"the document must be a mapping of fields (key: value), found {(root is YamlSequence ? "a list" : "a single value")}", root.Span)];
        }

        var (json, lineNodes) = YamlToJsonText.Convert(root);
        var token = JToken.Parse(json, new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Load, DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Ignore });
        var errors = schema.Validate(token);
        var describer = new SchemaErrorDescriber(lineNodes);
        return [.. Flatten(errors).Select(describer.Describe).Distinct()
            .OrderBy(d => d.Span.Line).ThenBy(d => d.Span.Column).ThenBy(d => d.Code, StringComparer.Ordinal)];
    }

    // oneOf/anyOf failures nest their causes, and a value allowed several types ("version": integer or string) nests
    // one list per type; the causes (for the type the value has) are what a user can act on. An anyOf of single
    // required keys is described whole ("needs 'a' or 'b'"), not as one missing key per branch.
    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            if (error is MultiTypeValidationError multi && ErrorsForActualType(multi) is { Count: > 0 } typed)
            {
                foreach (var inner in Flatten(typed))
                {
                    yield return inner;
                }
            }
            else if (error is ChildSchemaValidationError child && child.Errors.Count > 0
                && !(error.Kind == ValidationErrorKind.NotAnyOf && SchemaErrorDescriber.RequiredAlternatives(error.Schema) is not null))
            {
                foreach (var inner in Flatten(child.Errors.SelectMany(e => e.Value)))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return error;
            }
        }
    }

    private static ICollection<ValidationError>? ErrorsForActualType(MultiTypeValidationError error)
    {
        var actual = error.Token?.Type switch
        {
            JTokenType.String => JsonObjectType.String,
            JTokenType.Integer => JsonObjectType.Integer,
            JTokenType.Float => JsonObjectType.Number,
            JTokenType.Boolean => JsonObjectType.Boolean,
            JTokenType.Array => JsonObjectType.Array,
            JTokenType.Object => JsonObjectType.Object,
            _ => JsonObjectType.None,
        };
        return error.Errors.TryGetValue(actual, out var typed) ? typed : null;
    }

    private static JsonSchema LoadEmbedded(SchemaKind kind)
    {
        var name = "schemas/" + ResourceName(kind);
        using var stream = typeof(SchemaValidator).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing from the build");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromJsonAsync(reader.ReadToEnd()).GetAwaiter().GetResult();
    }
}
