using System.Collections.Immutable;
using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Compiler.Language.Binding;

internal sealed partial class BindingRun
{
    private BoundExpression BindBinary(BinaryExpression binary, ExpressionScope scope)
    {
        var left = BindExpression(binary.Left, scope);
        var right = BindExpression(binary.Right, scope);
        BoundBinary Bound(ScalarType type) => new(binary.Operator, left, right, type, Where(binary.Span));
        switch (binary.Operator)
        {
            case BinaryOperator.Or or BinaryOperator.And:
                var word = binary.Operator == BinaryOperator.Or ? "or" : "and";
                RequireBool(left.Type, binary.Left.Span, $"the left operand of {word}");
                RequireBool(right.Type, binary.Right.Span, $"the right operand of {word}");
                return Bound(ScalarType.Bool);
            case BinaryOperator.Equal or BinaryOperator.NotEqual:
                CheckEquality(left.Type, right.Type, binary.Span);
                return Bound(ScalarType.Bool);
            case BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual:
                CheckOrdering(left.Type, right.Type, binary.Span);
                return Bound(ScalarType.Bool);
            case BinaryOperator.MatchesRegex when binary.Right is not LiteralExpression && ConstantString(binary.Right) is null:
                // A pattern read from the data (SPL's match(a, b) of two fields): each row's value is its pattern,
                // which no compile-time check can hold to the portable dialect, and which KQL cannot take.
                CheckTextOperand(right.Type, binary.Right.Span);
                Warning(BindingCodes.RegexFromData, "the regular expression of matches regex is read from the data: each row's value is "
                    + "compiled as it comes (a value that is not a valid pattern matches nothing), Splunk reads it as PCRE and C# in "
                    + "the portable dialect, so they can differ on patterns outside it, and Sentinel cannot run it (KQL takes a constant)", binary.Right.Span);
                return Bound(ScalarType.Bool);
            case BinaryOperator.MatchesRegex:
                right = BindRegex(binary.Right, "matches regex");
                return Bound(ScalarType.Bool);
            case BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply or BinaryOperator.Divide or BinaryOperator.Modulo:
                var result = Arithmetic(binary, left.Type, right.Type);
                return result == ScalarType.Unknown && !left.Type.IsLoose() && !right.Type.IsLoose() ? new BoundError(Where(binary.Span)) : Bound(result);
            default:
                // =~ !~ and the string operators compare text: both operands should be strings (KQL defines them for
                // strings only, and a bool's or a number's text is a choice a rule makes with tostring()).
                CheckTextOperand(left.Type, binary.Left.Span);
                CheckTextOperand(right.Type, binary.Right.Span);
                return Bound(ScalarType.Bool);
        }
    }

    /// <summary>
    /// A comparison between different types has no portable meaning (docs/semantics.md decision 2): an error unless one
    /// side is converted explicitly. dynamic takes the other side's type at run time; long and real are one numeric type.
    /// </summary>
    private void CheckEquality(ScalarType left, ScalarType right, TextSpan span)
    {
        if (left.IsLoose() || right.IsLoose() || left == right || (left.IsNumeric() && right.IsNumeric())) return;
        Error(BindingCodes.ComparisonTypeMix, $"comparing a {left.DisplayName()} with a {right.DisplayName()}: convert one side explicitly ({Conversion(left)} or {Conversion(right)})", span);
    }

    private void CheckOrdering(ScalarType left, ScalarType right, TextSpan span)
    {
        if (left.IsLoose() || right.IsLoose() || left == right || (left.IsNumeric() && right.IsNumeric())) return;
        Error(BindingCodes.ComparisonTypeMix, $"ordering a {left.DisplayName()} against a {right.DisplayName()}: convert one side explicitly ({Conversion(left)} or {Conversion(right)})", span);
    }

    private void CheckTextOperand(ScalarType type, TextSpan span)
    {
        if (type.IsLoose() || type == ScalarType.String) return;
        Error(BindingCodes.ComparisonTypeMix, $"a string operator with a {type.DisplayName()} operand: convert it with tostring()", span);
    }

    private static string Conversion(ScalarType type) => type switch
    {
        ScalarType.Long => "tolong()",
        ScalarType.Real => "todouble()",
        ScalarType.Bool => "tobool()",
        ScalarType.DateTime => "todatetime()",
        ScalarType.TimeSpan => "totimespan()",
        _ => "tostring()",
    };

    private ScalarType Arithmetic(BinaryExpression binary, ScalarType left, ScalarType right)
    {
        if (left == ScalarType.Unknown || right == ScalarType.Unknown) return ScalarType.Unknown;
        if (left.IsLoose() || right.IsLoose()) return ScalarType.Dynamic;
        var result = (binary.Operator, left, right) switch
        {
            (_, ScalarType.Long, ScalarType.Long) when binary.Operator != BinaryOperator.Divide => ScalarType.Long,
            (BinaryOperator.Divide, ScalarType.Long, ScalarType.Long) => ScalarType.Long,
            (_, _, _) when left.IsNumeric() && right.IsNumeric() => ScalarType.Real,
            (BinaryOperator.Add, ScalarType.DateTime, ScalarType.TimeSpan) => ScalarType.DateTime,
            (BinaryOperator.Add, ScalarType.TimeSpan, ScalarType.DateTime) => ScalarType.DateTime,
            (BinaryOperator.Subtract, ScalarType.DateTime, ScalarType.TimeSpan) => ScalarType.DateTime,
            (BinaryOperator.Subtract, ScalarType.DateTime, ScalarType.DateTime) => ScalarType.TimeSpan,
            (BinaryOperator.Add or BinaryOperator.Subtract, ScalarType.TimeSpan, ScalarType.TimeSpan) => ScalarType.TimeSpan,
            (BinaryOperator.Multiply, ScalarType.TimeSpan, _) when right.IsNumeric() => ScalarType.TimeSpan,
            (BinaryOperator.Multiply, _, ScalarType.TimeSpan) when left.IsNumeric() => ScalarType.TimeSpan,
            (BinaryOperator.Divide, ScalarType.TimeSpan, _) when right.IsNumeric() => ScalarType.TimeSpan,
            (BinaryOperator.Divide, ScalarType.TimeSpan, ScalarType.TimeSpan) => ScalarType.Real,
            _ => ScalarType.Unknown,
        };
        if (result == ScalarType.Unknown)
        {
            var hint = left == ScalarType.String && right == ScalarType.String && binary.Operator == BinaryOperator.Add ? " (use strcat to join strings)" : "";
            Error(BindingCodes.OperandType, $"operator {OperatorText(binary.Operator)} does not apply to {left.DisplayName()} and {right.DisplayName()}{hint}", binary.Span);
        }
        return result;
    }

    private static string OperatorText(BinaryOperator op) => OperatorSpellings.Binary[op];

    private BoundExpression BindIn(InExpression membership, ExpressionScope scope)
    {
        var value = BindExpression(membership.Value, scope);
        if (membership.Operator is InOperator.HasAny or InOperator.HasAll) return BindTermList(membership, value, scope);
        BoundList? list = null;
        switch (membership.List)
        {
            case ListLiteral literal:
                var items = ImmutableArray.CreateBuilder<BoundExpression>(literal.Items.Length);
                foreach (var item in literal.Items)
                {
                    var bound = BindExpression(item, scope);
                    if (bound.Type != ScalarType.Dynamic) CheckEquality(value.Type, bound.Type, item.Span);
                    items.Add(bound);
                }
                list = new BoundListItems(items.MoveToImmutable(), Where(literal.Span));
                break;
            case NamedListReference named:
                if (context.Lists.TryGetValue(named.Name, out var namedList))
                {
                    list = new BoundNamedList(namedList, Where(named.Span));
                }
                else
                {
                    Error(BindingCodes.UnknownList, $"unknown list '@{named.Name}' (rules/lists/{named.Name}.yml){Suggest(named.Name, context.Lists.Keys)}", named.Span);
                }
                break;
            case LetListReference letList:
                list = BindLetList(letList);
                break;
        }
        return list is null ? new BoundError(Where(membership.Span)) : new BoundIn(value, membership.Operator, list, Where(membership.Span));
    }

    /// <summary>
    /// has_any / has_all: one has test per needle of a literal list, joined by or / and (docs/semantics.md), so each
    /// target realises them with its own has (and reports what it cannot, as for has). A named list or a let is not
    /// written out in the query, so no target could spell its needles: an error.
    /// </summary>
    private BoundExpression BindTermList(InExpression terms, BoundExpression value, ExpressionScope scope)
    {
        var spelling = OperatorSpellings.In[terms.Operator];
        if (terms.List is not ListLiteral literal)
        {
            Error(BindingCodes.TermListNotLiteral, $"{spelling} takes the terms written in the query, as in: x {spelling} (\"a\", \"b\")", terms.List.Span);
            return new BoundError(Where(terms.Span));
        }
        var join = terms.Operator == InOperator.HasAny ? BinaryOperator.Or : BinaryOperator.And;
        BoundExpression? result = null;
        foreach (var item in literal.Items)
        {
            var needle = BindExpression(item, scope);
            CheckTextOperand(needle.Type, item.Span);
            var test = new BoundBinary(BinaryOperator.Has, value, needle, ScalarType.Bool, Where(TextSpan.Between(terms.Value.Span, item.Span)));
            result = result is null ? test : new BoundBinary(join, result, test, ScalarType.Bool, Where(terms.Span));
        }
        return result ?? new BoundError(Where(terms.Span));
    }

    private BoundList? BindLetList(LetListReference reference)
    {
        if (!_lets.TryGetValue(reference.Name, out var let))
        {
            Error(BindingCodes.UnknownLet, $"unknown let name '{reference.Name}'{Suggest(reference.Name, _lets.Keys)}", reference.Span);
            return null;
        }
        switch (let)
        {
            case BoundLetConstant constant when constant.Type is not (ScalarType.Dynamic or ScalarType.Unknown):
                Error(BindingCodes.ListShape, $"'{reference.Name}' is a {constant.Type.DisplayName()}, not a list: use dynamic([...])", reference.Span);
                return null;
            case BoundLetConstant constant:
                return new BoundLetConstantList(constant, Where(reference.Span));
            case BoundLetPipeline pipeline when pipeline.Pipeline.Output.Columns.Length != 1:
                Error(BindingCodes.ListShape, $"the sub-pipeline '{reference.Name}' used as a list must output exactly one column, not {pipeline.Pipeline.Output.Columns.Length}", reference.Span);
                return null;
            case BoundLetPipeline pipeline:
                return new BoundPipelineList(pipeline, Where(reference.Span));
            default:
                return null;
        }
    }
}
