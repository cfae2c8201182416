using System.Collections.Immutable;
using RuleCompiler.Backends.Targets;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Language.Syntax;
using RuleCompiler.Compiler.Model;
using RuleCompiler.Runtime.Rows;
using RuleCompiler.Runtime.Rules;
using PathStep = RuleCompiler.Compiler.Language.Bound.PathStep;

namespace RuleCompiler.Backends.CSharp.RuleSet;

/// <summary>
/// Reads from a rule's bound tree what the rule-set evaluator needs (<see cref="IndexedRule"/>): the filter keys
/// of its leading <c>where</c> stages and whether it is streaming. A key is only derived where it is a necessary
/// condition of the generated filter: string equality with a constant (<c>==</c>, <c>=~</c>), membership in
/// constants (<c>in</c>, <c>in~</c>, named lists) on a field read as text, through <c>and</c> (either side) and
/// <c>or</c> (both sides on one field). Anything else gives no key, and the rule sees every event.
/// </summary>
public static class FilterKeyAnalysis
{
    public static IndexedRule Analyse(BoundQuery query, Runtime.Rules.CompiledRule runnable)
    {
        var parts = SourcePipelines(query, out var streaming);
        // Every part that reads the data source must be excluded by a key for the rule to be skipped: keep the
        // fields all parts constrain, with the union of their values.
        Dictionary<string, Constraint>? common = null;
        foreach (var part in parts)
        {
            var keys = KeysOf(LeadingPredicates(part));
            common = common is null
                ? keys
                : common.Where(c => keys.ContainsKey(c.Key))
                    .ToDictionary(c => c.Key, c => c.Value with { Values = c.Value.Values.Union(keys[c.Key].Values, StringComparer.Ordinal).ToImmutableArray() }, StringComparer.Ordinal);
        }

        var filterKeys = (common ?? []).Values
            .OrderBy(c => c.Path.ToString(), StringComparer.Ordinal)
            .Select(c => new FilterKey(c.Path, c.Values))
            .ToList();
        return new IndexedRule(runnable, filterKeys, streaming);
    }

    /// <summary>A necessary condition on one field: its text equals one of the values (ignoring case).</summary>
    private sealed record Constraint(FieldPath Path, ImmutableArray<string> Values);

    /// <summary>
    /// Every pipeline that may read the data source: the main one, each let sub-pipeline, each join's right side
    /// and union branch (a let pipeline that only feeds another pipeline is included too, which only widens).
    /// </summary>
    private static List<BoundPipeline> SourcePipelines(BoundQuery query, out bool streaming)
    {
        var finder = new PipelineFinder();
        finder.Walk(query);
        finder.Pipelines.Insert(0, query.Body);
        finder.Pipelines.AddRange(query.Lets.OfType<BoundLetPipeline>().Select(l => l.Pipeline));
        streaming = finder.Streaming && !query.Lets.OfType<BoundLetPipeline>().Any();
        return finder.Pipelines;
    }

    /// <summary>The predicates of the leading where stages, exactly those the C# emitter puts into the filter.</summary>
    private static List<BoundExpression> LeadingPredicates(BoundPipeline pipeline) =>
        PipelineStages.Flatten(pipeline)
            .TakeWhile(s => s is BoundWhere w && !ListUser.UsesPipelineList(w.Predicate))
            .Cast<BoundWhere>()
            .Select(w => w.Predicate)
            .ToList();

    private static Dictionary<string, Constraint> KeysOf(List<BoundExpression> predicates)
    {
        var all = new Dictionary<string, Constraint>(StringComparer.Ordinal);
        foreach (var predicate in predicates)
        {
            And(all, Keys(predicate));
        }

        return all;
    }

    /// <summary>Conditions that all hold: on one field keep the smaller set (either is necessary).</summary>
    private static void And(Dictionary<string, Constraint> into, Dictionary<string, Constraint> more)
    {
        foreach (var (field, constraint) in more)
        {
            if (!into.TryGetValue(field, out var existing) || constraint.Values.Length < existing.Values.Length)
            {
                into[field] = constraint;
            }
        }
    }

    private static Dictionary<string, Constraint> Keys(BoundExpression predicate)
    {
        switch (predicate)
        {
            case BoundBinary { Operator: BinaryOperator.And } and:
            {
                var keys = Keys(and.Left);
                And(keys, Keys(and.Right));
                return keys;
            }

            case BoundBinary { Operator: BinaryOperator.Or } or:
            {
                var left = Keys(or.Left);
                var right = Keys(or.Right);
                return left.Where(l => right.ContainsKey(l.Key))
                    .ToDictionary(
                        l => l.Key,
                        l => l.Value with { Values = l.Value.Values.Union(right[l.Key].Values, StringComparer.Ordinal).ToImmutableArray() },
                        StringComparer.Ordinal);
            }

            case BoundBinary { Operator: BinaryOperator.Equal or BinaryOperator.EqualCi } equal:
                return Single(equal.Left, equal.Right) ?? Single(equal.Right, equal.Left) ?? [];

            case BoundIn { Negated: false } membership when TextField(membership.Value) is { } path && Constants(membership.List) is { } values:
                return One(path, values);

            default:
                return [];
        }
    }

    private static Dictionary<string, Constraint>? Single(BoundExpression field, BoundExpression constant) =>
        TextField(field) is { } path && constant is BoundLiteral { Kind: LiteralKind.String, Value: string { Length: > 0 } text }
            ? One(path, [text])
            : null;

    private static Dictionary<string, Constraint> One(FieldPath path, ImmutableArray<string> values) =>
        new(StringComparer.Ordinal) { [path.ToString()] = new Constraint(path, values) };

    /// <summary>The constants of a list, or null when it has anything but non-empty strings (null and "" match a missing field).</summary>
    private static ImmutableArray<string>? Constants(BoundList list)
    {
        var values = list switch
        {
            BoundListItems items when items.Items.All(i => i is BoundLiteral { Kind: LiteralKind.String }) =>
                items.Items.Select(i => (string?)((BoundLiteral)i).Value).ToImmutableArray(),
            BoundNamedList named => named.List.Values.Select(v => (string?)v).ToImmutableArray(),
            _ => (ImmutableArray<string?>?)null,
        };
        if (values is not { IsEmpty: false } all || all.Any(v => string.IsNullOrEmpty(v)))
        {
            return null;
        }

        return [.. all.Select(v => v!).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The event path of a field the generated code reads as it is (a column of the data source, not _time, not a
    /// let, not converted to a declared long/bool/datetime/... type), built exactly as the emitter builds it.
    /// </summary>
    private static FieldPath? TextField(BoundExpression expression)
    {
        if (expression is not BoundFieldReference { Resolved: { Kind: ResolvedFieldKind.Column, IsEventTime: false } field }
            || field.Type is not (ScalarType.String or ScalarType.Dynamic)
            || field.SourceField is { Type: not (FieldType.String or FieldType.Dynamic) })
        {
            return null;
        }

        var rest = field.Remainder.Select(Step).ToArray();
        return field.ColumnName.Contains('.', StringComparison.Ordinal)
            ? FieldPath.Dotted(field.ColumnName, rest)
            : new FieldPath(field.ColumnName, rest);
    }

    private static Runtime.Rows.PathStep Step(PathStep step) => step switch
    {
        IndexStep index => Runtime.Rows.PathStep.At(index.Index),
        MemberStep member => Runtime.Rows.PathStep.Member(member.Name),
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };

    /// <summary>Join right sides and union branches; and whether every stage passes rows on one by one.</summary>
    private sealed class PipelineFinder : BoundTreeWalker
    {
        public List<BoundPipeline> Pipelines { get; } = [];

        public bool Streaming { get; private set; } = true;

        protected override void OnStage(BoundStage stage)
        {
            switch (stage)
            {
                case BoundJoin join:
                    Pipelines.Add(join.Right);
                    break;
                case BoundUnion union:
                    Pipelines.AddRange(union.Pipelines);
                    break;
            }

            Streaming &= stage is BoundWhere or BoundExtend or BoundProject or BoundProjectAway or BoundProjectRename
                or BoundMvExpand or BoundFillNull or BoundInvoke;
        }
    }

    private sealed class ListUser : BoundTreeWalker
    {
        private bool _found;

        public static bool UsesPipelineList(BoundExpression expression)
        {
            var finder = new ListUser();
            finder.Walk(expression);
            return finder._found;
        }

        protected override void OnList(BoundList list) => _found |= list is BoundPipelineList;
    }
}
