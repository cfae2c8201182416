using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Bound;

namespace RuleCompiler.Backends.Splunk.Emit;

/// <summary>
/// eventstats, for the one join shape SPL runs exactly (<see cref="EventStatsShape"/>). eventstats, like stats, leaves
/// an event whose by-field is null out of every group and gives it no aggregates; it groups an empty text as a value.
/// When the summarized rows are filtered by <c>isnotempty</c> of the keys, an empty key is made null first
/// (<c>nullif</c>: null and "" are one value, decision 1), so such a row counts in none and gets none. Unfiltered,
/// the keys are filled with "" as before stats, so those rows form one group as in the rule.
/// </summary>
public sealed partial class SplEmitter
{
    private void EmitEventStats(EventStatsShape shape)
    {
        var keys = shape.Keys.Select(k => (Column: k, Name: CommandNames(k, shape.Summarize.Location))).ToList();
        // SPL's _time is always the epoch number of the event (or of its bin): never null, never empty.
        var emptiable = keys.Where(k => SplunkName(k.Column) != "_time").ToList();
        if (emptiable.Count > 0 && shape.KeysFiltered)
        {
            var fields = emptiable.Select(k => EvalField(SplunkName(k.Column), shape.Summarize.Location));
            Command("eval " + string.Join(", ", fields.Select(f => $"{f}=nullif({f}, \"\")")));
        }
        else if (emptiable.Count > 0)
        {
            Command("fillnull value=\"\" " + string.Join(" ", emptiable.Select(k => k.Name)));
        }

        var items = shape.Summarize.Aggregations.Cast<BoundAggregateValue>()
            .Select(a => StatsItem((BoundCall)a.Assignment.Value, a.Assignment.Column.Name));
        var by = keys.Count == 0 ? "" : " by " + string.Join(", ", keys.Select(k => k.Name));
        Command("eventstats " + string.Join(" ", items) + by);

        // The project-away of the right side's key copies is part of the shape: eventstats adds no copies.
        _stageIndex++;
    }

    /// <summary>The constant key of eventstats over all rows, which SPL does not need: the next stage is that join.</summary>
    private bool IsEventStatsConstantKey() =>
        _stageIndex + 1 < _stages.Count && _stages[_stageIndex + 1] is BoundJoin join
        && EventStatsShape.Of(join, _stages, _stageIndex + 1) is { Keys.IsEmpty: true };

    private static string SplunkName(Column column) =>
        column.Origin == ColumnOrigin.SourceField && column.SourceField is { } source ? source.SplunkField ?? source.Name : column.Name;
}
