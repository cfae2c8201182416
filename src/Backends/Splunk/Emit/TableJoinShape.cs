using System.Collections.Immutable;
using RuleCompiler.Backends.Targets;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Backends.Splunk.Emit;

/// <summary>
/// A join whose right side reads a lookup table, in the shape SPL's <c>join [| inputlookup T | ...]</c> runs exactly
/// (docs/semantics.md, "join with a table"): kind <c>inner</c> or <c>leftouter</c> on fields of the same name; the
/// right side ends with <c>where isnotempty(k1) and ...</c> of exactly the keys (SPL's join never matches a row without
/// a key field, so the rule says it; SPL spells it only when no earlier guard of the right side implies it, since a row
/// with an empty text key would match an empty left key in SPL); a right column whose name the left has is a key, and
/// the next stage drops exactly the join's copies of the keys (SPL's join keeps one field per name). SPL keeps the
/// first matching right row per left row (max=1): when the right side has one row per key (a summarize or distinct by
/// exactly the keys, or a table whose declared keys are the join keys read row by row) that is every match; the
/// dedupe <c>summarize arg_min(x, *) by keys</c> after a summarize by the keys and x is SPL's first row of stats'
/// sorted output, so it is max=1 and not spelled; otherwise the join is written with max=0 (every match).
/// </summary>
/// <param name="Type">SPL's join type: inner or left.</param>
/// <param name="AllMatches">Whether to write max=0.</param>
/// <param name="RightStages">The right side's stages SPL spells, after <c>| inputlookup</c>.</param>
/// <param name="DropsKeyCopies">Whether the next stage is the project-away of the key copies (part of the shape).</param>
internal sealed record TableJoinShape(BoundTableInput Table, string Type, bool AllMatches, ImmutableArray<string> Keys, ImmutableArray<BoundStage> RightStages, bool DropsKeyCopies)
{
    /// <summary>The shape, or why the join is not in it (null and null: the right side reads no table).</summary>
    public static (TableJoinShape? Shape, string? Refusal) Of(BoundJoin join, IReadOnlyList<BoundStage> stages, int index)
    {
        if (PipelineStages.Root(join.Right) is not BoundTableInput table)
        {
            return (null, null);
        }

        var type = join.Kind switch
        {
            JoinKind.Inner => "inner",
            JoinKind.LeftOuter => "left",
            _ => null,
        };
        if (type is null)
        {
            return (null, $"SPL's join has type=inner and type=left (outer) only, not kind={join.Kind.ToString().ToLowerInvariant()}; write kind=inner (every match) or kind=leftouter");
        }

        if (join.Keys.FirstOrDefault(k => k.Left.Name != k.Right.Name) is { } renamed)
        {
            return (null, $"SPL's join matches fields of the same name, not $left.{renamed.Left.Name} with $right.{renamed.Right.Name}; rename one side first");
        }

        if (join.Keys.FirstOrDefault(k => k.Left.Multivalued || k.Left.Type == ScalarType.Dynamic || k.Right.Type == ScalarType.Dynamic
            || (k.Left.Type != k.Right.Type && !k.Left.Type.IsLoose() && !k.Right.Type.IsLoose())) is { } typed)
        {
            return (null, $"the key '{typed.Left.Name}' is {typed.Left.Type.DisplayName()} on the left and {typed.Right.Type.DisplayName()} on the right: SPL's join compares the text of single values");
        }

        var keys = join.Keys.Select(k => k.Left.Name).ToImmutableArray();
        var right = PipelineStages.Flatten(join.Right);
        if (right.Count == 0 || right[^1] is not BoundWhere guard || !SameNames(NonEmptyTests(guard.Predicate), keys))
        {
            return (null, $"SPL's join never matches a right row without a value of every key, where the rule's join matches empty keys with each other: end the right side with where {string.Join(" and ", keys.Select(k => $"isnotempty({k})"))}");
        }

        right.RemoveAt(right.Count - 1);
        // Without an earlier guard the right rows may hold an empty key (a summarize groups them): SPL must drop them too.
        var spellGuard = !GuardedEarlier(right, keys);
        var allMatches = !OneRowPerKey(table, right, keys);
        if (IsFirstRowDedupe(right, keys))
        {
            right.RemoveAt(right.Count - 1);
            allMatches = false;
        }


        var joined = join.Output.Columns.Skip(join.Input.Columns.Length).Zip(join.Right.Output.Columns).ToList();
        if (joined.FirstOrDefault(p => p.First.Name != p.Second.Name && !keys.Contains(p.Second.Name)) is { Second: { } clash } && clash is not null)
        {
            return (null, $"the right side's column '{clash.Name}' is also a column of the left: SPL's join overwrites the left's value, the rule keeps both ('{clash.Name}' and its copy); rename or drop it on one side");
        }

        var copies = joined.Where(p => p.First.Name != p.Second.Name).Select(p => p.First.Name).ToList();
        var drops = index + 1 < stages.Count && stages[index + 1] is BoundProjectAway away && SameNames(away.Removed.Select(c => c.Name).ToList(), copies);
        if (copies.Count > 0 && !drops)
        {
            return (null, $"SPL's join keeps one field per key, where the rule's join adds the right side's copies ({string.Join(", ", copies)}): drop them right after the join with project-away {string.Join(", ", copies)}");
        }

        if (spellGuard)
        {
            right.Add(guard);
        }

        return (new TableJoinShape(table, type, allMatches, keys, [.. right], copies.Count > 0), null);
    }

    /// <summary>
    /// Whether the right side has one row per key: it ends in a summarize or distinct by exactly the keys, or it reads
    /// the table row by row and the table's declared keys are the join keys.
    /// </summary>
    private static bool OneRowPerKey(BoundTableInput table, List<BoundStage> right, ImmutableArray<string> keys)
    {
        var last = right.Count == 0 ? null : right[^1];
        return last switch
        {
            BoundSummarize summarize => summarize.Keys.All(k => k.IsPassThrough) && SameNames(summarize.Keys.Select(k => k.Column.Name).ToList(), keys),
            BoundDistinct distinct => distinct.Columns.All(c => c.IsPassThrough) && SameNames(distinct.Columns.Select(c => c.Column.Name).ToList(), keys),
            _ => table.Table.Keys.Length > 0 && SameNames([.. table.Table.Keys], keys)
                && right.All(s => s is BoundWhere or BoundExtend or BoundProject or BoundProjectAway or BoundProjectRename)
                && keys.All(k => KeepsColumn(right, k)),
        };
    }

    /// <summary>Whether the row-by-row stages pass the table's key column through unchanged.</summary>
    private static bool KeepsColumn(List<BoundStage> stages, string key) => stages.All(stage => stage switch
    {
        BoundExtend extend => extend.Columns.All(c => c.Column.Name != key),
        BoundProject project => project.Columns.Any(c => c.Column.Name == key && c.IsPassThrough),
        BoundProjectRename rename => rename.Renames.All(r => r.NewName != key && r.From.Name != key),
        _ => true,
    });

    /// <summary>
    /// <c>summarize ... by keys, x [| project/project-away/project-rename/where ...] | summarize arg_min(x, *) by keys</c>:
    /// stats' output is sorted by its by-fields and the row-wise stages keep that order and x, so SPL's first row per
    /// key is the one with the smallest x.
    /// </summary>
    private static bool IsFirstRowDedupe(List<BoundStage> right, ImmutableArray<string> keys)
    {
        if (right.Count < 2 || right[^1] is not BoundSummarize { Aggregations: [BoundArgExtreme { Max: false } first] } dedupe
            || !dedupe.Keys.All(k => k.IsPassThrough) || !SameNames(dedupe.Keys.Select(k => k.Column.Name).ToList(), keys)
            || !first.By.IsPassThrough || keys.Contains(first.By.Column.Name)
            || !SameNames(dedupe.Output.Columns.Select(c => c.Name).ToList(), [.. dedupe.Input.Columns.Select(c => c.Name)]))
        {
            return false;
        }

        var x = first.By.Column.Name;
        var at = right.Count - 2;
        while (at >= 0 && right[at] is BoundWhere or BoundProjectAway or BoundProject or BoundProjectRename)
        {
            at--;
        }

        if (at < 0 || right[at] is not BoundSummarize grouped || !KeepsColumns(right.GetRange(at + 1, right.Count - at - 2), [.. keys, x]))
        {
            return false;
        }

        var groupedKeys = grouped.Keys.Select(k => k.Column.Name).ToList();
        return grouped.Keys.All(k => k.IsPassThrough) && SameNames(groupedKeys, [.. keys, x]) && groupedKeys[^1] == x;
    }

    /// <summary>Whether row-wise stages pass these columns through unchanged (a project keeps them as they are, no rename touches them).</summary>
    private static bool KeepsColumns(List<BoundStage> stages, IReadOnlyList<string> columns) => stages.All(stage => stage switch
    {
        BoundProject project => columns.All(c => project.Columns.Any(p => p.Column.Name == c && p.IsPassThrough)),
        BoundProjectAway away => away.Removed.All(r => !columns.Contains(r.Name)),
        BoundProjectRename rename => rename.Renames.All(r => !columns.Contains(r.NewName) && !columns.Contains(r.From.Name)),
        BoundWhere => true,
        _ => false,
    });

    /// <summary>
    /// Whether an earlier where of the right side already keeps only rows with every key non-empty and no later stage
    /// makes a key again (summarize and distinct by the pass-through key keep its values).
    /// </summary>
    private static bool GuardedEarlier(List<BoundStage> right, ImmutableArray<string> keys)
    {
        var at = right.FindLastIndex(s => s is BoundWhere where && NonEmptyTests(where.Predicate) is { } tested && keys.All(tested.Contains));
        return at >= 0 && right.Skip(at + 1).All(stage => stage switch
        {
            BoundWhere or BoundProjectAway or BoundSort or BoundTake => true,
            BoundSummarize summarize => summarize.Keys.Where(k => keys.Contains(k.Column.Name)).All(k => k.IsPassThrough),
            BoundDistinct distinct => distinct.Columns.Where(c => keys.Contains(c.Column.Name)).All(c => c.IsPassThrough),
            BoundProject project => project.Columns.Where(c => keys.Contains(c.Column.Name)).All(c => c.IsPassThrough),
            BoundExtend extend => extend.Columns.All(c => !keys.Contains(c.Column.Name)),
            _ => false,
        });
    }

    private static bool SameNames(IReadOnlyList<string>? a, IReadOnlyList<string> b) =>
        a is not null && a.Count == b.Count && a.ToHashSet(StringComparer.Ordinal).SetEquals(b);

    /// <summary>The columns of <c>isnotempty(a) and isnotempty(b) ...</c>, or null for any other predicate.</summary>
    private static List<string>? NonEmptyTests(BoundExpression predicate) => predicate switch
    {
        BoundBinary { Operator: BinaryOperator.And } and => NonEmptyTests(and.Left) is { } left && NonEmptyTests(and.Right) is { } right ? [.. left, .. right] : null,
        BoundCall { Canonical.Name: "isnotempty", Arguments: [BoundFieldReference { Resolved: { Kind: ResolvedFieldKind.Column, Remainder.IsEmpty: true, Column: { } column } }] } => [column.Name],
        _ => null,
    };
}
