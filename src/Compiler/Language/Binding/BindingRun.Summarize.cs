using System.Collections.Immutable;
using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Language.Functions;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Compiler.Language.Binding;

internal sealed partial class BindingRun
{
    /// <summary>summarize: the by columns first, then the aggregates, in the order written (as KQL).</summary>
    private BoundSummarize BindSummarize(SummarizeStage summarize, RowSchema input)
    {
        var columns = new List<Column>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        bool Add(Column column, TextSpan span)
        {
            if (names.Add(column.Name))
            {
                columns.Add(column);
                return true;
            }
            DuplicateColumn(column.Name, span);
            return false;
        }

        var keys = ImmutableArray.CreateBuilder<BoundAssignment>(summarize.By.Length);
        foreach (var key in summarize.By)
        {
            var value = BindExpression(key.Value, ExpressionScope.Rows(input));
            RejectMemberList(value.MemberList, key.Value.Span, "summarize by");
            if (ColumnNameOf(key) is not { } name) continue;
            var column = OutputColumn(name, value);
            if (Add(column, key.Span)) keys.Add(new BoundAssignment(column, value, Where(key.Span)));
        }

        var aggregations = ImmutableArray.CreateBuilder<BoundAggregation>(summarize.Aggregates.Length);
        var itemScope = new ExpressionScope(input, AggregateMode.SummarizeItem);
        foreach (var item in summarize.Aggregates)
        {
            var before = _aggregateCount;
            var reported = _diagnostics.Count;
            var value = BindExpression(AggregateOf(item.Value), itemScope);
            if (_aggregateCount == before)
            {
                // A bare column already got its own error; say "needs an aggregate" only for constants.
                if (_diagnostics.Count == reported)
                {
                    Error(BindingCodes.AggregateNeeded, "a summarize column needs an aggregate such as count(), min(x) or make_set(x)", item.Value.Span);
                }
                continue;
            }
            if (value is BoundCall { Signature.ReturnsRow: true } rowCall && item.Value is FunctionCallExpression call)
            {
                if (ArgExtreme(item, call, rowCall, input, names) is { } extreme)
                {
                    var all = extreme.Carried.Insert(0, extreme.By);
                    if (all.All(a => Add(a.Column, item.Span))) aggregations.Add(extreme);
                }
                continue;
            }
            // A bare count (bound as count() after its error) keeps the name SPL gives it.
            var name = item.Name ?? DefaultColumnNames.OfAggregate(item.Value) ?? DefaultColumnNames.Of(item.Value);
            if (name is null)
            {
                Error(BindingCodes.ColumnNeedsName, "this aggregate needs a name: write name = expression", item.Value.Span);
                continue;
            }
            var multivalued = value.Type == ScalarType.Dynamic && value.Function?.Name is "make_set" or "make_list";
            var output = Column.Computed(name, value.Type, multivalued);
            if (Add(output, item.Span)) aggregations.Add(new BoundAggregateValue(new BoundAssignment(output, value, Where(item.Span))));
        }
        return new BoundSummarize(keys.ToImmutable(), aggregations.ToImmutable(), input, new RowSchema([.. columns]), Where(summarize.Span));
    }

    /// <summary>
    /// A summarize item as an aggregate: SPL's bare <c>count</c> is an error with its hint, then bound as <c>count()</c>
    /// so the rest of the query sees the column it meant.
    /// </summary>
    private Expression AggregateOf(Expression value)
    {
        if (value is not FieldExpression { Path: [MemberSegment { Quoted: false } word] } ||
            ForeignSpellings.Find(ForeignSpellingKind.BareAggregate, word.Name) is not { } foreign)
        {
            return value;
        }
        Error(BindingCodes.BareAggregate, $"'{word.Name}' alone is not an aggregate: {foreign.Advice}", value.Span);
        return new FunctionCallExpression(foreign.Canonical.TrimEnd('(', ')'), [], value.Span);
    }

    /// <summary>
    /// arg_min/arg_max(value, col, ...): the value column (named by the assignment or after the field) and the
    /// listed columns; <c>*</c> adds every input column not already output.
    /// </summary>
    private BoundArgExtreme? ArgExtreme(Assignment item, FunctionCallExpression call, BoundCall bound, RowSchema input, HashSet<string> taken)
    {
        var function = bound.Signature;
        var first = call.Arguments[0];
        var firstName = item.Name ?? (first is FieldExpression field ? FieldPaths.ColumnName(field) : null);
        if (firstName is null)
        {
            Error(BindingCodes.ColumnNeedsName, $"name the value column of {function.Name}: write name = {function.Name}(...)", first.Span);
            return null;
        }
        var by = new BoundAssignment(OutputColumn(firstName, bound.Arguments[0]), bound.Arguments[0], Where(first.Span));
        var listed = new HashSet<string>(taken, StringComparer.Ordinal) { firstName };
        var carried = ImmutableArray.CreateBuilder<BoundAssignment>();
        for (var i = 1; i < call.Arguments.Length; i++)
        {
            var argument = call.Arguments[i];
            if (IsWildcard(argument))
            {
                foreach (var column in input.Columns)
                {
                    if (!listed.Add(column.Name)) continue;
                    var reference = new BoundFieldReference(new ResolvedField(ResolvedFieldKind.Column, column.Name, column, [], column.Type, column.Multivalued), Where(argument.Span));
                    carried.Add(new BoundAssignment(column, reference, Where(argument.Span)));
                }
                continue;
            }
            var name = argument is FieldExpression f ? FieldPaths.ColumnName(f) : null;
            if (name is null)
            {
                Error(BindingCodes.ColumnNeedsName, $"the extra arguments of {function.Name} must be columns or *", argument.Span);
                continue;
            }
            if (!listed.Add(name))
            {
                DuplicateColumn(name, argument.Span);
                continue;
            }
            carried.Add(new BoundAssignment(OutputColumn(name, bound.Arguments[i]), bound.Arguments[i], Where(argument.Span)));
        }
        return new BoundArgExtreme(function.Name == "arg_max", by, carried.ToImmutable(), Where(item.Span));
    }
}
