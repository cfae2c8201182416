using System.Collections.Immutable;
using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Compiler.Language.Binding;

internal sealed partial class BindingRun
{
    private BoundExpression BindExpression(Expression expression, ExpressionScope scope)
    {
        var bound = expression switch
        {
            LiteralExpression literal => BindLiteral(literal),
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
            _ => throw new InvalidOperationException($"Unhandled expression {expression.GetType().Name}"),
        };
        _expressions[expression] = bound;
        return bound;
    }

    private BoundLiteral BindLiteral(LiteralExpression literal)
    {
        // Datetimes are instants: backends get them in UTC whatever offset was written.
        var value = literal.Value is DateTimeOffset offset ? offset.UtcDateTime : literal.Value;
        return new BoundLiteral(literal.Kind, value, LiteralType(literal.Kind), Where(literal.Span));
    }

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

    private BoundExpression BindJoinSide(JoinSideExpression side, ExpressionScope scope)
    {
        var row = side.Side == JoinSide.Left ? scope.Left : scope.Right;
        if (row is null)
        {
            Error(BindingCodes.JoinSideOutsideJoin, $"${side.Side.ToString().ToLowerInvariant()} can only be used in a join's on clause", side.Span);
            return _expressions[side.Field] = new BoundError(Where(side.Span));
        }
        var bound = BindField(side.Field, row, scope with { Row = row });
        _expressions[side.Field] = bound;
        return bound;
    }

    private BoundExpression BindUnary(UnaryExpression unary, ExpressionScope scope)
    {
        var operand = BindExpression(unary.Operand, scope);
        if (unary.Operator == UnaryOperator.Not)
        {
            RequireBool(operand.Type, unary.Operand.Span, "the operand of not");
            return new BoundUnary(unary.Operator, operand, ScalarType.Bool, Where(unary.Span));
        }
        if (operand.Type.IsLoose() || operand.Type.IsNumeric() || operand.Type == ScalarType.TimeSpan)
        {
            return new BoundUnary(unary.Operator, operand, operand.Type, Where(unary.Span));
        }
        Error(BindingCodes.OperandType, $"cannot negate a {operand.Type.DisplayName()}", unary.Span);
        return new BoundError(Where(unary.Span));
    }

    private void RequireBool(ScalarType type, TextSpan span, string what)
    {
        if (type.IsLoose() || type == ScalarType.Bool) return;
        Error(BindingCodes.NotBoolean, $"{what} must be a bool, not a {type.DisplayName()}", span);
    }

    private BoundBetween BindBetween(BetweenExpression between, ExpressionScope scope)
    {
        var value = BindExpression(between.Value, scope);
        var low = BindExpression(between.Low, scope);
        var high = BindExpression(between.High, scope);
        CheckOrdering(value.Type, low.Type, between.Low.Span);
        CheckOrdering(value.Type, high.Type, between.High.Span);
        return new BoundBetween(value, low, high, between.Negated, Where(between.Span));
    }

    private BoundArray BindArray(ArrayExpression array, ExpressionScope scope) =>
        new([.. array.Items.Select(item => BindExpression(item, scope))], Where(array.Span)) { Multivalued = true };

    private BoundExpression BindPathAccess(PathAccessExpression access, ExpressionScope scope)
    {
        var target = BindExpression(access.Target, scope);
        if (target.Type == ScalarType.Unknown) return new BoundError(Where(access.Span));
        if (access.Path.OfType<EachSegment>().FirstOrDefault() is { } each)
        {
            Error(BindingCodes.EachMisuse, "[*] reads the arrays of the event: it follows a field path (items[*].userId), not a computed value", each.Span);
            return new BoundError(Where(access.Span));
        }
        if (target is BoundCall { Canonical.Members: { } members } call) return BindDeclaredMember(call, members, access);
        if (target.Type.IsLoose()) return new BoundPathAccess(target, PathStep.From(access.Path), ScalarType.Dynamic, Where(access.Span));
        Error(BindingCodes.MemberOfScalar, $"a {target.Type.DisplayName()} has no members or elements; only dynamic values do", access.Span);
        return new BoundError(Where(access.Span));
    }

    /// <summary>
    /// A member of an object whose members the catalogue declares (geo_info_from_ip_address(ip).country) has the
    /// member's type; any other path reads the dynamic value as KQL does (null when absent), with a warning.
    /// </summary>
    private BoundPathAccess BindDeclaredMember(BoundCall call, ImmutableDictionary<string, ScalarType> members, PathAccessExpression access)
    {
        var path = PathStep.From(access.Path);
        if (path is [MemberStep { Name: var name }] && members.TryGetValue(name, out var type))
        {
            return new BoundPathAccess(call, path, type, Where(access.Span));
        }
        var first = access.Path[0];
        var declared = string.Join(", ", members.Keys.Order(StringComparer.Ordinal));
        Warning(BindingCodes.UndeclaredMember, $"'{call.Signature.Name}' returns an object with the members {declared} only; this path reads null", first.Span);
        return new BoundPathAccess(call, path, ScalarType.Dynamic, Where(access.Span));
    }

    private BoundError BindWildcard(WildcardExpression wildcard)
    {
        Error(BindingCodes.StarOutsideArgMinMax, "* stands for every column only in arg_min(x, *) and arg_max(x, *)", wildcard.Span);
        return new BoundError(Where(wildcard.Span));
    }

    private static bool IsWildcard(Expression expression) => expression is WildcardExpression;
}
