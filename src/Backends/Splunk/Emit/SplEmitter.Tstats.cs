using RuleCompiler.Backends.Splunk.Spl;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Backends.Splunk.Emit;

/// <summary>
/// A rule over a data-model source (<c>splunk.datamodel</c>) reads its rows with tstats, which filters and aggregates
/// in one command: the pipeline's leading where stages become tstats' where (search terms only), an
/// <c>extend _time = bin(_time, S)</c> its <c>span=S</c>, a fill-null of exactly the group-by fields its
/// <c>fillnull_value</c>, and the summarize its aggregates and by-fields; the stages after it are written as usual.
/// tstats leaves out a row whose by-field is null, as the importer's <c>isnotempty</c> guard before the summarize
/// says: that guard is tstats' own behaviour and is not written. Another shape has no SPL over a data model
/// (RC4016), and neither has what tstats cannot compute (RC4017-RC4019).
/// </summary>
public sealed partial class SplEmitter
{
    private string EmitTstats()
    {
        var splunk = Source.Splunk;
        if (InBranch)
        {
            Error(SplDiagnostics.DataModelShape, $"a union branch over the data model dataset {splunk.DataModel}.{splunk.Dataset} (a tstats in a subsearch) is not written", _rule.Query.Body.Location);
            return "";
        }

        var at = 0;
        var predicates = new List<BoundExpression>();
        while (at < _stages.Count && _stages[at] is BoundWhere where)
        {
            predicates.AddRange(Conjuncts(where.Predicate));
            at++;
        }

        string? span = null;
        if (at < _stages.Count && _stages[at] is BoundExtend { Columns: [{ Column.Name: "_time", Value: BoundCall { Canonical.Name: "bin", Arguments: [BoundFieldReference { Resolved.IsEventTime: true }, BoundLiteral { Value: TimeSpan size }] } }] })
        {
            span = Seconds(size) + "s";
            at++;
        }

        var fill = at < _stages.Count && _stages[at] is BoundFillNull fillNull ? fillNull : null;
        at += fill is null ? 0 : 1;
        if (at >= _stages.Count || _stages[at] is not BoundSummarize summarize)
        {
            var where = at < _stages.Count ? _stages[at].Location : _rule.Query.Body.Location;
            Error(SplDiagnostics.DataModelShape, $"the data source {Source.Name} is the data model dataset {splunk.DataModel}.{splunk.Dataset}, which SPL reads with tstats: the pipeline must start with where stages (search terms) and a summarize (an optional extend of _time = bin(_time, span) and a fill-null of the group-by fields between them)", where);
            return "";
        }

        var keys = summarize.Keys.Select(k => k.Column.Name).ToList();
        var fillValue = fill is null ? null : TstatsFill(fill, summarize);
        var terms = new List<string>();
        foreach (var conjunct in predicates)
        {
            if (fill is null && conjunct is BoundCall { Canonical.Name: "isnotempty", Arguments: [BoundFieldReference { Resolved.Remainder.IsEmpty: true } guarded] }
                && keys.Contains(guarded.Resolved.ColumnName ?? ""))
            {
                continue; // tstats leaves out a row whose by-field is null
            }

            if (Term(conjunct) is { } term)
            {
                terms.Add(term);
            }
            else
            {
                Error(SplDiagnostics.TstatsWhere, "tstats' where takes search terms only (field=value, wildcards, IN, AND, OR, NOT), and this condition has none: it cannot filter the data model's rows before they are aggregated", conjunct.Location);
            }
        }

        var items = summarize.Aggregations.Select(TstatsItem).ToList();
        var by = summarize.Keys.Select(k => k.IsPassThrough ? CommandField(k.Column.Name, k.Location) : TstatsKeyRefused(k)).ToList();
        if (span is not null && summarize.Aggregations.Any(a => a is BoundAggregateValue { Assignment.Value: BoundCall { Arguments: [BoundFieldReference { Resolved.ColumnName: "_time" } or BoundFieldReference { Resolved.IsEventTime: true }] } }))
        {
            Error(SplDiagnostics.TstatsAggregate, "an aggregate of _time after the bin of _time: the rule reads the bin's start, and whether tstats' span= gives its aggregates the binned time is not documented", summarize.Location);
        }

        if (span is not null && !keys.Contains("_time"))
        {
            Error(SplDiagnostics.DataModelShape, "the bin of _time before the summarize is tstats' span= only when _time is a group-by field", _stages[at - 1 - (fill is null ? 0 : 1)].Location);
        }

        // summariesonly=false reads every row, summarised or not: the rule's meaning, whatever is accelerated.
        var options = "summariesonly=false allow_old_summaries=true" + (fillValue is null ? "" : " fillnull_value=" + fillValue);
        var filter = terms.Count == 0 ? "" : " where " + string.Join(" ", terms);
        var group = by.Count == 0 ? "" : " by " + string.Join(" ", by) + (span is null ? "" : " span=" + span);
        _rawEvent = false;
        for (_stageIndex = at + 1; _stageIndex < _stages.Count; _stageIndex++)
        {
            _stages[_stageIndex].Accept(this);
        }

        var dataset = CommandField($"{splunk.DataModel}.{splunk.Dataset}", summarize.Location);
        return $"| tstats {options} {string.Join(" ", items)} from datamodel={dataset}{filter}{group}";
    }

    /// <summary>The fill value of a fill-null of exactly the group-by fields (other than _time), as tstats' fillnull_value.</summary>
    private string? TstatsFill(BoundFillNull fill, BoundSummarize summarize)
    {
        var keys = summarize.Keys.Select(k => k.Column.Name).Where(k => k != "_time").ToHashSet(StringComparer.Ordinal);
        if (!fill.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal).SetEquals(keys))
        {
            Error(SplDiagnostics.TstatsFill, "tstats' fillnull_value fills every group-by field and nothing else: a fill-null before the summarize must name exactly the group-by fields", fill.Location);
            return null;
        }

        var value = SplLiteral.EvalString(LiteralText(fill.Value));
        if (!value.StartsWith('"'))
        {
            Error(SplDiagnostics.NotSpellable, "fillnull_value takes its value as one quoted string, which cannot hold backticks, '$' or control characters", fill.Value.Location);
            return null;
        }

        return value;
    }

    /// <summary>One tstats aggregate: a function of one data-model field (tstats computes no eval expressions).</summary>
    private string TstatsItem(BoundAggregation aggregation)
    {
        if (aggregation is not BoundAggregateValue { Assignment: { Value: BoundCall { Function.IsAggregate: true } call } assignment })
        {
            Error(SplDiagnostics.TstatsAggregate, "tstats computes aggregates of one field each: an expression over aggregates, arg_max and arg_min have no tstats form", aggregation.Location);
            return "count";
        }

        if (call.Canonical.Name is "min" or "max" && call.Arguments is [BoundFieldReference { Resolved.IsEventTime: true }])
        {
            _timeAggregates.Add(assignment.Column.Name);
        }

        // count(field) counts the rows where the field has a value, which the importer writes as countif(isnotempty(field)).
        if (call is { Canonical.Name: "countif", Arguments: [BoundCall { Canonical.Name: "isnotempty", Arguments: [BoundFieldReference counted] }] }
            && Quietly(() => SplunkField(counted.Resolved, counted.Location)) is { Index: null } field)
        {
            return $"count({CommandField(field.Name, counted.Location)}) as {CommandField(assignment.Column.Name, assignment.Location)}";
        }

        var item = StatsItem(call, assignment.Column.Name);
        if (item.Contains("eval(", StringComparison.Ordinal))
        {
            Error(SplDiagnostics.TstatsAggregate, $"tstats computes aggregates of a data-model field, not of an expression: {call.Canonical.Name}() here has no tstats form", call.Location);
        }

        return item;
    }

    private string TstatsKeyRefused(BoundAssignment key)
    {
        Error(SplDiagnostics.TstatsAggregate, "tstats groups by data-model fields only, not by a computed value", key.Location);
        return CommandField(key.Column.Name, key.Location);
    }
}
