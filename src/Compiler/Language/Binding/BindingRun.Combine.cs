using System.Collections.Immutable;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Compiler.Language.Binding;

internal sealed partial class BindingRun
{
    private BoundStage BindJoin(JoinStage join, RowSchema left)
    {
        var right = BindPipeline(join.Right);
        var scope = new ExpressionScope(left, AggregateMode.Forbidden, left, right.Output);
        foreach (var condition in join.On)
        {
            switch (condition)
            {
                case FieldExpression key:
                    BindJoinKey(key, left, right.Output);
                    break;
                case BinaryExpression { Operator: BinaryOperator.Equal, Left: JoinSideExpression, Right: JoinSideExpression } equality:
                    BindExpression(equality, scope);
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
        return new BoundStage(join, left, output, [right], []);
    }

    private void BindJoinKey(FieldExpression key, RowSchema left, RowSchema right)
    {
        var name = FieldPaths.ColumnName(key);
        var inLeft = name is not null && left.Contains(name);
        var inRight = name is not null && right.Contains(name);
        if (inLeft && inRight)
        {
            var info = BindField(key, left, ExpressionScope.Rows(left));
            _expressions[key] = info;
            CheckEquality(info.Type, right.Find(name!)!.Type, key.Span);
            return;
        }
        _expressions[key] = Typed(ScalarType.Unknown);
        var side = (inLeft, inRight) switch
        {
            (true, false) => "the right side",
            (false, true) => "the left side",
            _ => "either side",
        };
        var candidates = inLeft ? right.Names : left.Names;
        Error(BindingCodes.JoinKeyMissing, $"the join key '{FieldPaths.Display(key.Path)}' is not a column of {side}{Suggest(FieldPaths.Display(key.Path), candidates)}", key.Span);
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
    private BoundStage BindUnion(UnionStage union, RowSchema input)
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
        return new BoundStage(union, input, schema, pipelines.MoveToImmutable(), []);
    }

    private BoundStage BindInvoke(InvokeStage invoke, RowSchema input)
    {
        if (!context.Fragments.TryGetValue(invoke.FragmentName, out var fragment))
        {
            Error(BindingCodes.UnknownFragment, $"unknown fragment '{invoke.FragmentName}' (rules/fragments/{invoke.FragmentName}.yml){Suggest(invoke.FragmentName, context.Fragments.Keys)}", invoke.Span);
            return Simple(invoke, input, input);
        }
        if (!string.Equals(fragment.Definition.DataSource, context.DataSource.Name, StringComparison.Ordinal))
        {
            Error(BindingCodes.FragmentDataSource, $"the fragment '{fragment.Name}' is for the data source '{fragment.Definition.DataSource}', not '{context.DataSource.Name}'", invoke.Span);
            return Simple(invoke, input, input);
        }
        if (_fragmentStack.Contains(fragment.Name))
        {
            Error(BindingCodes.FragmentCycle, $"the fragment '{fragment.Name}' invokes itself ({string.Join(" -> ", _fragmentStack.Reverse().Append(fragment.Name))})", invoke.Span);
            return Simple(invoke, input, input);
        }
        _fragmentStack.Push(fragment.Name);
        var stages = BindStages(fragment.Stages, input);
        _fragmentStack.Pop();
        var output = stages.IsEmpty ? input : stages[^1].Output;
        return new BoundStage(invoke, input, output, [], stages, fragment);
    }
}
