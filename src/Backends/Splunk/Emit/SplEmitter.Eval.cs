using System.Text;
using RuleCompiler.Backends.Splunk.Spl;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Backends.Splunk.Emit;

/// <summary>
/// eval and where expressions. Conditions keep the rule's two-valued logic: SPL's comparisons are null when an
/// operand is null, so each test of a value that may be missing is guarded with <c>isnotnull</c>, and a negated
/// test is <c>NOT</c> of the guarded one (true for a missing value, as in the rule). Bool values are the text
/// <c>true</c>/<c>false</c> (as Splunk extracts JSON booleans); datetimes are epoch seconds and timespans seconds.
/// Text tests of constants are regular expressions (<c>match</c>, and <c>mvfind</c> on multivalue fields, which
/// tests every value).
/// </summary>
public sealed partial class SplEmitter : IBoundExpressionVisitor<string>
{
    private string Value(BoundExpression expression) => expression.Accept(this);

    /// <summary>An eval boolean expression for a bool-typed rule expression, never null-valued.</summary>
    private string Condition(BoundExpression expression)
    {
        switch (expression)
        {
            case BoundBinary { Operator: BinaryOperator.And } and:
                return $"({Condition(and.Left)} AND {Condition(and.Right)})";
            case BoundBinary { Operator: BinaryOperator.Or } or:
                return $"({Condition(or.Left)} OR {Condition(or.Right)})";
            case BoundUnary { Operator: UnaryOperator.Not } not:
                return $"NOT {Condition(not.Operand)}";
            case BoundBinary binary:
                return Comparison(binary);
            case BoundIn membership:
                return In(membership);
            case BoundBetween { Value.MemberList: true } between:
                return MemberListTest(between.Value, "between");
            case BoundBetween between:
                var value = Value(between.Value);
                var inside = $"({Guard([between.Value], value)}{value}>={Value(between.Low)} AND {value}<={Value(between.High)})";
                return between.Negated ? "NOT " + inside : inside;
            case BoundCall call when CallCondition(call) is { } test:
                return test;
            case BoundLiteral { Kind: LiteralKind.Bool, Value: bool b }:
                return b ? "true()" : "false()";
            default:
                var text = Value(expression);
                return $"({Guard([expression], text)}{text}=\"true\")";
        }
    }

    /// <summary>
    /// An ordering test, or a comparison other than == with a computed value, on a member list: the backend writes any-element tests of
    /// a multivalue field only as regular expressions (mvfind), and SPL's eval operators do not take the values one
    /// by one, so the rule would differ (semantics §5.2).
    /// </summary>
    private string MemberListTest(BoundExpression list, string op)
    {
        Error(SplDiagnostics.MemberListTest, $"'{op}' with a member list on the left is true when any value satisfies it; SPL's eval has no value-by-value form of it: compare with a text constant or a text value (==), or mv-expand the list first", list.Location);
        return "false()";
    }

    /// <summary>
    /// <c>list == value</c> for a computed text value: true when some value of the list is that text (semantics §5.2).
    /// SPL's eval takes no value-by-value ==, but adding the value to the list adds no distinct value exactly when the
    /// list holds it: mvappend, mvdedup and mvcount are documented, compare values as exact text, and need no regular
    /// expression built from the data. A null list or value is false (guards), as the rule's comparison is, except
    /// for an empty value, which the rule finds among the list's empty texts: that difference is reported.
    /// </summary>
    private string MemberListHolds(BoundExpression list, BoundExpression value)
    {
        Warning(SplDiagnostics.Differs, "SPL's test of whether the list holds the value is false for an empty value (null or \"\"), where the rule is true if the list holds an empty text", value.Location);
        var values = Value(list);
        var text = Value(value);
        return $"({Guard([list, value], values, text)}mvcount(mvdedup(mvappend({values}, {text})))==mvcount(mvdedup({values})))";
    }

    /// <summary><c>isnotnull(x) AND </c> for each operand that may be missing (anything but a constant).</summary>
    private string Guard(IEnumerable<BoundExpression> operands, params string[] texts)
    {
        var guards = operands.Zip(texts).Where(p => p.First is not (BoundLiteral or BoundRegex)).Select(p => $"isnotnull({p.Second}) AND ");
        return string.Concat(guards);
    }

    private string Comparison(BoundBinary binary)
    {
        var op = binary.Operator;
        if (op is BinaryOperator.NotEqual or BinaryOperator.NotEqualCi or BinaryOperator.NotContains or BinaryOperator.NotContainsCs
            or BinaryOperator.NotStartsWith or BinaryOperator.NotStartsWithCs or BinaryOperator.NotEndsWith or BinaryOperator.NotEndsWithCs
            or BinaryOperator.NotHas or BinaryOperator.NotHasCs)
        {
            return "NOT " + Comparison(binary with { Operator = Positive(op) });
        }

        if (TextPattern(binary) is { } pattern)
        {
            return TextMatch(binary.Left, pattern);
        }

        if (op == BinaryOperator.MatchesRegex)
        {
            return DataMatch(binary);
        }

        var spl = op switch
        {
            BinaryOperator.Equal => "==",
            BinaryOperator.EqualCi => "==",
            BinaryOperator.Less => "<",
            BinaryOperator.LessOrEqual => "<=",
            BinaryOperator.Greater => ">",
            BinaryOperator.GreaterOrEqual => ">=",
            _ => null,
        };
        if (op == BinaryOperator.Equal && binary.Left.MemberList && binary.Right is not BoundLiteral && !binary.Right.Multivalued
            && binary.Right.Type == ScalarType.String)
        {
            return MemberListHolds(binary.Left, binary.Right);
        }

        if (spl is not null && binary.Left.MemberList)
        {
            return MemberListTest(binary.Left, OperatorSpellings.Binary[op]);
        }

        if (spl is null)
        {
            Error(SplDiagnostics.NeedsConstant, $"SPL tests '{OperatorSpellings.Binary[op]}' with a regular expression, so its right side must be a constant", binary.Right.Location);
            return "false()";
        }

        if (op is BinaryOperator.Equal or BinaryOperator.EqualCi && EmptyTextMayMatch(binary))
        {
            return TextEquality(binary);
        }

        var left = Value(binary.Left);
        var right = Value(binary.Right);
        if (op == BinaryOperator.EqualCi)
        {
            left = $"lower({left})";
            right = $"lower({right})";
        }

        return $"({Guard([binary.Left, binary.Right], left, right)}{left}{spl}{right})";
    }

    /// <summary>
    /// Whether an equality of texts can hold with "" on a side that may be null: the language reads a null text as ""
    /// (semantics decision 1), so <c>x == ""</c> is true for a missing x and <c>a == b</c> for two missing fields, where
    /// SPL's == of a null is null. True when both sides are single texts, not both constants, and neither is a
    /// constant other than "" (a non-empty constant is unequal to null and "" alike, so the plain guards are exact).
    /// </summary>
    private static bool EmptyTextMayMatch(BoundBinary binary) =>
        binary.Left.Type == ScalarType.String && binary.Right.Type == ScalarType.String && !binary.Left.Multivalued && !binary.Right.Multivalued
        && (binary.Left is not BoundLiteral || binary.Right is not BoundLiteral)
        && binary.Left is not BoundLiteral { Value: not "" } && binary.Right is not BoundLiteral { Value: not "" };

    /// <summary><c>coalesce(x, "")</c> on each side that may be null, then ==, under lower() for =~ ("" has no case).</summary>
    private string TextEquality(BoundBinary binary)
    {
        string Side(BoundExpression side) => side is BoundLiteral ? Value(side) : $"coalesce({Value(side)}, \"\")";
        var (left, right) = (Side(binary.Left), Side(binary.Right));
        return binary.Operator == BinaryOperator.EqualCi && binary.Left is not BoundLiteral && binary.Right is not BoundLiteral
            ? $"(lower({left})==lower({right}))"
            : $"({left}=={right})";
    }

    private static BinaryOperator Positive(BinaryOperator op) => op switch
    {
        BinaryOperator.NotEqual => BinaryOperator.Equal,
        BinaryOperator.NotEqualCi => BinaryOperator.EqualCi,
        BinaryOperator.NotContains => BinaryOperator.Contains,
        BinaryOperator.NotContainsCs => BinaryOperator.ContainsCs,
        BinaryOperator.NotStartsWith => BinaryOperator.StartsWith,
        BinaryOperator.NotStartsWithCs => BinaryOperator.StartsWithCs,
        BinaryOperator.NotEndsWith => BinaryOperator.EndsWith,
        BinaryOperator.NotEndsWithCs => BinaryOperator.EndsWithCs,
        BinaryOperator.NotHas => BinaryOperator.Has,
        _ => BinaryOperator.HasCs,
    };

    /// <summary>The regular expression of a text test against a constant (or of matches regex), or null for other operators.</summary>
    private static string? TextPattern(BoundBinary binary)
    {
        if (binary.Operator == BinaryOperator.MatchesRegex && binary.Right is BoundRegex regex)
        {
            return regex.Pattern;
        }

        if (binary.Right is not BoundLiteral { Kind: LiteralKind.String, Value: string value })
        {
            return null;
        }

        var text = RegexText(value);
        return binary.Operator switch
        {
            BinaryOperator.Equal when binary.Left.Multivalued => "^" + text + @"\z",
            BinaryOperator.EqualCi when binary.Left.Multivalued || binary.Left.Type != ScalarType.String => "(?i)^" + text + @"\z",
            BinaryOperator.Contains => "(?i)" + text,
            BinaryOperator.ContainsCs => text,
            BinaryOperator.StartsWith => "(?i)^" + text,
            BinaryOperator.StartsWithCs => "^" + text,
            BinaryOperator.EndsWith => "(?i)" + text + @"\z",
            BinaryOperator.EndsWithCs => text + @"\z",
            BinaryOperator.Has => "(?i)" + Term(text),
            BinaryOperator.HasCs => Term(text),
            _ => null,
        };

        static string Term(string text) => "(?<![[:alnum:]])" + text + "(?![[:alnum:]])";
    }

    /// <summary>
    /// A regular-expression test of a value: mvfind on multivalue fields (any value), else match. The language reads a
    /// null text as "" (docs/language.md §4), so a pattern that matches the empty text is true for it, where SPL's
    /// match() of a null is null: such a pattern reads the value with coalesce(x, ""); any other is guarded, which
    /// the SPL reader reads back as the same test.
    /// </summary>
    private string TextMatch(BoundExpression subject, string pattern)
    {
        var value = Value(subject);
        var regex = SplLiteral.EvalString(pattern);
        if (subject.Multivalued)
        {
            return $"isnotnull(mvfind({value}, {regex}))";
        }

        return MatchesEmptyText(pattern)
            ? $"match(coalesce({value}, \"\"), {regex})"
            : $"({Guard([subject], value)}match({value}, {regex}))";
    }

    /// <summary>Whether the pattern matches the empty text (the patterns written here read the same in .NET and PCRE there).</summary>
    private static bool MatchesEmptyText(string pattern)
    {
        try
        {
            return System.Text.RegularExpressions.Regex.IsMatch("", pattern, System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// <c>x matches regex p</c> with the pattern read from the data: <c>match(x, p)</c>, guarded so that a missing
    /// operand is false, as in the language (SPL gives null). A multi-valued subject has no per-value form with a
    /// pattern that is not a constant (mvfind takes one), so it is refused.
    /// </summary>
    private string DataMatch(BoundBinary binary)
    {
        if (binary.Left.Multivalued)
        {
            Error(SplDiagnostics.NeedsConstant, "SPL tests each value of a multi-valued field with mvfind, whose regular expression must be a constant", binary.Right.Location);
            return "false()";
        }

        var subject = Value(binary.Left);
        var pattern = Value(binary.Right);
        return $"({Guard([binary.Left, binary.Right], subject, pattern)}match({subject}, {pattern}))";
    }

    /// <summary>A constant as a PCRE pattern that matches exactly it.</summary>
    private static string RegexText(string value)
    {
        var builder = new StringBuilder();
        foreach (var c in value)
        {
            if (@"\^$.|?*+()[]{}/#-".Contains(c))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    // ---- values -------------------------------------------------------------------------------------

    public string VisitLiteral(BoundLiteral literal) => literal.Value switch
    {
        null => "null()",
        string s => SplLiteral.EvalString(s),
        long l => Number(l),
        double d => Number(d),
        bool b => b ? "\"true\"" : "\"false\"",
        TimeSpan t => Seconds(t),
        DateTime t => EpochSeconds(t),
        _ => "null()",
    };

    public string VisitField(BoundFieldReference field)
    {
        var resolved = field.Resolved;
        switch (resolved.Kind)
        {
            case ResolvedFieldKind.LetConstant when resolved.Let is { } let && resolved.Remainder.IsEmpty:
                return Value(let.Value);
            case ResolvedFieldKind.Column when SplunkField(resolved, field.Location) is { } splunk:
                if (resolved.Type == ScalarType.Dynamic && !resolved.Multivalued && splunk.Index is null && IsObject(resolved))
                {
                    Error(SplDiagnostics.ObjectValue, $"'{splunk.Name}' is a JSON object: Splunk extracts its leaves as fields ({splunk.Name}.*), not the object as a value", field.Location);
                }

                if (splunk.Index is not null && splunk.Name.EndsWith("{}", StringComparison.Ordinal) && resolved.Type == ScalarType.Dynamic)
                {
                    Warning(SplDiagnostics.Differs, $"Splunk has the field '{splunk.Name}' only where the array's elements are scalars: an object element is extracted as its leaves ({splunk.Name}.name), so for it this value is null", field.Location);
                }

                var name = EvalField(splunk.Name, field.Location);
                return splunk.Index is { } index ? $"mvindex({name}, {Number(index)})" : name;
            case ResolvedFieldKind.ObjectPrefix:
                Error(SplDiagnostics.ObjectValue, $"'{resolved.ColumnName}' is a JSON object: Splunk extracts its leaves as fields, not the object as a value", field.Location);
                return "null()";
            default:
                Error(SplDiagnostics.ObjectValue, "this value has no SPL field", field.Location);
                return "null()";
        }
    }

    /// <summary>A declared dynamic source field used whole (requestParameters) is an object; paths below it are leaves.</summary>
    private static bool IsObject(ResolvedField resolved) =>
        resolved.Remainder.IsEmpty && resolved.Column is { Origin: ColumnOrigin.SourceField, Type: ScalarType.Dynamic, Multivalued: false };

    public string VisitUnary(BoundUnary unary) => unary.Operator == UnaryOperator.Negate
        ? $"(-{Value(unary.Operand)})"
        : BoolValue(unary);

    public string VisitBinary(BoundBinary binary)
    {
        var spl = binary.Operator switch
        {
            BinaryOperator.Add => "+",
            BinaryOperator.Subtract => "-",
            BinaryOperator.Multiply => "*",
            BinaryOperator.Modulo => "%",
            BinaryOperator.Divide => "/",
            _ => null,
        };
        if (spl is null)
        {
            return BoolValue(binary);
        }

        var left = Value(binary.Left);
        var right = Value(binary.Right);
        if (binary.Operator == BinaryOperator.Divide && binary.Left.Type == ScalarType.Long && binary.Right.Type == ScalarType.Long)
        {
            // Whole numbers divide to a whole number, truncated toward zero; SPL's / gives the real quotient.
            return $"if(({left}/{right})<0, ceiling({left}/{right}), floor({left}/{right}))";
        }

        return $"({left}{spl}{right})";
    }

    private string BoolValue(BoundExpression condition) => $"if({Condition(condition)}, \"true\", \"false\")";

    public string VisitIn(BoundIn membership) => BoolValue(membership);

    public string VisitBetween(BoundBetween between) => BoolValue(between);

    public string VisitArray(BoundArray array) => array.Items.IsEmpty ? "null()" : $"mvappend({string.Join(", ", array.Items.Select(Value))})";

    public string VisitEachPath(BoundEachPath each) => EvalField(EachFieldName(each), each.Location);

    public string VisitPathAccess(BoundPathAccess access)
    {
        if (access.Target is BoundCall { Canonical.Name: GeoFunction })
        {
            return GeoMemberField(access) ?? Value(access.Target);
        }

        var value = Value(access.Target);
        foreach (var step in access.Path)
        {
            if (step is IndexStep index)
            {
                value = $"mvindex({value}, {Number(index.Index)})";
            }
            else
            {
                Error(SplDiagnostics.ObjectValue, "a member of a computed value: SPL computes text and multivalues, not objects", access.Location);
                return "null()";
            }
        }

        return value;
    }

    public string VisitRegex(BoundRegex regex) => SplLiteral.EvalString(regex.Pattern);

    public string VisitError(BoundError error) => "null()";

    /// <summary>
    /// <c>x in (...)</c>: constants as regular-expression tests (mvfind on multivalue fields), computed items as
    /// comparisons, a named list through its lookup (the list's case sensitivity must be the operator's).
    /// </summary>
    private string In(BoundIn membership)
    {
        if (membership.List is BoundNamedList named)
        {
            var found = LookupOutput(membership, named);
            return membership.Negated ? $"isnull({found})" : $"isnotnull({found})";
        }

        var test = membership.List switch
        {
            BoundListItems items => ItemsTest(membership.Value, items.Items, membership.IgnoreCase),
            BoundLetConstantList { Let.Value: BoundArray array } => ItemsTest(membership.Value, array.Items, membership.IgnoreCase),
            _ => NotPortableList(membership),
        };
        return membership.Negated ? "NOT " + test : test;
    }

    private string NotPortableList(BoundIn membership)
    {
        var reason = membership.List is BoundPipelineList
            ? "a list computed by a sub-pipeline would be a subsearch in SPL, capped at 10,000 values, so matches would go missing without notice"
            : "SPL tests lists of constants or a lookup; this let value is neither";
        Error(SplDiagnostics.ListNotPortable, reason, membership.List.Location);
        return "false()";
    }

    private string ItemsTest(BoundExpression subject, IReadOnlyList<BoundExpression> items, bool ignoreCase)
    {
        if (items.Count == 0)
        {
            return "false()";
        }

        if (items.All(i => i is BoundLiteral { Kind: LiteralKind.String }))
        {
            var alternatives = string.Join("|", items.Select(i => RegexText((string)((BoundLiteral)i).Value!)));
            return TextMatch(subject, (ignoreCase ? "(?i)" : "") + "^(?:" + alternatives + @")\z");
        }

        var op = ignoreCase ? BinaryOperator.EqualCi : BinaryOperator.Equal;
        return "(" + string.Join(" OR ", items.Select(i => Comparison(new BoundBinary(op, subject, i, ScalarType.Bool, i.Location)))) + ")";
    }

    /// <summary>Looks the value up in the list's lookup; the returned field is set when it is in the list.</summary>
    private string LookupOutput(BoundIn membership, BoundNamedList named)
    {
        var list = named.List;
        if (list.CaseSensitive == membership.IgnoreCase)
        {
            Error(SplDiagnostics.ListNotPortable,
                $"the lookup of list '{list.Name}' compares {(list.CaseSensitive ? "case-sensitively" : "ignoring case")} (its case_sensitive), but '{OperatorSpellings.In[membership.Operator]}' compares {(membership.IgnoreCase ? "ignoring case" : "case-sensitively")}",
                named.Location);
        }

        var input = membership.Value is BoundFieldReference reference && SplunkField(reference.Resolved, reference.Location) is { Index: null } field
            ? field.Name
            : null;
        if (input is null)
        {
            input = Temporary("value");
            _commands.Add($"eval {input}={Value(membership.Value)}");
            _cleanup.Add(input);
        }

        var output = Temporary("in_list");
        _commands.Add($"lookup {CommandField(list.Name, named.Location)} value AS {CommandField(input, membership.Location)} OUTPUT value AS {output}");
        _cleanup.Add(output);
        return output;
    }
}
