using System.Globalization;
using System.Text;
using RuleCompiler.Backends.Splunk.Spl;
using RuleCompiler.Compiler.Language.Printing;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Importers.Escu;

/// <summary>
/// Translates SPL search terms (the base search and the <c>search</c> command) into a canonical condition. In SPL
/// search, OR binds tighter than AND (implicit or written), NOT tightest; values compare case-insensitively and
/// <c>*</c> is a wildcard; <c>field!=value</c> only matches events that have the field.
/// </summary>
internal sealed class SplSearchTerms(SplFieldScope scope, Func<SplToken, QueryExpression?> macro, Action<SplToken, string, string> note)
{
    private static readonly string[] Days = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

    /// <summary>The condition of all terms, or null when there are none (a search of only macros).</summary>
    public QueryExpression? Translate(SplTokenCursor cursor)
    {
        var result = AndList(cursor, topLevel: true);
        if (!cursor.AtEnd)
        {
            var stray = cursor.Next();
            throw new SplTranslationException(stray, EscuDiagnosticCodes.SplSyntax, $"unexpected '{stray.Text}' in search terms");
        }

        return result;
    }

    private QueryExpression? AndList(SplTokenCursor c, bool topLevel)
    {
        var parts = new List<QueryExpression>();
        while (!c.AtEnd && !c.Is(SplTokenKind.CloseParen))
        {
            if (c.IsWord("AND"))
            {
                c.Next();
                continue;
            }

            if (OrList(c) is { } part)
            {
                parts.Add(part);
            }
        }

        if (!topLevel && c.AtEnd)
        {
            throw new SplTranslationException(c.End, EscuDiagnosticCodes.SplSyntax, "'(' is never closed");
        }

        return parts.Count == 0 ? null : QueryExpression.AllOf(parts);
    }

    private QueryExpression? OrList(SplTokenCursor c)
    {
        var first = NotTerm(c);
        var parts = new List<QueryExpression?> { first };
        while (c.IsWord("OR"))
        {
            var or = c.Next();
            parts.Add(NotTerm(c) ?? throw new SplTranslationException(or, EscuDiagnosticCodes.SplSyntax, "OR needs a search term on both sides"));
        }

        if (parts.Count > 1 && parts.Any(p => p is null))
        {
            throw new SplTranslationException(c.End, EscuDiagnosticCodes.SplSyntax, "OR needs a search term on both sides");
        }

        return parts.Count == 1 ? first : QueryExpression.AnyOf([.. parts.OfType<QueryExpression>()]);
    }

    private QueryExpression? NotTerm(SplTokenCursor c)
    {
        if (c.IsWord("NOT"))
        {
            var not = c.Next();
            var operand = NotTerm(c) ?? throw new SplTranslationException(not, EscuDiagnosticCodes.SplSyntax, "NOT needs a search term");
            return new NotExpression(operand);
        }

        return Primary(c);
    }

    private QueryExpression? Primary(SplTokenCursor c)
    {
        var token = c.Next();
        switch (token.Kind)
        {
            case SplTokenKind.OpenParen:
                var inner = AndList(c, topLevel: false);
                c.Expect(SplTokenKind.CloseParen, "')'");
                return inner;
            case SplTokenKind.Macro:
                return macro(token);
            case SplTokenKind.Word or SplTokenKind.QuotedString when c.IsWord("IN") && c.Is(SplTokenKind.OpenParen, 1):
                c.Next();
                return In(token, Values(c));
            case SplTokenKind.Word or SplTokenKind.QuotedString when c.Peek() is { Kind: SplTokenKind.Operator } op:
                c.Next();
                var value = c.Peek() is { Kind: SplTokenKind.Word or SplTokenKind.QuotedString } v ? c.Next() : throw new SplTranslationException(op, EscuDiagnosticCodes.SplSyntax, $"'{token.Value}{op.Value}' needs a value");
                return Comparison(token, op, value);
            case SplTokenKind.Word or SplTokenKind.QuotedString:
                throw new SplTranslationException(token, EscuDiagnosticCodes.KeywordSearch, $"the search keyword '{token.Value}' (a term without a field) has no canonical translation: the canonical language has no full-text search");
            default:
                throw new SplTranslationException(token, EscuDiagnosticCodes.SplSyntax, $"unexpected '{token.Text}' in search terms");
        }
    }

    private static List<SplToken> Values(SplTokenCursor c)
    {
        c.Expect(SplTokenKind.OpenParen, "'('");
        var values = new List<SplToken>();
        while (!c.Is(SplTokenKind.CloseParen))
        {
            var value = c.Next();
            if (value.Kind is not (SplTokenKind.Word or SplTokenKind.QuotedString))
            {
                throw new SplTranslationException(value, EscuDiagnosticCodes.SplSyntax, $"unexpected '{value.Text}' in an IN list");
            }

            values.Add(value);
            if (c.Is(SplTokenKind.Comma))
            {
                c.Next();
            }
        }

        c.Next();
        return values;
    }

    private QueryExpression In(SplToken field, List<SplToken> values)
    {
        if (values.Count == 0)
        {
            throw new SplTranslationException(field, EscuDiagnosticCodes.SplSyntax, "an empty IN list");
        }

        if (values.Any(v => v.Value.Contains('*', StringComparison.Ordinal) || Special(field, v) is not null))
        {
            return QueryExpression.AnyOf([.. values.Select(v => Equals(field, v))]);
        }

        CaseNote(field);
        var (target, _) = Target(field, values.Any(v => IsNumber(v.Value)));
        return new TermExpression($"{target} in~ ({string.Join(", ", values.Select(v => StringLiterals.Quote(v.Value)))})");
    }

    private QueryExpression Comparison(SplToken field, SplToken op, SplToken value)
    {
        switch (op.Value)
        {
            case "=" or "==":
                return Equals(field, value);
            case "!=":
                // field!=value needs the field; NOT field=value does not.
                note(op, EscuDiagnosticCodes.FidelityNote, $"SPL's {field.Value}!={value.Value} only matches events that have the field: isnotempty() and the negated comparison");
                var (target, _) = Target(field, false);
                return new AndExpression([new TermExpression($"isnotempty({target})"), new NotExpression(Equals(field, value))]);
            case "<" or "<=" or ">" or ">=" when field.Value == "date_hour" && scope.RawEvents && !scope.IsColumn("date_hour") && IsNumber(value.Value):
                note(field, EscuDiagnosticCodes.DerivedField, "date_hour is the hour of the event time (UTC)");
                return new TermExpression($"hourofday(_time) {op.Value} {value.Value}");
            case "<" or "<=" or ">" or ">=" when SplMemberPaths.IsMemberPath(field.Value):
                throw Untranslated(field);
            case "<" or "<=" or ">" or ">=" when IsNumber(value.Value):
                var (numeric, _) = Target(field, false);
                return new TermExpression($"todouble({numeric}) {op.Value} {value.Value}");
            default:
                throw new SplTranslationException(op, EscuDiagnosticCodes.UnsupportedArgument, $"the search comparison {field.Value}{op.Value}{value.Value} is not translated");
        }
    }

    private QueryExpression Equals(SplToken field, SplToken value)
    {
        if (Special(field, value) is { } special)
        {
            return new TermExpression(special);
        }

        var text = value.Value;
        var (target, isText) = Target(field, IsNumber(text));
        if (text == "*")
        {
            return new TermExpression($"isnotempty({target})");
        }

        CaseNote(field);
        var stars = text.Count(ch => ch == '*');
        var core = text.Trim('*');
        if (stars == 0)
        {
            return new TermExpression($"{target} =~ {StringLiterals.Quote(text)}");
        }

        if (!core.Contains('*', StringComparison.Ordinal) && core.Length > 0)
        {
            var op = (text.StartsWith('*'), text.EndsWith('*')) switch
            {
                (true, true) => "contains",
                (false, true) => "startswith",
                _ => "endswith",
            };
            if (text.Length - core.Length == stars)
            {
                return new TermExpression($"{target} {op} {StringLiterals.Quote(core)}");
            }
        }

        var pattern = "(?i)^" + string.Join("(?s:.*)", text.Split('*').Select(RegexEscape)) + "$";
        return new TermExpression($"{(isText ? target : $"tostring({target})")} matches regex {StringLiterals.Quote(pattern)}");
    }

    // The add-on's conventions with a fixed meaning: errorCode=success marks a call without an error; ESCU's
    // date_wday and date_hour are parts of the event time.
    private string? Special(SplToken field, SplToken value)
    {
        var name = field.Value;
        var text = value.Value;
        if (scope.RawEvents && !scope.IsColumn(name))
        {
            if (name == "errorCode" && scope.DataSource.EventFormat == EventFormat.CloudTrail && text.Equals("success", StringComparison.OrdinalIgnoreCase))
            {
                note(field, EscuDiagnosticCodes.DerivedField, "the Splunk add-on writes errorCode=success for a call without an error: isempty(errorCode)");
                return "isempty(errorCode)";
            }

            if (name == "date_wday" && Array.IndexOf(Days, text.ToLowerInvariant()) is >= 0 and var day)
            {
                note(field, EscuDiagnosticCodes.DerivedField, "date_wday is the day of the event time (UTC)");
                return $"dayofweek(_time) == {day}d";
            }

            if (name == "date_hour" && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var hour))
            {
                note(field, EscuDiagnosticCodes.DerivedField, "date_hour is the hour of the event time (UTC)");
                return $"hourofday(_time) == {hour}";
            }
        }

        return null;
    }

    private (string Target, bool IsText) Target(SplToken field, bool numberValue)
    {
        if (SplMemberPaths.IsMemberPath(field.Value))
        {
            // A search term tests any value of the multivalue field, as the member list's any-element matching does;
            // its values are compared as text, which the list's elements take from a text operand.
            return (SplMemberPaths.Canonical(field.Value, scope) ?? throw Untranslated(field), true);
        }

        var (expression, derived) = scope.Resolve(field.Value);
        if (derived is not null)
        {
            note(field, EscuDiagnosticCodes.DerivedField, derived);
        }

        // A number compares as text in SPL's search; tostring keeps the comparison valid whatever the field's type.
        return numberValue ? ($"tostring({expression})", true) : (expression, false);
    }

    private static SplTranslationException Untranslated(SplToken field) =>
        new(field, EscuDiagnosticCodes.UnsupportedArgument, $"the multi-value path '{field.Value}' (an array member, '{{}}') has no canonical field path here (only below a field of the raw events, without an index)");

    private bool _caseNoted;

    private void CaseNote(SplToken field)
    {
        if (!_caseNoted)
        {
            _caseNoted = true;
            note(field, EscuDiagnosticCodes.FidelityNote, "SPL search terms compare values case-insensitively: written with =~, in~ and the case-insensitive string operators");
        }
    }

    private static bool IsNumber(string text) => text.Length > 0 && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && (char.IsAsciiDigit(text[0]) || text[0] == '-');

    /// <summary>Escapes the characters a portable regular expression treats as syntax.</summary>
    public static string RegexEscape(string text)
    {
        var escaped = new StringBuilder();
        foreach (var ch in text)
        {
            if ("\\.^$|?*+()[]{}/#".Contains(ch, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }

            escaped.Append(ch);
        }

        return escaped.ToString();
    }
}
