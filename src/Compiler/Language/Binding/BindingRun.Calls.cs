using System.Collections.Immutable;
using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Language.Functions;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Compiler.Language.Binding;

internal sealed partial class BindingRun
{
    /// <summary>Aggregate calls seen so far; a summarize item must contain at least one.</summary>
    private int _aggregateCount;

    private BoundExpression BindCall(FunctionCallExpression call, ExpressionScope scope)
    {
        var function = FunctionCatalogue.Find(call.Name);
        if (function is null && ForeignSpellings.Find(ForeignSpellingKind.Function, call.Name) is { } foreign)
        {
            // Bound as the function it stands for, so its arguments (a column inside values(...)) raise nothing more.
            Error(BindingCodes.ForeignFunction, $"unknown function '{call.Name}': {foreign.Advice}", call.Span);
            function = FunctionCatalogue.Find(foreign.Canonical)!;
        }
        if (function is null)
        {
            Error(BindingCodes.UnknownFunction, $"unknown function '{call.Name}'{Suggest(call.Name, FunctionCatalogue.Names)}", call.Span);
            // Whether it was meant as an aggregate is unknown: a column argument in summarize is not a second error.
            var unknownScope = scope.Aggregates == AggregateMode.SummarizeItem ? scope with { Aggregates = AggregateMode.AggregateArgument } : scope;
            foreach (var argument in call.Arguments) BindExpression(argument, unknownScope);
            return new BoundError(Where(call.Span));
        }

        var argumentScope = scope;
        if (function.IsAggregate)
        {
            _aggregateCount++;
            if (scope.Aggregates != AggregateMode.SummarizeItem)
            {
                var where = scope.Aggregates == AggregateMode.AggregateArgument ? "inside another aggregate" : "outside summarize";
                Error(BindingCodes.AggregateOutsideSummarize, $"aggregate '{call.Name}' cannot be used {where}", call.Span);
            }
            argumentScope = scope with { Aggregates = AggregateMode.AggregateArgument };
        }

        var arguments = ImmutableArray.CreateBuilder<BoundExpression>(call.Arguments.Length);
        for (var i = 0; i < call.Arguments.Length; i++)
        {
            var argument = call.Arguments[i];
            if (function.ReturnsRow && i > 0 && IsWildcard(argument))
            {
                // arg_max(x, *): the binder expands * into the carried columns (BoundArgExtreme); nothing to type here.
                arguments.Add(_expressions[argument] = new BoundError(Where(argument.Span)));
                continue;
            }
            arguments.Add(BindExpression(argument, argumentScope));
        }

        if (!function.AcceptsArity(call.Arguments.Length))
        {
            Error(BindingCodes.WrongArity, $"'{call.Name}' takes {function.ArityText()} argument{(function.MaxArity == 1 && function.MinArity == 1 ? "" : "s")}, not {call.Arguments.Length}", call.Span);
            return new BoundError(Where(call.Span));
        }

        for (var i = 0; i < call.Arguments.Length; i++)
        {
            var expected = function.ParameterType(i, call.Arguments.Length);
            if (!expected.Accepts(arguments[i].Type))
            {
                Error(BindingCodes.ArgumentType, $"argument {i + 1} of '{call.Name}' must be {expected.DisplayName()}, not {arguments[i].Type.DisplayName()}", call.Arguments[i].Span);
            }
        }
        if (function.RegexArgument is { } regexIndex)
        {
            arguments[regexIndex] = BindRegex(call.Arguments[regexIndex], call.Name);
        }
        var types = arguments.Select(a => a.Type).ToImmutableArray();
        return new BoundCall(function, arguments.ToImmutable(), ReturnType(function, types), Where(call.Span));
    }

    private static ScalarType ReturnType(FunctionSignature function, ImmutableArray<ScalarType> arguments)
    {
        switch (function.Return)
        {
            case ReturnRule.Fixed:
                return function.ReturnType;
            case ReturnRule.FirstArgument:
                return arguments.IsEmpty ? ScalarType.Unknown : arguments[0];
            case ReturnRule.CommonOfAll:
                return arguments.Aggregate(ScalarType.Null, ScalarTypes.Common);
            case ReturnRule.CommonOfIifBranches:
                return arguments.Length < 3 ? ScalarType.Unknown : ScalarTypes.Common(arguments[1], arguments[2]);
            default:
                var common = ScalarType.Null;
                for (var i = 1; i < arguments.Length; i += 2) common = ScalarTypes.Common(common, arguments[i]);
                return arguments.IsEmpty ? ScalarType.Unknown : ScalarTypes.Common(common, arguments[^1]);
        }
    }

    /// <summary>
    /// A regular expression must be a constant string (a literal, or a let constant bound to one) in the portable
    /// dialect; the bound tree carries the pattern itself, so no backend resolves or re-checks it.
    /// </summary>
    private BoundExpression BindRegex(Expression argument, string where)
    {
        var pattern = ConstantString(argument);
        if (pattern is null)
        {
            Error(BindingCodes.RegexNotConstant, $"the regular expression of {where} must be a constant string", argument.Span);
            return new BoundError(Where(argument.Span));
        }
        if (RegexChecker.Check(pattern) is { } problem)
        {
            Error(problem.Code, $"bad regular expression in {where}: {problem.Message}", argument.Span);
            return new BoundError(Where(argument.Span));
        }
        return _expressions[argument] = new BoundRegex(pattern, Where(argument.Span));
    }

    private string? ConstantString(Expression expression) => expression switch
    {
        LiteralExpression { Kind: LiteralKind.String, Value: string text } => text,
        FieldExpression { Path: [MemberSegment member] } when _lets.TryGetValue(member.Name, out var let)
            && let is BoundLetConstant { Value: BoundLiteral { Kind: LiteralKind.String, Value: string text } } => text,
        _ => null,
    };
}
