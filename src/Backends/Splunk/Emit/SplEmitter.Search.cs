using RuleCompiler.Backends.Splunk.Spl;
using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Language.Syntax;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Backends.Splunk.Emit;

/// <summary>
/// Search terms: the conditions SPL's search syntax says exactly. A search term matches a field's whole value,
/// any value of a multivalue field, case-insensitively, with <c>*</c> as a wildcard that nothing escapes, and
/// <c>NOT</c> is true when the field is missing. So <c>=~</c>, <c>in~</c> and the case-insensitive
/// prefix/suffix/substring tests of constants without <c>*</c> are plain terms, <c>==</c> uses <c>CASE()</c>,
/// and the rest goes to <c>where</c>.
/// </summary>
public sealed partial class SplEmitter
{
    private static readonly string[] DayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

    /// <summary>The conjuncts of a predicate that are search terms (spelled), and the others.</summary>
    private (List<string> Terms, List<BoundExpression> Others) SplitSearchTerms(BoundExpression predicate)
    {
        var terms = new List<string>();
        var rest = new List<BoundExpression>();
        foreach (var conjunct in Conjuncts(predicate))
        {
            if (Term(conjunct) is { } term)
            {
                terms.Add(term);
            }
            else
            {
                rest.Add(conjunct);
            }
        }

        return (terms, rest);
    }

    private static IEnumerable<BoundExpression> Conjuncts(BoundExpression predicate) =>
        predicate is BoundBinary { Operator: BinaryOperator.And } and
            ? Conjuncts(and.Left).Concat(Conjuncts(and.Right))
            : [predicate];

    private static IEnumerable<BoundExpression> Disjuncts(BoundExpression predicate) =>
        predicate is BoundBinary { Operator: BinaryOperator.Or } or
            ? Disjuncts(or.Left).Concat(Disjuncts(or.Right))
            : [predicate];

    /// <summary>The search-term form of a condition, or null when search terms cannot say it exactly.</summary>
    private string? Term(BoundExpression condition)
    {
        switch (condition)
        {
            case BoundBinary { Operator: BinaryOperator.And } and:
                return Term(and.Left) is { } l && Term(and.Right) is { } r ? l + " " + r : null;
            case BoundBinary { Operator: BinaryOperator.Or }:
                var disjuncts = Disjuncts(condition).Select(Term).ToList();
                // OR binds tighter than the implicit AND in SPL's search: a conjunction inside an OR needs its own group.
                return disjuncts.All(d => d is not null) ? "(" + string.Join(" OR ", disjuncts.Select(d => Grouped(d!))) + ")" : null;
            case BoundUnary { Operator: UnaryOperator.Not } not:
                return Term(not.Operand) is { } operand ? "NOT " + Grouped(operand) : null;
            case BoundBinary binary:
                return TimeTerm(binary) ?? FieldTerm(binary);
            case BoundIn membership:
                return InTerm(membership);
            case BoundCall { Canonical.Name: "isnotempty", Arguments: [BoundEachPath each] }:
                // A member list is not empty when the multivalue field has a value: a{}.b=*.
                return SearchTermField(each) is { } field ? field + "=*" : null;
            default:
                return null;
        }
    }

    private static string Grouped(string term) => term.Contains(' ') && !IsOneGroup(term) ? "(" + term + ")" : term;

    /// <summary>Whether the term is one parenthesised group: its first '(' closes at its last character (outside quotes).</summary>
    private static bool IsOneGroup(string term)
    {
        if (!term.StartsWith('(') || !term.EndsWith(')'))
        {
            return false;
        }

        var depth = 0;
        var quoted = false;
        for (var i = 0; i < term.Length; i++)
        {
            switch (term[i])
            {
                case '\\' when quoted:
                    i++;
                    break;
                case '"':
                    quoted = !quoted;
                    break;
                case '(' when !quoted:
                    depth++;
                    break;
                case ')' when !quoted && --depth == 0 && i < term.Length - 1:
                    return false;
            }
        }

        return true;
    }

    /// <summary><c>field op "constant"</c> as <c>field=value</c>, with wildcards for the prefix/suffix/substring tests.</summary>
    private string? FieldTerm(BoundBinary binary)
    {
        if (SearchTermField(binary.Left) is not { } field || binary.Right is not BoundLiteral { Kind: LiteralKind.String or LiteralKind.Bool } literal)
        {
            return null;
        }

        if (literal.Kind == LiteralKind.Bool)
        {
            // Splunk reads JSON true/false as the text true/false, which only exists in lower case.
            var text = (bool)literal.Value! ? "true" : "false";
            return binary.Operator switch
            {
                BinaryOperator.Equal or BinaryOperator.EqualCi => $"{field}={text}",
                BinaryOperator.NotEqual or BinaryOperator.NotEqualCi => $"NOT {field}={text}",
                _ => null,
            };
        }

        var value = (string)literal.Value!;
        var (pattern, caseSensitive, negated) = binary.Operator switch
        {
            BinaryOperator.Equal => ("{0}", true, false),
            BinaryOperator.NotEqual => ("{0}", true, true),
            BinaryOperator.EqualCi => ("{0}", false, false),
            BinaryOperator.NotEqualCi => ("{0}", false, true),
            BinaryOperator.StartsWith => ("{0}*", false, false),
            BinaryOperator.NotStartsWith => ("{0}*", false, true),
            BinaryOperator.StartsWithCs => ("{0}*", true, false),
            BinaryOperator.NotStartsWithCs => ("{0}*", true, true),
            BinaryOperator.EndsWith => ("*{0}", false, false),
            BinaryOperator.NotEndsWith => ("*{0}", false, true),
            BinaryOperator.EndsWithCs => ("*{0}", true, false),
            BinaryOperator.NotEndsWithCs => ("*{0}", true, true),
            BinaryOperator.Contains => ("*{0}*", false, false),
            BinaryOperator.NotContains => ("*{0}*", false, true),
            BinaryOperator.ContainsCs => ("*{0}*", true, false),
            BinaryOperator.NotContainsCs => ("*{0}*", true, true),
            _ => (null!, false, false),
        };
        if (pattern is null || SearchValue(value, pattern, caseSensitive) is not { } spelled)
        {
            return null;
        }

        return (negated ? "NOT " : "") + field + "=" + spelled;
    }

    /// <summary>
    /// A constant as a search-term value: <paramref name="pattern"/> places it among wildcards, and a case-sensitive
    /// test wraps it in <c>CASE()</c>, which takes bare words only. Null when search cannot spell it (a <c>*</c>,
    /// an empty value, characters no term may hold).
    /// </summary>
    private static string? SearchValue(string value, string pattern, bool caseSensitive)
    {
        if (SplLiteral.SearchTermValue(value).Text is not { } spelled)
        {
            return null;
        }

        var quoted = spelled.StartsWith('"');
        if (caseSensitive && quoted)
        {
            return null;
        }

        var inner = quoted ? spelled[1..^1] : spelled;
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, inner);
        if (quoted)
        {
            text = "\"" + text + "\"";
        }

        return caseSensitive ? "CASE(" + text + ")" : text;
    }

    /// <summary>A field reference that is one search field: a source or computed field, without an index.</summary>
    private string? SearchTermField(BoundExpression expression)
    {
        if (expression is BoundEachPath each)
        {
            var name = SplLiteral.SearchFieldName(EachFieldName(each));
            return name.IsExpressible ? name.Text : null;
        }

        if (expression is not BoundFieldReference { Resolved: { Kind: Compiler.Language.Binding.ResolvedFieldKind.Column } resolved } reference
            || resolved.IsEventTime)
        {
            return null;
        }

        var quiet = Quietly(() => SplunkField(resolved, reference.Location));
        return quiet is { Index: null } field ? SplLiteral.SearchFieldName(field.Name).Text : null;
    }

    /// <summary><c>field in~ ("a", "b")</c> as <c>field IN (a, b)</c>; the case-sensitive form as <c>CASE()</c> terms.</summary>
    private string? InTerm(BoundIn membership)
    {
        if (SearchTermField(membership.Value) is not { } field || membership.List is not BoundListItems items
            || items.Items.IsEmpty || items.Items.Any(i => i is not BoundLiteral { Kind: LiteralKind.String }))
        {
            return null;
        }

        var values = items.Items.Select(i => SearchValue((string)((BoundLiteral)i).Value!, "{0}", !membership.IgnoreCase)).ToList();
        if (values.Any(v => v is null))
        {
            return null;
        }

        var term = membership.IgnoreCase
            ? $"{field} IN ({string.Join(", ", values)})"
            : values.Count == 1 ? $"{field}={values[0]}" : "(" + string.Join(" OR ", values.Select(v => $"{field}={v}")) + ")";
        return membership.Negated ? "NOT " + Grouped(term) : term;
    }

    /// <summary>
    /// <c>hourofday(_time) op n</c> and <c>dayofweek(_time) == Nd</c> as ESCU writes them, with <c>date_hour</c> and
    /// <c>date_wday</c>: Splunk takes those from the timestamp text, which is UTC only for sources whose time is
    /// ISO 8601 text with a zone of Z (the rule means UTC), and they exist only on raw events.
    /// </summary>
    private string? TimeTerm(BoundBinary binary)
    {
        if (!_rawEvent || Source.TimeFormat != TimeFormat.Iso8601
            || binary.Left is not BoundCall { Arguments: [BoundFieldReference { Resolved.IsEventTime: true, Resolved.Remainder.IsEmpty: true }] } call
            || binary.Right is not BoundLiteral literal)
        {
            return null;
        }

        var negated = binary.Operator == BinaryOperator.NotEqual;
        if (call.Canonical.Name == "hourofday" && literal.Value is long hour)
        {
            var op = binary.Operator switch
            {
                BinaryOperator.Equal or BinaryOperator.NotEqual => "=",
                BinaryOperator.Less => "<",
                BinaryOperator.LessOrEqual => "<=",
                BinaryOperator.Greater => ">",
                BinaryOperator.GreaterOrEqual => ">=",
                _ => null,
            };
            return op is null ? null : (negated ? "NOT " : "") + "date_hour" + op + Number(hour);
        }

        if (call.Canonical.Name == "dayofweek" && literal.Value is TimeSpan day && binary.Operator is BinaryOperator.Equal or BinaryOperator.NotEqual
            && day.Ticks % TimeSpan.TicksPerDay == 0 && day.Days is >= 0 and <= 6)
        {
            return (negated ? "NOT " : "") + "date_wday=" + DayNames[day.Days];
        }

        return null;
    }

    /// <summary>Runs a naming step without reporting (to test whether a form applies before choosing it).</summary>
    private T Quietly<T>(Func<T> step)
    {
        var count = _diagnostics.Count;
        var result = step();
        _diagnostics.RemoveRange(count, _diagnostics.Count - count);
        return result;
    }

    /// <summary>The conditions that remain after the search terms, as one <c>where</c> (list tests add their lookups first).</summary>
    private void EmitWhere(List<BoundExpression> conditions)
    {
        if (conditions.Count > 0)
        {
            Command("where " + string.Join(" AND ", conditions.Select(Condition)));
        }
    }
}
