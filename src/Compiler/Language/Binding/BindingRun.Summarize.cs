using System.Collections.Immutable;
using RuleCompiler.Compiler.Language.Functions;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Compiler.Language.Binding;

internal sealed partial class BindingRun
{
    /// <summary>summarize: the by columns first, then the aggregates, in the order written (as KQL).</summary>
    private RowSchema BindSummarize(SummarizeStage summarize, RowSchema input)
    {
        var columns = new List<Column>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        void Add(Column column, TextSpan span)
        {
            if (names.Add(column.Name)) columns.Add(column);
            else DuplicateColumn(column.Name, span);
        }

        foreach (var key in summarize.By)
        {
            var info = BindExpression(key.Value, ExpressionScope.Rows(input));
            if (ColumnNameOf(key) is not { } name) continue;
            Add(info.Field is { Column: { } column, Remainder.IsEmpty: true } && column.Name == name
                ? column
                : Column.Computed(name, info.Type, info.Multivalued), key.Span);
        }

        var itemScope = new ExpressionScope(input, AggregateMode.SummarizeItem);
        foreach (var item in summarize.Aggregates)
        {
            var before = _aggregateCount;
            var reported = _diagnostics.Count;
            var info = BindExpression(item.Value, itemScope);
            if (_aggregateCount == before)
            {
                // A bare column already got its own error; say "needs an aggregate" only for constants.
                if (_diagnostics.Count == reported)
                {
                    Error(BindingCodes.AggregateNeeded, "a summarize column needs an aggregate such as count(), min(x) or make_set(x)", item.Value.Span);
                }
                continue;
            }
            if (item.Value is FunctionCallExpression { } call && info.Function is { ReturnsRow: true } rowFunction)
            {
                foreach (var (column, span) in ArgMinMaxColumns(item, call, rowFunction, input, names)) Add(column, span);
                continue;
            }
            var name = item.Name ?? DefaultColumnNames.OfAggregate(item.Value);
            if (name is null)
            {
                Error(BindingCodes.ColumnNeedsName, "this aggregate needs a name: write name = expression", item.Value.Span);
                continue;
            }
            Add(Column.Computed(name, info.Type, info.Type == ScalarType.Dynamic && info.Function?.Name is "make_set" or "make_list"), item.Span);
        }
        return new RowSchema([.. columns]);
    }

    /// <summary>
    /// arg_min/arg_max(value, col, ...): the value column (named by the assignment or after the field) and the
    /// listed columns; <c>*</c> adds every input column not already output.
    /// </summary>
    private IEnumerable<(Column, TextSpan)> ArgMinMaxColumns(Assignment item, FunctionCallExpression call, FunctionSignature function, RowSchema input, HashSet<string> taken)
    {
        var result = new List<(Column, TextSpan)>();
        var first = call.Arguments[0];
        var firstName = item.Name ?? (first is FieldExpression field ? FieldPaths.ColumnName(field) : null);
        if (firstName is null)
        {
            Error(BindingCodes.ColumnNeedsName, $"name the value column of {function.Name}: write name = {function.Name}(...)", first.Span);
        }
        else
        {
            result.Add((ColumnFor(firstName, first), first.Span));
        }
        var listed = new HashSet<string>(taken, StringComparer.Ordinal);
        if (firstName is not null) listed.Add(firstName);
        foreach (var argument in call.Arguments.Skip(1))
        {
            if (IsWildcard(argument))
            {
                foreach (var column in input.Columns)
                {
                    if (listed.Add(column.Name)) result.Add((column, argument.Span));
                }
                continue;
            }
            var name = argument is FieldExpression f ? FieldPaths.ColumnName(f) : null;
            if (name is null)
            {
                Error(BindingCodes.ColumnNeedsName, $"the extra arguments of {function.Name} must be columns or *", argument.Span);
                continue;
            }
            listed.Add(name);
            result.Add((ColumnFor(name, argument), argument.Span));
        }
        return result;
    }

    private Column ColumnFor(string name, Expression value)
    {
        var info = _expressions[value];
        return info.Field is { Column: { } column, Remainder.IsEmpty: true } && column.Name == name
            ? column
            : Column.Computed(name, info.Type, info.Multivalued);
    }
}
