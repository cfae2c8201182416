using System.Text.RegularExpressions;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Backends.CSharp.Emit;

internal sealed partial class RuleEmitter
{
    /// <summary>Set while emitting a let constant: there is no row to read fields from.</summary>
    private bool _noRow;

    private Code Expr(Expression expression) => expression switch
    {
        LiteralExpression literal => Literal(literal),
        FieldExpression field => Field(field),
        BinaryExpression binary => Binary(binary),
        UnaryExpression { Operator: UnaryOperator.Not } not => new($"!({Expr(not.Operand).AsBool})", CsType.Bool),
        UnaryExpression negate => new($"Arithmetic.Negate({Expr(negate.Operand).AsArgument})", CsType.Value),
        InExpression @in => In(@in),
        BetweenExpression between => new(
            $"{(between.Negated ? "!" : "")}Ops.Between({Expr(between.Value).AsArgument}, {Expr(between.Low).AsArgument}, {Expr(between.High).AsArgument})",
            CsType.Bool),
        FunctionCallExpression call => Call(call),
        PathAccessExpression access => new($"Paths.Walk({Expr(access.Target).AsValue}, {string.Join(", ", access.Path.Select(StepLiteral))})", CsType.Value),
        WildcardExpression wildcard => Unsupported(wildcard, "* can only be an argument of arg_min/arg_max"),
        ArrayExpression array => new($"Value.Array([{string.Join(", ", array.Items.Select(i => Expr(i).AsValue))}])", CsType.Value),
        JoinSideExpression side => Unsupported(side, "$left/$right may only appear in a join's on clause"),
        _ => Unsupported(expression, $"the C# backend has no translation for {expression.GetType().Name}"),
    };

    private Code Unsupported(SyntaxNode node, string message)
    {
        Report(CSharpDiagnostics.Unsupported, message, node);
        return new("Value.Null", CsType.Value);
    }

    private static Code Literal(LiteralExpression literal) => literal.Kind switch
    {
        LiteralKind.String => new(CSharpLiteral.String((string)literal.Value!), CsType.Literal),
        LiteralKind.Long => new(CSharpLiteral.Long(System.Convert.ToInt64(literal.Value, System.Globalization.CultureInfo.InvariantCulture)), CsType.Literal),
        LiteralKind.Real => new(CSharpLiteral.Real(System.Convert.ToDouble(literal.Value, System.Globalization.CultureInfo.InvariantCulture)), CsType.Literal),
        LiteralKind.Bool => new(CSharpLiteral.Bool((bool)literal.Value!), CsType.Literal),
        LiteralKind.Duration => new(CSharpLiteral.TimeSpan((TimeSpan)literal.Value!), CsType.Literal),
        LiteralKind.DateTime => new(CSharpLiteral.DateTime(literal.Value switch
        {
            DateTimeOffset o => o.UtcDateTime,
            DateTime d => d,
            _ => default,
        }), CsType.Literal),
        _ => new("Value.Null", CsType.Value),
    };

    private Code Field(FieldExpression field)
    {
        if (field.Path.Length == 0 || field.Path[0] is not MemberSegment head)
        {
            return Unsupported(field, "a field path must start with a name");
        }

        if (_rule.Bound is { } bound && bound.Expressions.TryGetValue(field, out var info) && info.Field is { } resolved)
        {
            return Resolved(field, resolved);
        }

        if (field.Path.Length == 1 && _letConstants.ContainsKey(head.Name))
        {
            return new(LetPropertyName(head.Name), CsType.Value);
        }

        if (_noRow)
        {
            return Unsupported(field, $"'{head.Name}' is not a let constant, and a let constant cannot read event fields");
        }

        if (field.Path.Length == 1 && head.Name == "_time")
        {
            return new("row.Time(Time)", CsType.Value);
        }

        return new($"row.Get({FieldPathField(head.Name, [.. field.Path.Skip(1)])})", CsType.Value);
    }

    /// <summary>A field the binder resolved: a let constant, _time, or a column (maybe dotted) and a path below it.</summary>
    private Code Resolved(FieldExpression field, ResolvedField resolved)
    {
        string Walk(string target) => resolved.Remainder.IsDefaultOrEmpty
            ? target
            : $"Paths.Walk({target}, {string.Join(", ", resolved.Remainder.Select(StepLiteral))})";

        if (resolved.Kind == ResolvedFieldKind.LetConstant)
        {
            return new(Walk(LetPropertyName(resolved.ColumnName)), CsType.Value);
        }

        if (_noRow)
        {
            return Unsupported(field, $"'{resolved.ColumnName}' is not a let constant, and a let constant cannot read event fields");
        }

        if (resolved.ColumnName == "_time")
        {
            return new(Walk("row.Time(Time)"), CsType.Value);
        }

        return new($"row.Get({FieldPathField(resolved.ColumnName, resolved.Remainder)})", CsType.Value);
    }

    /// <summary>The static FieldPath for a column and the path below it, shared by every use in the rule.</summary>
    private string FieldPathField(string column, IReadOnlyList<PathSegment> rest)
    {
        var steps = rest.Select(StepLiteral).ToList();
        var key = column + "\u0001" + string.Join(",", steps);
        if (_fieldNames.TryGetValue(key, out var name))
        {
            return name;
        }

        var parts = new[] { column }.Concat(rest.Select(s => s is IndexSegment i ? i.Index.ToString(System.Globalization.CultureInfo.InvariantCulture) : ((MemberSegment)s).Name));
        name = NewName("F_" + CSharpLiteral.IdentifierPart(string.Join("_", parts)));
        _fieldNames.Add(key, name);
        var args = string.Concat(steps.Select(s => ", " + s));
        var constructor = column.Contains('.', StringComparison.Ordinal) ? "FieldPath.Dotted" : "new FieldPath";
        _fields.Add($"private static readonly FieldPath {name} = {constructor}({CSharpLiteral.String(column)}{args});");
        return name;
    }

    private static string StepLiteral(PathSegment segment) => segment switch
    {
        IndexSegment index => $"PathStep.At({index.Index.ToString(System.Globalization.CultureInfo.InvariantCulture)})",
        MemberSegment member => $"PathStep.Member({CSharpLiteral.String(member.Name)})",
        _ => "PathStep.At(int.MaxValue)",
    };

    private static string PathLiteral(IReadOnlyList<string> dotted) =>
        dotted.Count == 1
            ? $"new FieldPath({CSharpLiteral.String(dotted[0])})"
            : $"FieldPath.Dotted({CSharpLiteral.String(string.Join(".", dotted))})";

    private Code Binary(BinaryExpression binary)
    {
        if (binary.Operator == BinaryOperator.MatchesRegex)
        {
            return new($"Ops.Matches({Expr(binary.Left).AsArgument}, {RegexField(binary.Right)})", CsType.Bool);
        }

        if (binary.Operator is BinaryOperator.And or BinaryOperator.Or)
        {
            var op = binary.Operator == BinaryOperator.And ? "&&" : "||";
            return new($"({Expr(binary.Left).AsBool} {op} {Expr(binary.Right).AsBool})", CsType.Bool);
        }

        var left = Expr(binary.Left).AsArgument;
        var right = Expr(binary.Right).AsArgument;
        if (binary.Operator is BinaryOperator.Equal or BinaryOperator.NotEqual
            && binary.Right is LiteralExpression { Kind: LiteralKind.String }
            && left.StartsWith("row.Get(", StringComparison.Ordinal) && left.IndexOf(')') == left.Length - 1)
        {
            // The hot case of leading filters (eventName == "PutImage"): compared in the event's bytes.
            var path = left["row.Get(".Length..^1];
            return new($"{(binary.Operator == BinaryOperator.NotEqual ? "!" : "")}Ops.FieldEquals(row, {path}, {right})", CsType.Bool);
        }

        var (method, negated, type) = binary.Operator switch
        {
            BinaryOperator.Equal => ("Ops.Equal", false, CsType.Bool),
            BinaryOperator.NotEqual => ("Ops.Equal", true, CsType.Bool),
            BinaryOperator.EqualCi => ("Ops.EqualCi", false, CsType.Bool),
            BinaryOperator.NotEqualCi => ("Ops.EqualCi", true, CsType.Bool),
            BinaryOperator.Less => ("Ops.Less", false, CsType.Bool),
            BinaryOperator.LessOrEqual => ("Ops.LessOrEqual", false, CsType.Bool),
            BinaryOperator.Greater => ("Ops.Greater", false, CsType.Bool),
            BinaryOperator.GreaterOrEqual => ("Ops.GreaterOrEqual", false, CsType.Bool),
            BinaryOperator.Contains => ("Ops.Contains", false, CsType.Bool),
            BinaryOperator.NotContains => ("Ops.Contains", true, CsType.Bool),
            BinaryOperator.ContainsCs => ("Ops.ContainsCs", false, CsType.Bool),
            BinaryOperator.NotContainsCs => ("Ops.ContainsCs", true, CsType.Bool),
            BinaryOperator.StartsWith => ("Ops.StartsWith", false, CsType.Bool),
            BinaryOperator.NotStartsWith => ("Ops.StartsWith", true, CsType.Bool),
            BinaryOperator.StartsWithCs => ("Ops.StartsWithCs", false, CsType.Bool),
            BinaryOperator.NotStartsWithCs => ("Ops.StartsWithCs", true, CsType.Bool),
            BinaryOperator.EndsWith => ("Ops.EndsWith", false, CsType.Bool),
            BinaryOperator.NotEndsWith => ("Ops.EndsWith", true, CsType.Bool),
            BinaryOperator.EndsWithCs => ("Ops.EndsWithCs", false, CsType.Bool),
            BinaryOperator.NotEndsWithCs => ("Ops.EndsWithCs", true, CsType.Bool),
            BinaryOperator.Has => ("Ops.Has", false, CsType.Bool),
            BinaryOperator.NotHas => ("Ops.Has", true, CsType.Bool),
            BinaryOperator.HasCs => ("Ops.HasCs", false, CsType.Bool),
            BinaryOperator.NotHasCs => ("Ops.HasCs", true, CsType.Bool),
            BinaryOperator.Add => ("Arithmetic.Add", false, CsType.Value),
            BinaryOperator.Subtract => ("Arithmetic.Subtract", false, CsType.Value),
            BinaryOperator.Multiply => ("Arithmetic.Multiply", false, CsType.Value),
            BinaryOperator.Divide => ("Arithmetic.Divide", false, CsType.Value),
            BinaryOperator.Modulo => ("Arithmetic.Modulo", false, CsType.Value),
            _ => ("", false, CsType.Value),
        };
        if (method.Length == 0)
        {
            return Unsupported(binary, $"the C# backend has no translation for the operator {binary.Operator}");
        }

        // Negated operators are exactly not(positive) (language-contract.md).
        return new($"{(negated ? "!" : "")}{method}({left}, {right})", type);
    }

    /// <summary>A static compiled regex for a pattern written as a string literal; the pattern is checked now, not at run time.</summary>
    private string RegexField(Expression pattern)
    {
        if (pattern is not LiteralExpression { Kind: LiteralKind.String, Value: string text })
        {
            Unsupported(pattern, "a regular expression must be a string literal");
            return "Ops.Regex(\"\")";
        }

        try
        {
            _ = new Regex(text, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            Report(CSharpDiagnostics.InvalidRegex, $"invalid or unsupported regular expression (RE2 subset: no backreferences or lookaround): {e.Message}", pattern);
            return "Ops.Regex(\"\")";
        }

        var name = NewName("Regex" + (_fields.Count(f => f.Contains(" Regex", StringComparison.Ordinal)) + 1));
        _fields.Add($"private static readonly System.Text.RegularExpressions.Regex {name} = Ops.Regex({CSharpLiteral.String(text)});");
        return name;
    }

    private Code In(InExpression @in)
    {
        var ignoreCase = @in.Operator is InOperator.InCi or InOperator.NotInCi;
        var negated = @in.Operator is InOperator.NotIn or InOperator.NotInCi;
        var set = SetExpression(@in.List, ignoreCase);
        return new($"{(negated ? "!" : "")}Ops.In({Expr(@in.Value).AsArgument}, {set})", CsType.Bool);
    }

    private string SetExpression(ListSource list, bool ignoreCase)
    {
        var ci = CSharpLiteral.Bool(ignoreCase);
        switch (list)
        {
            case ListLiteral literal when literal.Items.All(i => i is LiteralExpression):
                return SetField("Set", $"ValueSet.Of({ci}{string.Concat(literal.Items.Select(i => ", " + Expr(i).AsValue))})");
            case ListLiteral dynamicList:
                return $"ValueSet.Of({ci}{string.Concat(dynamicList.Items.Select(i => ", " + Expr(i).AsValue))})";
            case NamedListReference named when _context.Lists.TryGetValue(named.Name, out var namedList):
                return SetField(
                    "List_" + CSharpLiteral.IdentifierPart(named.Name),
                    $"ValueSet.OfStrings({ci}{string.Concat(namedList.Values.Select(v => ", " + CSharpLiteral.String(v)))})");
            case NamedListReference unknown:
                Report(CSharpDiagnostics.UnknownList, $"unknown list '@{unknown.Name}' (no rules/lists/{unknown.Name}.yml)", unknown);
                return "ValueSet.Of(false)";
            case LetListReference letList when _letConstants.ContainsKey(letList.Name):
                return SetField("SetOf_" + CSharpLiteral.IdentifierPart(letList.Name), $"ValueSet.Of({ci}, {LetPropertyName(letList.Name)})");
            case LetListReference letPipeline when _letPipelines.ContainsKey(letPipeline.Name):
                Report(
                    CSharpDiagnostics.Unsupported,
                    $"the C# backend cannot yet use the sub-pipeline '{letPipeline.Name}' as a list; use a join (kind=leftsemi) instead",
                    letPipeline);
                return "ValueSet.Of(false)";
            default:
                Report(CSharpDiagnostics.UnknownName, $"unknown let name in list position", list);
                return "ValueSet.Of(false)";
        }
    }

    private string SetField(string stem, string initializer)
    {
        var existing = _fields.FirstOrDefault(f => f.EndsWith(" = " + initializer + ";", StringComparison.Ordinal));
        if (existing is not null)
        {
            return existing.Split(' ')[4];
        }

        var name = NewName(stem);
        _fields.Add($"private static readonly ValueSet {name} = {initializer};");
        return name;
    }

    private static string LetPropertyName(string letName) => "Let_" + CSharpLiteral.IdentifierPart(letName);

    /// <summary>A let constant is a property, so <c>ago()</c> in it reads the clock when used, not when loaded.</summary>
    private string EmitLetConstant(LetExpression let)
    {
        _noRow = true;
        try
        {
            return $"private static Value {LetPropertyName(let.Name)} => {Expr(let.Value).AsValue};";
        }
        finally
        {
            _noRow = false;
        }
    }
}
