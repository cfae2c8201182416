using System.Collections.Immutable;
using RuleCompiler.Compiler.Model;
using RuleCompiler.Compiler.Yaml;

namespace RuleCompiler.Compiler.Loading;

/// <summary>
/// Typed reads from a mapping the schema has already checked. Reads stay total anyway (a wrong shape gives null or
/// empty, never an exception), so a model can be built from any tree without crashing.
/// </summary>
internal readonly struct MappingReader(YamlMapping mapping)
{
    public YamlMapping Mapping => mapping;

    public YamlScalar? Scalar(string key) => mapping[key] as YamlScalar;

    public YamlMapping? Map(string key) => mapping[key] as YamlMapping;

    public YamlSequence? Sequence(string key) => mapping[key] as YamlSequence;

    public string? String(string key) => Scalar(key) is { } s && YamlScalarTyping.Resolve(s) is not null ? s.Value : null;

    public string StringOr(string key, string fallback) => String(key) ?? fallback;

    public Located<string>? Located(string key) => Scalar(key) is { } s && String(key) is { } v ? new Located<string>(v, s.Span) : null;

    public Located<string> LocatedOr(string key, string fallback) =>
        Located(key) ?? new Located<string>(fallback, mapping.Span);

    public int? Int(string key) => Scalar(key) is { } s && YamlScalarTyping.Resolve(s) is long l && l is >= int.MinValue and <= int.MaxValue ? (int)l : null;

    public bool? Bool(string key) => Scalar(key) is { } s && YamlScalarTyping.Resolve(s) is bool b ? b : null;

    public ImmutableArray<string> Strings(string key) => [.. LocatedStrings(key).Select(l => l.Value)];

    public ImmutableArray<Located<string>> LocatedStrings(string key) => Sequence(key) is { } seq
        ? [.. seq.Items.OfType<YamlScalar>().Select(s => new Located<string>(s.Value, s.Span))]
        : [];

    /// <summary>The entries of a string-to-string map (entity identifiers, custom details), values located.</summary>
    public ImmutableArray<(Located<string> Key, Located<string> Value)> Pairs(string key) => Map(key) is { } map
        ? [.. map.Entries.Where(e => e.Value is YamlScalar).Select(e =>
            (new Located<string>(e.Key.Value, e.Key.Span), new Located<string>(((YamlScalar)e.Value).Value, e.Value.Span)))]
        : [];

    /// <summary>An enum value written snake_case (<c>risk_object</c> -> RiskObject), or null.</summary>
    public TEnum? Enum<TEnum>(string key)
        where TEnum : struct, Enum =>
        String(key) is { } text && System.Enum.TryParse<TEnum>(text.Replace("_", ""), ignoreCase: true, out var value)
            && System.Enum.IsDefined(value) ? value : null;
}
