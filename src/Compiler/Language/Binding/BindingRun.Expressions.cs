using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Compiler.Language.Binding;

internal sealed partial class BindingRun
{
    private ExpressionInfo BindExpression(Expression expression, ExpressionScope scope)
    {
        var info = expression switch
        {
            LiteralExpression literal => Typed(LiteralType(literal.Kind)),
            FieldExpression field => BindField(field, scope.Row, scope),
            JoinSideExpression side => BindJoinSide(side, scope),
            UnaryExpression unary => BindUnary(unary, scope),
            BinaryExpression binary => BindBinary(binary, scope),
            InExpression membership => BindIn(membership, scope),
            BetweenExpression between => BindBetween(between, scope),
            FunctionCallExpression call => BindCall(call, scope),
            ArrayExpression array => BindArray(array, scope),
            PathAccessExpression access => BindPathAccess(access, scope),
            WildcardExpression wildcard => BindWildcard(wildcard),
            _ => Typed(ScalarType.Unknown),
        };
        _expressions[expression] = info;
        return info;
    }

    private static ExpressionInfo Typed(ScalarType type, bool multivalued = false) => new(type, multivalued, null, null);

    private static ScalarType LiteralType(LiteralKind kind) => kind switch
    {
        LiteralKind.String => ScalarType.String,
        LiteralKind.Long => ScalarType.Long,
        LiteralKind.Real => ScalarType.Real,
        LiteralKind.Bool => ScalarType.Bool,
        LiteralKind.Duration => ScalarType.TimeSpan,
        LiteralKind.DateTime => ScalarType.DateTime,
        _ => ScalarType.Null,
    };

    private ExpressionInfo BindJoinSide(JoinSideExpression side, ExpressionScope scope)
    {
        var row = side.Side == JoinSide.Left ? scope.Left : scope.Right;
        if (row is null)
        {
            Error(BindingCodes.JoinSideOutsideJoin, $"${side.Side.ToString().ToLowerInvariant()} can only be used in a join's on clause", side.Span);
            return _expressions[side.Field] = Typed(ScalarType.Unknown);
        }
        var info = BindField(side.Field, row, scope with { Row = row });
        _expressions[side.Field] = info;
        return info;
    }

    private ExpressionInfo BindUnary(UnaryExpression unary, ExpressionScope scope)
    {
        var operand = BindExpression(unary.Operand, scope);
        if (unary.Operator == UnaryOperator.Not)
        {
            RequireBool(operand.Type, unary.Operand.Span, "the operand of not");
            return Typed(ScalarType.Bool);
        }
        if (operand.Type.IsLoose() || operand.Type.IsNumeric() || operand.Type == ScalarType.TimeSpan) return Typed(operand.Type);
        Error(BindingCodes.OperandType, $"cannot negate a {operand.Type.DisplayName()}", unary.Span);
        return Typed(ScalarType.Unknown);
    }

    private void RequireBool(ScalarType type, TextSpan span, string what)
    {
        if (type.IsLoose() || type == ScalarType.Bool) return;
        Error(BindingCodes.NotBoolean, $"{what} must be a bool, not a {type.DisplayName()}", span);
    }

    private ExpressionInfo BindBetween(BetweenExpression between, ExpressionScope scope)
    {
        var value = BindExpression(between.Value, scope);
        var low = BindExpression(between.Low, scope);
        var high = BindExpression(between.High, scope);
        CheckOrdering(value.Type, low.Type, between.Low.Span);
        CheckOrdering(value.Type, high.Type, between.High.Span);
        return Typed(ScalarType.Bool);
    }

    private ExpressionInfo BindArray(ArrayExpression array, ExpressionScope scope)
    {
        foreach (var item in array.Items) BindExpression(item, scope);
        return Typed(ScalarType.Dynamic, multivalued: true);
    }

    private ExpressionInfo BindPathAccess(PathAccessExpression access, ExpressionScope scope)
    {
        var target = BindExpression(access.Target, scope);
        if (target.Type.IsLoose()) return Typed(target.Type == ScalarType.Unknown ? ScalarType.Unknown : ScalarType.Dynamic);
        Error(BindingCodes.MemberOfScalar, $"a {target.Type.DisplayName()} has no members or elements; only dynamic values do", access.Span);
        return Typed(ScalarType.Unknown);
    }

    private ExpressionInfo BindWildcard(WildcardExpression wildcard)
    {
        Error(BindingCodes.StarOutsideArgMinMax, "* stands for every column only in arg_min(x, *) and arg_max(x, *)", wildcard.Span);
        return Typed(ScalarType.Unknown);
    }

    private static bool IsWildcard(Expression expression) => expression is WildcardExpression;
}
