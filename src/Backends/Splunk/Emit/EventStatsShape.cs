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
/// aggregates of the rows with its key, which is what eventstats computes (docs/semantics.md, join). Without keys,
/// the left rows and the keyless summarize each get the same constant column (<c>extend c = true</c>), joined on it and
/// then dropped: every row gets the aggregates of all rows, eventstats without by.
/// </summary>
/// <param name="Keys">The left side's key columns, in the summarize's order; empty for the aggregates over all rows.</param>
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

        // Without keys (eventstats over all rows) both sides get one constant key just before: the rows are those before it.
        var constant = index > 0 && ConstantKey(stages[index - 1]) is { } key && join.Keys is [{ } only] && only.Left.Name == key && only.Right.Name == key ? key : null;
        return (constant is null ? null : Match(join, away, stages, index - 1, constant)) ?? Match(join, away, stages, index, null);
    }

    /// <summary>The shape whose right side reads the very rows the left holds (the first <paramref name="rows"/> stages, the same bound ones).</summary>
    private static EventStatsShape? Match(BoundJoin join, BoundProjectAway away, IReadOnlyList<BoundStage> stages, int rows, string? constant)
    {
        var right = PipelineStages.Flatten(join.Right);
        if (right.Count - rows is < 1 or > 2
            || Enumerable.Range(0, rows).Any(i => !ReferenceEquals(right[i], stages[i]))
            || (rows == 0 && join.Right.Source is not BoundDataSourceInput))
        {
            return null;
        }

        return constant is null ? Keyed(join, away, right, rows) : OverAllRows(join, away, right, rows, constant);
    }

    /// <summary>The summarize by keys, after an optional <c>where isnotempty(k1) and ...</c>.</summary>
    private static EventStatsShape? Keyed(BoundJoin join, BoundProjectAway away, List<BoundStage> right, int rows)
    {
        if (right[^1] is not BoundSummarize summarize || summarize.Keys.IsEmpty
            || summarize.Keys.Any(k => !k.IsPassThrough || k.Column.Multivalued || k.Column.Type == ScalarType.Dynamic))
        {
            return null;
        }

        var names = summarize.Keys.Select(k => k.Column.Name).ToList();
        var filtered = right.Count == rows + 2;
        if (filtered && (right[rows] is not BoundWhere where || !SameNames(NonEmptyTests(where.Predicate), names)))
        {
            return null;
        }

        if (join.Keys.Any(k => k.Left.Name != k.Right.Name) || !SameNames(join.Keys.Select(k => k.Left.Name).ToList(), names)
            || !AggregatesKeepTheirNames(join, summarize, summarize.Output, away, names))
        {
            return null;
        }

        var keys = names.Select(n => join.Keys.First(k => k.Left.Name == n).Left).ToImmutableArray();
        return new EventStatsShape(summarize, keys, filtered);
    }

    /// <summary>The summarize without keys, then the same constant key as the left's.</summary>
    private static EventStatsShape? OverAllRows(BoundJoin join, BoundProjectAway away, List<BoundStage> right, int rows, string key)
    {
        if (right.Count != rows + 2 || right[rows] is not BoundSummarize { Keys.IsEmpty: true } summarize || ConstantKey(right[^1]) != key
            || !AggregatesKeepTheirNames(join, summarize, right[^1].Output, away, [key]))
        {
            return null;
        }

        return new EventStatsShape(summarize, [], KeysFiltered: false);
    }

    /// <summary>
    /// Whether the join keeps the aggregates' names (eventstats would overwrite a field of that name, the join would
    /// not) and the next stage drops exactly the key copies the join added (and, without keys, the constant key).
    /// </summary>
    private static bool AggregatesKeepTheirNames(BoundJoin join, BoundSummarize summarize, RowSchema rightOutput, BoundProjectAway away, IReadOnlyList<string> keys)
    {
        if (!summarize.Aggregations.All(a => a is BoundAggregateValue { Assignment.Value: BoundCall { Function.IsAggregate: true } }))
        {
            return false;
        }

        var joined = join.Output.Columns.Skip(join.Input.Columns.Length).Zip(rightOutput.Columns).ToList();
        var copies = joined.Where(p => keys.Contains(p.Second.Name)).Select(p => p.First.Name).ToList();
        var dropped = join.Keys.Length == 1 && summarize.Keys.IsEmpty ? [.. copies, keys[0]] : copies;
        return joined.Count == rightOutput.Columns.Length
            && joined.All(p => keys.Contains(p.Second.Name) || p.First.Name == p.Second.Name)
            && SameNames(away.Removed.Select(c => c.Name).ToList(), dropped);
    }

    /// <summary>The name of <c>extend c = true</c> (the constant key of eventstats without by), or null.</summary>
    public static string? ConstantKey(BoundStage stage) =>
        stage is BoundExtend { Columns: [{ Value: BoundLiteral { Value: true } } assignment] } ? assignment.Column.Name : null;

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
