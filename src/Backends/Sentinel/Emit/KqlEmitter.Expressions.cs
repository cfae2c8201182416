using System.Globalization;
using RuleCompiler.Backends.Sentinel.Kql;
using RuleCompiler.Backends.Targets;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Backends.Sentinel.Emit;

/// <summary>A KQL expression and how tightly it binds (so operands are parenthesised only where KQL needs it).</summary>
internal readonly record struct KqlExpr(string Text, int Precedence)
{
    public const int Or = 1;
    public const int And = 2;
    public const int Comparison = 3;
    public const int Additive = 4;
    public const int Multiplicative = 5;
    public const int Unary = 6;
    public const int Atom = 9;

    public static KqlExpr Atomic(string text) => new(text, Atom);
}

internal sealed partial class KqlEmitter : IBoundExpressionVisitor<KqlExpr>, IBoundListVisitor<string>
{
    private KqlExpr Expr(BoundExpression expression) =>
        IsElement(expression) ? KqlExpr.Atomic(_element!.Value.Element) : expression.Accept(this);

    public KqlExpr VisitLiteral(BoundLiteral literal) => literal.Kind switch
    {
        LiteralKind.String => KqlExpr.Atomic(KqlText.StringLiteral((string)literal.Value!)),
        LiteralKind.Long => Signed(Convert.ToInt64(literal.Value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)),
        LiteralKind.Real => Real(Convert.ToDouble(literal.Value, CultureInfo.InvariantCulture)),
        LiteralKind.Bool => KqlExpr.Atomic((bool)literal.Value! ? "true" : "false"),
        LiteralKind.Duration => Timespan((TimeSpan)literal.Value!),
        LiteralKind.DateTime => KqlExpr.Atomic(DateTimeLiteral((DateTime)literal.Value!)),
        _ => KqlExpr.Atomic("dynamic(null)"),
    };

    private static KqlExpr Signed(string text) => text.StartsWith('-') ? new(text, KqlExpr.Unary) : KqlExpr.Atomic(text);

    private static KqlExpr Real(double value)
    {
        if (double.IsNaN(value)) return KqlExpr.Atomic("real(nan)");
        if (double.IsInfinity(value)) return KqlExpr.Atomic(value > 0 ? "real(+inf)" : "real(-inf)");
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return Signed(text.Contains('.') || text.Contains('E') ? text : text + ".0");
    }

    /// <summary>A timespan in the largest whole unit KQL has a literal for (<c>6d</c>, <c>30m</c>, <c>500ms</c>), else in ticks.</summary>
    private static KqlExpr Timespan(TimeSpan value)
    {
        var ticks = value.Ticks;
        var (unit, size) = new[] { ("d", TimeSpan.TicksPerDay), ("h", TimeSpan.TicksPerHour), ("m", TimeSpan.TicksPerMinute), ("s", TimeSpan.TicksPerSecond), ("ms", TimeSpan.TicksPerMillisecond) }
            .FirstOrDefault(u => ticks % u.Item2 == 0, ("tick", 1L));
        return Signed((ticks / size).ToString(CultureInfo.InvariantCulture) + unit);
    }

    private static string DateTimeLiteral(DateTime value)
    {
        var text = value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture).TrimEnd('0').TrimEnd('.');
        return $"datetime({text}Z)";
    }

    /// <summary>A field: a let constant, or a column of the rows (the table's column, read through parse_json when it holds JSON text).</summary>
    public KqlExpr VisitField(BoundFieldReference field)
    {
        var resolved = field.Resolved;
        string target;
        switch (resolved.Kind)
        {
            case ResolvedFieldKind.LetConstant:
                target = KqlText.Identifier(resolved.ColumnName);
                break;
            case ResolvedFieldKind.Column when _rows.Find(resolved.ColumnName) is { Name: { } name } column:
                target = column.JsonText ? $"parse_json({KqlText.Identifier(name)})" : KqlText.Identifier(name);
                break;
            case ResolvedFieldKind.Column when _rows.Find(resolved.ColumnName) is { } missing:
                _diagnostics.Add(NotBuilt(missing.UnavailableCode, missing.Unavailable!, field.Location));
                return KqlExpr.Atomic("dynamic(null)");
            default:
                var path = string.Join(".", new[] { resolved.ColumnName }.Concat(resolved.Remainder.Select(StepText)));
                _diagnostics.Add(NotBuilt(KqlDiagnostics.NoSentinelColumn, $"no column of the Sentinel table holds '{path}'", field.Location));
                return KqlExpr.Atomic("dynamic(null)");
        }

        return KqlExpr.Atomic(target + string.Concat(resolved.Remainder.Select(PathText)));
    }

    private static string StepText(PathStep step) => step switch
    {
        IndexStep index => index.Index.ToString(CultureInfo.InvariantCulture),
        MemberStep member => member.Name,
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };

    /// <summary>A step into a dynamic value: <c>.name</c> for plain names, <c>["odd name"]</c> otherwise, <c>[-1]</c> for indexes.</summary>
    private static string PathText(PathStep step) => step switch
    {
        IndexStep index => "[" + index.Index.ToString(CultureInfo.InvariantCulture) + "]",
        MemberStep member when KqlText.Identifier(member.Name) == member.Name => "." + member.Name,
        MemberStep member => "[" + KqlText.StringLiteral(member.Name) + "]",
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };

    public KqlExpr VisitUnary(BoundUnary unary) => unary.Operator == UnaryOperator.Not
        ? KqlExpr.Atomic(Not(unary.Operand))
        : new("-" + Operand(unary.Operand, KqlExpr.Unary + 1), KqlExpr.Unary);

    /// <summary>
    /// Logic is two-valued (docs/semantics.md, decision 4): not(null) is true, where KQL's is null. A bool that may be
    /// null in KQL (a field, a conversion, a dynamic value, a comparison of a number, bool or time that may be null) is
    /// guarded; a test KQL never makes null (of texts, which KQL never holds as null, and constants) is not.
    /// </summary>
    private string Not(BoundExpression operand) => NeverNullInKql(operand)
        ? $"not({Expr(operand).Text})"
        : $"not(coalesce({Expr(operand).Text}, false))";

    /// <summary>Whether KQL's value of this condition is never null (then not() of it needs no guard).</summary>
    private static bool NeverNullInKql(BoundExpression condition) => condition switch
    {
        BoundBinary { Operator: BinaryOperator.And or BinaryOperator.Or } logic => NeverNullInKql(logic.Left) && NeverNullInKql(logic.Right),
        BoundBinary comparison => !MayBeNullInKql(comparison.Left) && !MayBeNullInKql(comparison.Right),
        BoundUnary { Operator: UnaryOperator.Not } => true,
        BoundIn membership => !MayBeNullInKql(membership.Value),
        BoundBetween { Negated: true } => true, // written isnull(x) or x !between (...)
        BoundBetween between => !MayBeNullInKql(between.Value) && !MayBeNullInKql(between.Low) && !MayBeNullInKql(between.High),
        BoundCall { Canonical.Name: "isempty" or "isnotempty" or "isnull" or "isnotnull" or "not" } => true,
        BoundLiteral { Kind: LiteralKind.Bool } => true,
        _ => false,
    };

    /// <summary>KQL holds a missing text as "", but a missing number, bool, time or dynamic value as null.</summary>
    private static bool MayBeNullInKql(BoundExpression value) => value is not BoundLiteral and not BoundRegex && value.Type != ScalarType.String;

    private static bool NonAscii(BoundExpression expression) =>
        expression is BoundLiteral { Kind: LiteralKind.String, Value: string text } && text.Any(c => c > '\u007f' && char.IsLetter(c));

    public KqlExpr VisitBinary(BoundBinary binary)
    {
        if (TryElementTest(binary, out var tested)) return tested;
        var op = binary.Operator;
        var spelling = CapabilityTable.Spelling(_table.Operator(op));
        if (op is BinaryOperator.And or BinaryOperator.Or)
        {
            var precedence = op == BinaryOperator.And ? KqlExpr.And : KqlExpr.Or;
            return new($"{Operand(binary.Left, precedence)} {spelling} {Operand(binary.Right, precedence)}", precedence);
        }

        if (op is BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply or BinaryOperator.Divide or BinaryOperator.Modulo)
        {
            var precedence = op is BinaryOperator.Add or BinaryOperator.Subtract ? KqlExpr.Additive : KqlExpr.Multiplicative;
            return new($"{Operand(binary.Left, precedence)} {spelling} {Operand(binary.Right, precedence + 1)}", precedence);
        }

        CheckSingleValued(binary.Left, OperatorSpellings.Binary[op]);
        if (op == BinaryOperator.MatchesRegex && binary.Right is not BoundRegex)
        {
            _diagnostics.Add(NotBuilt(KqlDiagnostics.RegexFromData,
                "KQL's matches regex takes a constant pattern, and this one is read from the data", binary.Right.Location));
        }

        var stringOperator = op is not (BinaryOperator.Equal or BinaryOperator.NotEqual or BinaryOperator.Less or BinaryOperator.LessOrEqual
            or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual);
        var left = StringOperand(binary.Left, stringOperator || binary.Right.Type == ScalarType.String);
        var right = StringOperand(binary.Right, stringOperator || binary.Left.Type == ScalarType.String);
        if (op is BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual)
        {
            // A dynamic value takes the number's type (decision 2); KQL holds a dynamic by-key as text, so convert.
            left = NumberOperand(binary.Left, binary.Right, left);
            right = NumberOperand(binary.Right, binary.Left, right);
        }
        if (op == BinaryOperator.NotEqual && (MayBeNullInKql(binary.Left) || MayBeNullInKql(binary.Right)))
        {
            // x != y is not(x == y) (decision 4), true when x or y is null; KQL's != of a null is null.
            return KqlExpr.Atomic($"not(coalesce({left} == {right}, false))");
        }

        if (op is BinaryOperator.EqualCi or BinaryOperator.NotEqualCi && (NonAscii(binary.Left) || NonAscii(binary.Right)))
        {
            // KQL's =~ folds ASCII letters only; the language folds every letter (docs/semantics.md).
            return new($"tolower({left}) {(op == BinaryOperator.EqualCi ? "==" : "!=")} tolower({right})", KqlExpr.Comparison);
        }

        return new($"{left} {spelling} {right}", KqlExpr.Comparison);
    }

    public KqlExpr VisitIn(BoundIn membership)
    {
        if (TryElementTest(membership, out var tested)) return tested;
        CheckSingleValued(membership.Value, OperatorSpellings.In[membership.Operator]);
        var stringList = membership.List switch
        {
            BoundListItems items => items.Items.Any(i => i.Type == ScalarType.String),
            BoundNamedList => true,
            _ => false,
        };
        var value = StringOperand(membership.Value, stringList);
        var spelling = CapabilityTable.Spelling(_table.Operator(membership.Operator));
        if (membership.Negated && MayBeNullInKql(membership.Value) && !stringList)
        {
            // x !in (...) is not(x in (...)), true for a null x; KQL's !in of a null is null.
            var positive = CapabilityTable.Spelling(_table.Operator(membership.Operator)).TrimStart('!');
            return KqlExpr.Atomic($"not(coalesce({value} {positive} ({membership.List.Accept(this)}), false))");
        }

        return new($"{value} {spelling} ({membership.List.Accept(this)})", KqlExpr.Comparison);
    }

    public string VisitItems(BoundListItems items) => string.Join(", ", items.Items.Select(i => Expr(i).Text));

    /// <summary>A named list is a <c>let</c> dynamic array at the top of the query, declared once however often it is used.</summary>
    public string VisitNamedList(BoundNamedList list)
    {
        if (!_listLets.TryGetValue(list.List.Name, out var name))
        {
            name = list.List.Name;
            for (var n = 2; _letNames.Contains(name); n++)
            {
                name = list.List.Name + "_" + n.ToString(CultureInfo.InvariantCulture);
            }

            _letNames.Add(name);
            _listLets[list.List.Name] = name;
            _listLines.Add($"let {KqlText.Identifier(name)} = dynamic([{string.Join(", ", list.List.Values.Select(KqlText.StringLiteral))}]);");
        }

        return KqlText.Identifier(name);
    }

    public string VisitLetConstant(BoundLetConstantList list) => KqlText.Identifier(list.Let.Name);

    public string VisitPipeline(BoundPipelineList list) => KqlText.Identifier(list.Let.Name);

    /// <summary><c>!between</c> is <c>not(between)</c>, true for null; KQL's !between of null is null, hence the isnull test.</summary>
    public KqlExpr VisitBetween(BoundBetween between)
    {
        if (TryElementTest(between, out var tested)) return tested;
        var value = Operand(between.Value, KqlExpr.Comparison + 1);
        var range = $"({Expr(between.Low).Text} .. {Expr(between.High).Text})";
        if (!between.Negated)
        {
            return new($"{value} between {range}", KqlExpr.Comparison);
        }

        return between.Value.Type == ScalarType.String
            ? new($"{value} !between {range}", KqlExpr.Comparison)
            : KqlExpr.Atomic($"(isnull({Expr(between.Value).Text}) or {value} !between {range})");
    }

    public KqlExpr VisitArray(BoundArray array) =>
        array.Items.All(i => i is BoundLiteral { Kind: LiteralKind.String or LiteralKind.Long or LiteralKind.Real or LiteralKind.Bool or LiteralKind.Null })
            ? KqlExpr.Atomic($"dynamic([{string.Join(", ", array.Items.Select(i => i is BoundLiteral { Kind: LiteralKind.Null } ? "null" : Expr(i).Text))}])")
            : KqlExpr.Atomic($"pack_array({string.Join(", ", array.Items.Select(i => Expr(i).Text))})");

    public KqlExpr VisitEachPath(BoundEachPath each) => _memberLists.TryGetValue(each, out var name)
        ? KqlExpr.Atomic(name)
        : throw new InvalidOperationException("a [*] path outside a stage that hoists it reached the KQL emitter");

    public KqlExpr VisitPathAccess(BoundPathAccess access)
    {
        var path = Operand(access.Target, KqlExpr.Atom) + string.Concat(access.Path.Select(PathText));
        // A declared member (geo_info_from_ip_address(ip).country) has the member's type; KQL's is dynamic.
        return access.Type switch
        {
            ScalarType.String => KqlExpr.Atomic($"tostring({path})"),
            ScalarType.Real => KqlExpr.Atomic($"todouble({path})"),
            _ => KqlExpr.Atomic(path),
        };
    }

    public KqlExpr VisitRegex(BoundRegex regex) => KqlExpr.Atomic(KqlText.StringLiteral(regex.Pattern));

    public KqlExpr VisitError(BoundError error) =>
        throw new InvalidOperationException("a query with binding errors reached the KQL emitter");

    /// <summary>An operand, parenthesised when it binds less tightly than <paramref name="precedence"/> needs.</summary>
    private string Operand(BoundExpression expression, int precedence)
    {
        var kql = Expr(expression);
        return kql.Precedence < precedence ? $"({kql.Text})" : kql.Text;
    }

    /// <summary>
    /// An operand of a string operator: a dynamic value is compared as its text (tostring), which is also how the
    /// language reads a null there (the empty string).
    /// </summary>
    private string StringOperand(BoundExpression expression, bool asString) =>
        asString && expression.Type is ScalarType.Dynamic or ScalarType.Null
            ? $"tostring({Expr(expression).Text})"
            : Operand(expression, KqlExpr.Comparison + 1);

    private string NumberOperand(BoundExpression operand, BoundExpression other, string text) =>
        operand.Type == ScalarType.Dynamic && other.Type.IsNumeric() ? $"todouble({Expr(operand).Text})" : text;

    /// <summary>The language's operators on a multi-valued field test each element; KQL's test the array as one value.</summary>
    private void CheckSingleValued(BoundExpression operand, string op)
    {
        if (operand.Multivalued && !IsElement(operand))
        {
            _diagnostics.Add(NotBuilt(KqlDiagnostics.MultivaluedOperand,
                $"'{op}' on a multi-valued field is true when any element matches, which KQL's {op} does not do; mv-expand the field first", operand.Location));
        }
    }
}
