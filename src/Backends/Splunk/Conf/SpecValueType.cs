using System.Collections.Immutable;
using System.Globalization;

namespace RuleCompiler.Backends.Splunk.Conf;

public enum SpecScalar
{
    Boolean,
    Integer,
    UnsignedInteger,
}

/// <summary>
/// The type a .spec declares for a value, when it declares one this checker can verify: <c>&lt;boolean&gt;</c>,
/// <c>&lt;integer&gt;</c>, <c>&lt;unsigned integer&gt;</c>/<c>&lt;positive integer&gt;</c>, literal choices
/// (<c>[0 | 1]</c>, <c>disabled | enabled</c>), or a union of those (<c>&lt;unsigned integer&gt; | auto</c>).
/// Anything else (<c>&lt;string&gt;</c>, <c>&lt;time-str&gt;</c>, <c>&lt;integer&gt;[p]</c>) is <see cref="Any"/>.
/// </summary>
public sealed record SpecValueType(bool IsAny, ImmutableArray<SpecScalar> Scalars, ImmutableArray<string> Choices)
{
    public static readonly SpecValueType Any = new(true, [], []);

    // Splunk's boolean parser accepts these spellings, in any case.
    private static readonly string[] BooleanWords = ["true", "false", "1", "0", "t", "f", "yes", "no"];

    public static SpecValueType Parse(string declared)
    {
        var text = declared.Trim();
        if (text.Length >= 2 && ((text[0] == '[' && text[^1] == ']') || (text[0] == '{' && text[^1] == '}')) && text.Contains('|'))
        {
            text = text[1..^1];
        }

        var alternatives = text.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var scalars = ImmutableArray.CreateBuilder<SpecScalar>();
        var choices = ImmutableArray.CreateBuilder<string>();
        foreach (var alternative in alternatives)
        {
            SpecScalar? scalar = alternative switch
            {
                "<boolean>" or "<bool>" => SpecScalar.Boolean,
                "<integer>" or "<int>" => SpecScalar.Integer,
                "<unsigned integer>" or "<positive integer>" or "<non-negative integer>" => SpecScalar.UnsignedInteger,
                _ => null,
            };
            if (scalar is { } known)
            {
                scalars.Add(known);
            }
            else if (alternatives.Length > 1 && alternative.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '_' or '-' or '.'))
            {
                choices.Add(alternative);
            }
            else
            {
                return Any;
            }
        }

        return scalars.Count == 0 && choices.Count == 0 ? Any : new SpecValueType(false, scalars.ToImmutable(), choices.ToImmutable());
    }

    public bool Accepts(string value) =>
        IsAny
        || Choices.Contains(value, StringComparer.Ordinal)
        || Scalars.Any(s => s switch
        {
            SpecScalar.Boolean => BooleanWords.Contains(value, StringComparer.OrdinalIgnoreCase),
            SpecScalar.Integer => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            _ => ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _),
        });

    public override string ToString() => IsAny ? "any" : string.Join(" | ", Scalars.Select(s => s.ToString().ToLowerInvariant()).Concat(Choices));
}
