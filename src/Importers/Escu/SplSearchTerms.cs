using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
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

        if (parts.Count > 1 && parts.All(p => p is CaseSensitiveTerm t && t.Target == ((CaseSensitiveTerm)first!).Target))
        {
            // f=CASE(a) OR f=CASE(b): case-sensitive membership.
            return new TermExpression($"{((CaseSensitiveTerm)first!).Target} in ({string.Join(", ", parts.Cast<CaseSensitiveTerm>().Select(t => StringLiterals.Quote(t.Value)))})");
        }

        return parts.Count == 1 ? first : QueryExpression.AnyOf([.. parts.OfType<QueryExpression>()]);
    }

    /// <summary><c>field=CASE(value)</c>: the value compared case-sensitively (<c>*</c> at an end a wildcard).</summary>
    private QueryExpression CaseSensitive(SplToken field, SplTokenCursor c)
    {
        c.Next();
        var value = c.Peek() is { Kind: SplTokenKind.Word or SplTokenKind.QuotedString } ? c.Next() : throw new SplTranslationException(field, EscuDiagnosticCodes.SplSyntax, "CASE() needs a value");
        c.Expect(SplTokenKind.CloseParen, "')'");
        var (target, _) = Target(field, false);
        var text = value.Value;
        var core = text.Trim('*');
        if (core.Contains('*', StringComparison.Ordinal) || core.Length == 0)
        {
            throw new SplTranslationException(value, EscuDiagnosticCodes.UnsupportedArgument, $"the case-sensitive term {field.Value}=CASE({text}) is not translated");
        }

        var op = (text.StartsWith('*'), text.EndsWith('*')) switch
        {
            (false, false) => null,
            (true, true) => "contains_cs",
            (false, true) => "startswith_cs",
            _ => "endswith_cs",
        };
        return op is null ? new CaseSensitiveTerm(target, text) : new TermExpression($"{target} {op} {StringLiterals.Quote(core)}");
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
                if (op.Value == "=" && value is { Kind: SplTokenKind.Word, Value: "CASE" } && c.Is(SplTokenKind.OpenParen) && c.Peek()!.Offset == value.Offset + value.Text.Length)
                {
                    return CaseSensitive(token, c);
                }

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

        if (values.Any(v => v.Value.Contains('*', StringComparison.Ordinal) || Special(field, v) is not null || AddOnErrorCode(field, v)))
        {
            return QueryExpression.AnyOf([.. values.Select(v => Equals(field, v))]);
        }

        CaseNote(field);
        var (target, _) = Target(field, values.Any(v => IsNumber(v.Value)));
        var text = $"{target} in~ ({string.Join(", ", values.Select(v => StringLiterals.Quote(v.Value)))})";
        return target == "eventName" ? new EventNameTerm([.. values.Select(v => v.Value)], text) : new TermExpression(text);
    }

    private QueryExpression Comparison(SplToken field, SplToken op, SplToken value)
    {
        switch (op.Value)
        {
            case "=" or "==":
                return Equals(field, value);
            case "!=" when AddOnErrorCode(field, value):
                // The add-on's errorCode is never missing.
                return new NotExpression(Equals(field, value));
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
            return special;
        }

        if (AddOnErrorCode(field, value))
        {
            return ErrorCodeTerm(field, value);
        }

        return Plain(field, value);
    }

    // The add-on's errorCode is "success" or "failure" for a call without an error code, the raw key otherwise: a term
    // the raw key passes, or, without one, a term one of those texts passes.
    private QueryExpression ErrorCodeTerm(SplToken field, SplToken value)
    {
        note(field, EscuDiagnosticCodes.DerivedField, $"the Splunk Add-on for AWS {AddOnLookupFields.Version} sets errorCode to \"failure\" for a failed console sign-in without an error code and to \"success\" for any other call without one: {AddOnLookupFields.ErrorCodeDefinition}");
        var (success, failure) = (Matches(value.Value, "success"), Matches(value.Value, "failure"));
        var derived = (success, failure) switch
        {
            (true, true) => "isempty(errorCode)",
            (true, false) => $"isempty(errorCode) and not ({AddOnLookupFields.ConsoleLoginFailed})",
            _ => $"isempty(errorCode) and {AddOnLookupFields.ConsoleLoginFailed}",
        };
        return new TermExpression($"({Plain(field, value).Print()} or {derived})");
    }

    private bool AddOnErrorCode(SplToken field, SplToken value) =>
        field.Value == "errorCode" && scope.RawEvents && !scope.IsColumn("errorCode") && scope.DataSource.EventFormat == EventFormat.CloudTrail
        && (Matches(value.Value, "success") || Matches(value.Value, "failure"));

    private QueryExpression Plain(SplToken field, SplToken value)
    {
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
            var equals = $"{target} =~ {StringLiterals.Quote(text)}";
            return target == "eventName" ? new EventNameTerm([text], equals) : new TermExpression(equals);
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

    // Terms with a fixed meaning: the add-on's action and status (its lookup, given the event names the search
    // requires); ESCU's date_wday and date_hour, parts of the event time.
    private QueryExpression? Special(SplToken field, SplToken value)
    {
        var name = field.Value;
        var text = value.Value;
        if (scope.RawEvents && !scope.IsColumn(name))
        {
            if (AddOnLookupFields.IsLookupField(name) && IsAddOnField(name) && !text.Contains('*', StringComparison.Ordinal))
            {
                note(field, EscuDiagnosticCodes.DerivedField, SplFieldScope.LookupNote(name));
                return new DeferredTerm(() => AddOnLookupFields.EqualsIgnoringCase(name, text, scope.EventNameAllowed));
            }

            // The add-on's identity fields, over the branches the event names the search requires can take.
            if (AddOnIdentityFields.IsIdentityField(name) && IsAddOnField(name) && !text.Contains('*', StringComparison.Ordinal))
            {
                string? term = null;
                return new DeferredTerm(() =>
                {
                    if (term is null)
                    {
                        var (expression, derived) = scope.Resolve(name);
                        note(field, EscuDiagnosticCodes.DerivedField, derived!);
                        term = $"{expression} =~ {StringLiterals.Quote(text)}";
                    }

                    return term;
                });
            }

            if (name == "date_wday" && Array.IndexOf(Days, text.ToLowerInvariant()) is >= 0 and var day)
            {
                note(field, EscuDiagnosticCodes.DerivedField, "date_wday is the day of the event time (UTC)");
                return new TermExpression($"dayofweek(_time) == {day}d");
            }

            if (name == "date_hour" && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var hour))
            {
                note(field, EscuDiagnosticCodes.DerivedField, "date_hour is the hour of the event time (UTC)");
                return new TermExpression($"hourofday(_time) == {hour}");
            }
        }

        return null;
    }

    private bool IsAddOnField(string name) => scope.DataSource.EventFormat == EventFormat.CloudTrail && !scope.IsDataSourceField(name);

    private (string Target, bool IsText) Target(SplToken field, bool numberValue)
    {
        if (SplMemberPaths.IsMemberPath(field.Value))
        {
            // A search term tests any value of the multivalue field, as the member list's any-element matching does;
            // its values are compared as text, which the list's elements take from a text operand.
            return (SplMemberPaths.Canonical(field.Value, scope) ?? throw Untranslated(field), true);
        }

        // A search term on errorCode reads the raw key only where that equals the add-on's value (see ErrorCodeTerm).
        var (expression, derived) = scope.IsAddOnErrorCode(field.Value) ? (SplFieldScope.Path(field.Value), null) : scope.Resolve(field.Value);
        if (derived is not null)
        {
            note(field, EscuDiagnosticCodes.DerivedField, derived);
        }

        // A number compares as text in SPL's search; tostring keeps the comparison valid whatever the field's type. So
        // does any value against a field the data source types as bool or a number (readOnly=true reads its text "true").
        return numberValue || (derived is null && scope.IsTypedNonText(field.Value)) ? ($"tostring({expression})", true) : (expression, false);
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

    // Whether an SPL search value (* a wildcard) matches the text, ignoring case.
    private static bool Matches(string pattern, string text) =>
        Regex.IsMatch(text, "^" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline);

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
