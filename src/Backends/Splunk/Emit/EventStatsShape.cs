using System.Collections.Immutable;
using RuleCompiler.Backends.Targets;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Backends.Splunk.Emit;

/// <summary>
/// The one join SPL runs exactly, as <c>eventstats</c>: the rows so far (a let's rows, or the data source's when no
/// stage precedes) joined <c>kind=leftouter</c> with a summarize of those same rows, optionally filtered by
/// <c>isnotempty</c> of every key and nothing else, on exactly the summarize's by-keys, followed by a
/// <c>project-away</c> of exactly the right side's copies of the keys. Every row then keeps its fields and gets the
/// aggregates of the rows with its key, which is what eventstats computes (docs/semantics.md, join).
/// </summary>
/// <param name="Keys">The left side's key columns, in the summarize's order.</param>
/// <param name="KeysFiltered">Whether the summarized rows are only those whose keys are all non-empty.</param>
internal sealed record EventStatsShape(BoundSummarize Summarize, ImmutableArray<Column> Keys, bool KeysFiltered)
{
    /// <summary>The shape of the join at <paramref name="index"/> of the flattened <paramref name="stages"/>, or null when it is any other join.</summary>
    public static EventStatsShape? Of(BoundJoin join, IReadOnlyList<BoundStage> stages, int index)
    {
        if (join.Kind != JoinKind.LeftOuter || index + 1 >= stages.Count || stages[index + 1] is not BoundProjectAway away)
        {
            return null;
        }

        // The right side reads the very rows the left holds: the same bound stages, from the same source.
        var right = PipelineStages.Flatten(join.Right);
        if (right.Count is var count && (count < index + 1 || count > index + 2)
            || Enumerable.Range(0, index).Any(i => !ReferenceEquals(right[i], stages[i]))
            || (index == 0 && join.Right.Source is not BoundDataSourceInput))
        {
            return null;
        }

        if (right[^1] is not BoundSummarize summarize || summarize.Keys.IsEmpty
            || summarize.Keys.Any(k => !k.IsPassThrough || k.Column.Multivalued || k.Column.Type == ScalarType.Dynamic)
            || summarize.Aggregations.Any(a => a is not BoundAggregateValue { Assignment.Value: BoundCall { Function.IsAggregate: true } }))
        {
            return null;
        }

        var names = summarize.Keys.Select(k => k.Column.Name).ToList();
        var filtered = count == index + 2;
        if (filtered && (right[index] is not BoundWhere where || !SameNames(NonEmptyTests(where.Predicate), names)))
        {
            return null;
        }

        if (join.Keys.Any(k => k.Left.Name != k.Right.Name) || !SameNames(join.Keys.Select(k => k.Left.Name).ToList(), names))
        {
            return null;
        }

        // The right side's columns as the join names them: the keys' copies get a suffix, an aggregate must keep its
        // name (eventstats would overwrite a field of that name, the join would not).
        var joined = join.Output.Columns.Skip(join.Input.Columns.Length).Zip(summarize.Output.Columns).ToList();
        var copies = joined.Where(p => names.Contains(p.Second.Name)).Select(p => p.First.Name).ToList();
        if (joined.Count != summarize.Output.Columns.Length
            || joined.Any(p => !names.Contains(p.Second.Name) && p.First.Name != p.Second.Name)
            || !SameNames(away.Removed.Select(c => c.Name).ToList(), copies))
        {
            return null;
        }

        var keys = names.Select(n => join.Keys.First(k => k.Left.Name == n).Left).ToImmutableArray();
        return new EventStatsShape(summarize, keys, filtered);
    }

    private static bool SameNames(IReadOnlyList<string>? a, IReadOnlyList<string> b) =>
        a is not null && a.Count == b.Count && a.ToHashSet(StringComparer.Ordinal).SetEquals(b);

    /// <summary>The columns of <c>isnotempty(a) and isnotempty(b) ...</c>, or null for any other predicate.</summary>
    private static List<string>? NonEmptyTests(BoundExpression predicate)
    {
        switch (predicate)
        {
            case BoundBinary { Operator: BinaryOperator.And } and:
                return NonEmptyTests(and.Left) is { } left && NonEmptyTests(and.Right) is { } right ? [.. left, .. right] : null;
            case BoundCall { Canonical.Name: "isnotempty", Arguments: [BoundFieldReference { Resolved: { Kind: ResolvedFieldKind.Column, Remainder.IsEmpty: true, Column: { } column } }] }:
                return [column.Name];
            default:
                return null;
        }
    }
}
