using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using RuleCompiler.Compiler.Language.Printing;

namespace RuleCompiler.Importers.Sigma;

/// <summary>One value of a Sigma field as the YAML typed it.</summary>
internal abstract record SigmaValue;

internal sealed record SigmaText(string Value) : SigmaValue;

internal sealed record SigmaNumber(string Value, double Number) : SigmaValue;

internal sealed record SigmaBool(bool Value) : SigmaValue;

internal sealed record SigmaNull : SigmaValue;

/// <summary>
/// Translates <c>field|modifier|...: values</c> into a canonical condition. Sigma matches case-insensitively
/// unless <c>|cased</c>, so equality becomes <c>=~</c>/<c>in~</c> and the string operators their default
/// (case-insensitive) form; <c>|cased</c> gives <c>==</c>, <c>in</c> and the <c>_cs</c> forms. A problem is thrown as
/// <see cref="SigmaTranslationException"/> with the diagnostic code that names it.
/// </summary>
internal static partial class SigmaFieldMatch
{
    private static readonly string[] Dashes = ["-", "/", "\u2013", "\u2014", "\u2015"];

    public static QueryExpression Translate(string field, IReadOnlyList<string> modifiers, IReadOnlyList<SigmaValue> values)
    {
        var path = Path(field);
        var cased = modifiers.Contains("cased");
        var all = modifiers.Contains("all");
        var match = modifiers.Where(m => m is "contains" or "startswith" or "endswith" or "re" or "cidr" or "exists" or "fieldref" or "lt" or "lte" or "gt" or "gte").ToList();
        foreach (var modifier in modifiers)
        {
            if (modifier is not ("cased" or "all" or "windash" or "base64" or "base64offset" or "i" or "m" or "s") && !match.Contains(modifier))
            {
                throw new SigmaTranslationException(ImporterDiagnosticCodes.UnsupportedModifier, $"the Sigma modifier '{modifier}' has no canonical translation");
            }
        }

        var kind = match.Count switch
        {
            0 => "equals",
            1 => match[0],
            _ when match.Count == 2 && match.Contains("fieldref") => "fieldref-" + match.First(m => m != "fieldref"),
            _ => throw new SigmaTranslationException(ImporterDiagnosticCodes.UnsupportedModifier, $"the Sigma modifiers '{string.Join("|", match)}' cannot be combined"),
        };

        var terms = values.SelectMany(v => Expand(v, modifiers)).Select(v => Term(path, kind, v, modifiers, cased)).ToList();
        if (terms.Count == 0)
        {
            throw new SigmaTranslationException(ImporterDiagnosticCodes.MissingOrMalformed, $"field '{field}' has no values");
        }

        // Several plain values without wildcards read best, and bind to the same meaning, as one membership test.
        if (!all && kind == "equals" && terms.Count > 1 && terms.All(t => t.Equality is not null))
        {
            var list = string.Join(", ", terms.Select(t => t.Equality));
            return new TermExpression($"{path} {(cased ? "in" : "in~")} ({list})");
        }

        var expressions = terms.Select(t => t.Expression).ToList();
        return all ? QueryExpression.AllOf(expressions) : QueryExpression.AnyOf(expressions);
    }

    /// <summary>A Sigma field name as a canonical path: each dot-separated part an identifier.</summary>
    public static string Path(string field) =>
        PathPattern().IsMatch(field)
            ? field
            : throw new SigmaTranslationException(ImporterDiagnosticCodes.BadFieldName, $"the field name '{field}' is not a canonical path");

    // The transforming modifiers: windash gives the dash variants, base64 the encoded text, base64offset the three
    // encodings that occur when the text sits at any offset of a longer base64-encoded value.
    private static IEnumerable<SigmaValue> Expand(SigmaValue value, IReadOnlyList<string> modifiers)
    {
        IEnumerable<SigmaValue> result = [value];
        if (modifiers.Contains("windash"))
        {
            result = result.SelectMany(v => v is SigmaText text
                ? Dashes.Select(dash => WindashPosition().Replace(text.Value, dash)).Distinct(StringComparer.Ordinal).Select(s => (SigmaValue)new SigmaText(s))
                : [v]);
        }

        if (modifiers.Contains("base64offset"))
        {
            if (!modifiers.Contains("contains"))
            {
                throw new SigmaTranslationException(ImporterDiagnosticCodes.UnsupportedModifier, "the Sigma modifier 'base64offset' is only meaningful with 'contains'");
            }

            result = result.SelectMany(v => Base64Offsets(Text(v, "base64offset")).Select(s => (SigmaValue)new SigmaText(s)));
        }
        else if (modifiers.Contains("base64"))
        {
            result = result.Select(v => (SigmaValue)new SigmaText(Convert.ToBase64String(Encoding.UTF8.GetBytes(Text(v, "base64")))));
        }

        return result;
    }

    private static IEnumerable<string> Base64Offsets(string value)
    {
        int[] starts = [0, 2, 3];
        int[] endTrims = [0, 3, 2];
        for (var shift = 0; shift < 3; shift++)
        {
            var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(new string(' ', shift) + value));
            var trim = endTrims[(Encoding.UTF8.GetByteCount(value) + shift) % 3];
            yield return encoded[starts[shift]..(encoded.Length - trim)];
        }
    }

    private sealed record Translated(QueryExpression Expression, string? Equality);

    private static Translated Term(string path, string kind, SigmaValue value, IReadOnlyList<string> modifiers, bool cased)
    {
        switch (kind)
        {
            case "exists":
                return value is SigmaBool exists
                    ? new(new TermExpression($"{(exists.Value ? "isnotempty" : "isempty")}({path})"), null)
                    : throw Untranslatable("exists", "true or false");
            case "re":
                var flags = (modifiers.Contains("i") ? "i" : "") + (modifiers.Contains("m") ? "m" : "") + (modifiers.Contains("s") ? "s" : "");
                var pattern = (flags.Length > 0 ? $"(?{flags})" : "") + Text(value, "re");
                return new(new TermExpression($"{path} matches regex {StringLiterals.Quote(pattern)}"), null);
            case "cidr":
                var range = Text(value, "cidr");
                return range.Contains(':', StringComparison.Ordinal)
                    ? throw Untranslatable("cidr", "an IPv4 range (the canonical language has no IPv6 range test)")
                    : new(new TermExpression($"ipv4_is_in_range({path}, {StringLiterals.Quote(range)})"), null);
            case "lt" or "lte" or "gt" or "gte":
                var op = kind switch { "lt" => "<", "lte" => "<=", "gt" => ">", _ => ">=" };
                return value is SigmaNumber number
                    ? new(new TermExpression($"todouble({path}) {op} {number.Number.ToString("R", CultureInfo.InvariantCulture)}"), null)
                    : throw Untranslatable(kind, "a number");
            case "fieldref":
                return new(new TermExpression($"{path} {(cased ? "==" : "=~")} {Path(Text(value, "fieldref"))}"), null);
            case "fieldref-contains" or "fieldref-startswith" or "fieldref-endswith":
                var stringOp = kind["fieldref-".Length..] + (cased ? "_cs" : "");
                return new(new TermExpression($"{path} {stringOp} {Path(Text(value, "fieldref"))}"), null);
        }

        return value switch
        {
            SigmaNull when kind == "equals" => new(new TermExpression($"isempty({path})"), null),
            SigmaNull => throw Untranslatable(kind, "text"),
            SigmaNumber or SigmaBool when kind == "equals" => NumberOrBool(path, value),
            _ => Wildcard(path, kind switch
            {
                "contains" => "*" + Pattern(value) + "*",
                "startswith" => Pattern(value) + "*",
                "endswith" => "*" + Pattern(value),
                _ => Pattern(value),
            }, cased),
        };
    }

    // Numbers and bools compare as their text, as Sigma does; tostring makes the comparison valid whatever the field's type.
    private static Translated NumberOrBool(string path, SigmaValue value)
    {
        var text = value is SigmaNumber n ? n.Value : ((SigmaBool)value).Value ? "true" : "false";
        return new(new TermExpression($"tostring({path}) =~ {StringLiterals.Quote(text)}"), null);
    }

    /// <summary>
    /// A Sigma pattern (<c>*</c> any run, <c>?</c> one character, <c>\</c> escaping them) as the cheapest
    /// canonical test: equality, contains, startswith, endswith, or an anchored regular expression.
    /// </summary>
    private static Translated Wildcard(string path, string pattern, bool cased)
    {
        var parts = WildcardParts(pattern);
        var literalOnly = parts.All(p => p.Literal is not null);
        if (literalOnly)
        {
            var quoted = StringLiterals.Quote(string.Concat(parts.Select(p => p.Literal)));
            return new(new TermExpression($"{path} {(cased ? "==" : "=~")} {quoted}"), quoted);
        }

        var suffix = cased ? "_cs" : "";
        var inner = parts.Where(p => p.Literal is not null).ToList();
        var stars = parts.Select((p, i) => (p, i)).Where(x => x.p.Wildcard == '*').Select(x => x.i).ToList();
        var questionMarks = parts.Any(p => p.Wildcard == '?');
        if (!questionMarks && inner.Count == 1)
        {
            var literal = StringLiterals.Quote(inner[0].Literal!);
            var literalIndex = parts.IndexOf(inner[0]);
            var leading = stars.Contains(literalIndex - 1);
            var trailing = stars.Contains(literalIndex + 1);
            var op = (leading, trailing) switch
            {
                (true, true) => "contains",
                (false, true) => "startswith",
                _ => "endswith",
            };
            return new(new TermExpression($"{path} {op}{suffix} {literal}"), null);
        }

        if (!questionMarks && inner.Count == 0)
        {
            // '*' alone matches any present value; the canonical language reads an empty value as missing
            // (docs/semantics.md: null and empty are one value), so an empty value no longer matches.
            return new(new TermExpression($"isnotempty({path})"), null);
        }

        var regex = new StringBuilder(cased ? "^" : "(?i)^");
        foreach (var part in parts)
        {
            regex.Append(part.Wildcard switch
            {
                '*' => "(?s:.*)",
                '?' => "(?s:.)",
                _ => Regex.Escape(part.Literal!),
            });
        }

        regex.Append('$');
        return new(new TermExpression($"{path} matches regex {StringLiterals.Quote(regex.ToString())}"), null);
    }

    private sealed record WildcardPart(string? Literal, char Wildcard);

    private static List<WildcardPart> WildcardParts(string pattern)
    {
        var parts = new List<WildcardPart>();
        var literal = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length && pattern[i + 1] is '*' or '?' or '\\')
            {
                literal.Append(pattern[++i]);
            }
            else if (c is '*' or '?')
            {
                if (literal.Length > 0)
                {
                    parts.Add(new(literal.ToString(), '\0'));
                    literal.Clear();
                }

                if (!(c == '*' && parts.Count > 0 && parts[^1].Wildcard == '*'))
                {
                    parts.Add(new(null, c));
                }
            }
            else
            {
                literal.Append(c);
            }
        }

        if (literal.Length > 0 || parts.Count == 0)
        {
            parts.Add(new(literal.ToString(), '\0'));
        }

        return parts;
    }

    // A value given to contains/startswith/endswith keeps its own wildcards; the modifier adds one at its end(s).
    private static string Pattern(SigmaValue value) => value switch
    {
        SigmaText text => text.Value,
        SigmaNumber number => number.Value,
        SigmaBool b => b.Value ? "true" : "false",
        _ => "",
    };

    private static string Text(SigmaValue value, string modifier) => value switch
    {
        SigmaText text => text.Value,
        SigmaNumber number when modifier is not "re" => number.Value,
        _ => throw Untranslatable(modifier, "text"),
    };

    private static SigmaTranslationException Untranslatable(string modifier, string expected) =>
        new(ImporterDiagnosticCodes.UntranslatableValue, $"the Sigma modifier '{modifier}' needs {expected} here");

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")]
    private static partial Regex PathPattern();

    [GeneratedRegex(@"\B[-/]\b")]
    private static partial Regex WindashPosition();
}

/// <summary>A Sigma construct the importer cannot translate, with the diagnostic code naming it.</summary>
internal sealed class SigmaTranslationException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
