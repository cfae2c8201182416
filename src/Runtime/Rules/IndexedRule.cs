using RuleCompiler.Runtime.Rows;

namespace RuleCompiler.Runtime.Rules;

/// <summary>
/// A necessary condition of a rule's leading filters: an event can pass them only when the text at
/// <see cref="Path"/> equals one of <see cref="Values"/>, ignoring case (ordinal, as <c>=~</c>). Derived from the
/// bound tree (<c>field == "c"</c>, <c>=~</c>, <c>in</c>, <c>in~</c> in the leading <c>where</c> stages), never
/// holding <c>""</c> (which a missing field equals).
/// </summary>
public sealed record FilterKey(FieldPath Path, IReadOnlyList<string> Values)
{
    /// <summary>Identifies the field across rules: the column and the path below it.</summary>
    public string FieldName => Path.ToString();
}

/// <summary>
/// A rule as the rule-set evaluator sees it: the compiled rule; <see cref="Keys"/>, alternative filter keys, each
/// one alone a necessary condition for an event to enter any of the rule's pipelines (empty: every event may);
/// and <see cref="Streaming"/>, true when every output row depends on one event alone (only where, extend,
/// project, rename, mv-expand and fill-null stages), so the rule may run on many threads at once.
/// </summary>
public sealed record IndexedRule(CompiledRule Rule, IReadOnlyList<FilterKey> Keys, bool Streaming)
{
    /// <summary>A rule the evaluator offers every event to and runs in event order.</summary>
    public static IndexedRule Unindexed(CompiledRule rule) => new(rule, [], false);
}
