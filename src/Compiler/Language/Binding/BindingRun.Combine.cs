using System.Collections.Immutable;
using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Compiler.Language.Binding;

internal sealed partial class BindingRun
{
    private BoundJoin BindJoin(JoinStage join, RowSchema left)
    {
        var right = BindPipeline(join.Right);
        var scope = new ExpressionScope(left, AggregateMode.Forbidden, left, right.Output);
        var keys = ImmutableArray.CreateBuilder<BoundJoinKey>(join.On.Length);
        foreach (var condition in join.On)
        {
            switch (condition)
            {
                case FieldExpression key:
                    if (BindJoinKey(key, left, right.Output) is { } pair) keys.Add(pair);
                    break;
                case BinaryExpression { Operator: BinaryOperator.Equal, Left: JoinSideExpression a, Right: JoinSideExpression b } equality when a.Side != b.Side:
                    BindExpression(equality, scope);
                    var (l, r) = a.Side == JoinSide.Left ? (a, b) : (b, a);
                    if (_expressions[l.Field].Field is { Column: { } lc, Remainder.IsEmpty: true }
                        && _expressions[r.Field].Field is { Column: { } rc, Remainder.IsEmpty: true })
                    {
                        keys.Add(new BoundJoinKey(lc, rc, Where(equality.Span)));
                    }
                    else if (_expressions[l.Field].Type != ScalarType.Unknown && _expressions[r.Field].Type != ScalarType.Unknown)
                    {
                        Error(BindingCodes.JoinCondition, "join keys are columns: $left.column == $right.column", equality.Span);
                    }
                    break;
                default:
                    Error(BindingCodes.JoinCondition, "a join condition is a column in both sides (key) or $left.a == $right.b", condition.Span);
                    BindExpression(condition, scope);
                    break;
            }
        }
        var output = join.Kind switch
        {
            JoinKind.LeftAnti or JoinKind.LeftSemi => left,
            JoinKind.RightAnti or JoinKind.RightSemi => right.Output,
            _ => JoinedSchema(left, right.Output),
        };
        return new BoundJoin(join.Kind, right, keys.ToImmutable(), left, output, Where(join.Span));
    }

    private BoundJoinKey? BindJoinKey(FieldExpression key, RowSchema left, RowSchema right)
    {
        var name = FieldPaths.ColumnName(key);
        var leftColumn = name is null ? null : left.Find(name);
        var rightColumn = name is null ? null : right.Find(name);
        if (leftColumn is not null && rightColumn is not null)
        {
            _expressions[key] = BindField(key, left, ExpressionScope.Rows(left));
            RejectMemberList(leftColumn.MemberList || rightColumn.MemberList, key.Span, "join on");
            CheckEquality(leftColumn.Type, rightColumn.Type, key.Span);
            return new BoundJoinKey(leftColumn, rightColumn, Where(key.Span));
        }
        _expressions[key] = new BoundError(Where(key.Span));
        var side = (leftColumn is not null, rightColumn is not null) switch
        {
            (true, false) => "the right side",
            (false, true) => "the left side",
            _ => "either side",
        };
        var candidates = leftColumn is not null ? right.Names : left.Names;
        Error(BindingCodes.JoinKeyMissing, $"the join key '{FieldPaths.Display(key.Path)}' is not a column of {side}{Suggest(FieldPaths.Display(key.Path), candidates)}", key.Span);
        return null;
    }

    /// <summary>Left columns, then right columns; a right column whose name is taken gets the suffix 1 (2, ...), as KQL.</summary>
    private static RowSchema JoinedSchema(RowSchema left, RowSchema right)
    {
        var columns = left.Columns.ToBuilder();
        var names = new HashSet<string>(left.Names, StringComparer.Ordinal);
        foreach (var column in right.Columns)
        {
            var name = column.Name;
            for (var suffix = 1; !names.Add(name); suffix++) name = column.Name + suffix;
            columns.Add(name == column.Name ? column : column.Renamed(name));
        }
        return new RowSchema(columns.ToImmutable());
    }

    /// <summary>union: the input's columns, then each new column of each pipeline; a column with different types becomes dynamic.</summary>
    private BoundUnion BindUnion(UnionStage union, RowSchema input)
    {
        var pipelines = ImmutableArray.CreateBuilder<BoundPipeline>(union.Pipelines.Length);
        var schema = input;
        foreach (var pipeline in union.Pipelines)
        {
            var bound = BindPipeline(pipeline);
            pipelines.Add(bound);
            foreach (var column in bound.Output.Columns)
            {
                var existing = schema.Find(column.Name);
                schema = existing is null
                    ? schema.WithColumn(column)
                    : existing.Type == column.Type ? schema : schema.WithColumn(existing with { Type = ScalarTypes.Common(existing.Type, column.Type) });
            }
        }
        return new BoundUnion(pipelines.MoveToImmutable(), input, schema, Where(union.Span));
    }

    private BoundStage BindInvoke(InvokeStage invoke, RowSchema input)
    {
        BoundInvoke Failed(FragmentSymbol? symbol) =>
            new(symbol ?? new FragmentSymbol(invoke.FragmentName, null), [], input, input, Where(invoke.Span));

        if (!context.Fragments.TryGetValue(invoke.FragmentName, out var fragment))
        {
            Error(BindingCodes.UnknownFragment, $"unknown fragment '{invoke.FragmentName}' (rules/fragments/{invoke.FragmentName}.yml){Suggest(invoke.FragmentName, context.Fragments.Keys)}", invoke.Span);
            return Failed(null);
        }
        var symbol = new FragmentSymbol(fragment.Name, fragment.Definition);
        if (!string.Equals(fragment.Definition.DataSource, context.DataSource.Name, StringComparison.Ordinal))
        {
            Error(BindingCodes.FragmentDataSource, $"the fragment '{fragment.Name}' is for the data source '{fragment.Definition.DataSource}', not '{context.DataSource.Name}'", invoke.Span);
            return Failed(symbol);
        }
        if (_fragmentStack.Contains(fragment.Name))
        {
            Error(BindingCodes.FragmentCycle, $"the fragment '{fragment.Name}' invokes itself ({string.Join(" -> ", _fragmentStack.Reverse().Append(fragment.Name))})", invoke.Span);
            return Failed(symbol);
        }
        var location = Where(invoke.Span);
        var errorsBefore = _diagnostics.Count(d => d.IsError);
        _fragmentStack.Push(fragment.Name);
        var stages = BindStages(fragment.Stages, input);
        _fragmentStack.Pop();
        var fragmentErrors = _diagnostics.Count(d => d.IsError) - errorsBefore;
        if (fragmentErrors > 0)
        {
            // The fragment's own file gets the details; the rule gets told that its use of the fragment is the cause.
            Error(BindingCodes.FragmentDoesNotFit, $"the fragment '{fragment.Name}' does not fit the rows at this point ({fragmentErrors} error(s) reported in {fragment.Definition.Span.Path})", invoke.Span);
        }
        var output = stages.IsEmpty ? input : stages[^1].Output;
        return new BoundInvoke(symbol, stages, input, output, location);
    }
}
