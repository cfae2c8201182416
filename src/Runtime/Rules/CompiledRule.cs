using RuleCompiler.Runtime.Operators;
using RuleCompiler.Runtime.Rows;

namespace RuleCompiler.Runtime.Rules;

/// <summary>
/// A rule compiled to C#. <see cref="Build"/> wires a fresh instance of its pipeline (so one compiled rule can
/// run many times): every part that reads the data source (the main pipeline, join and union sides) registers
/// with the plan as a source with its leading filter.
/// </summary>
public abstract class CompiledRule
{
    public abstract RuleInfo Info { get; }

    public abstract void Build(RulePlan plan, IRowSink output);

    /// <summary>A runnable instance whose output goes to <paramref name="output"/>.</summary>
    /// <param name="output">Where output rows go.</param>
    /// <param name="detachEvents">
    /// False only for a streaming rule whose output is consumed before <see cref="RulePlan.Push"/> returns (rulec
    /// run writes each alert at once): its rows may then read the event in the reader's buffer, without a copy.
    /// </param>
    /// <param name="tables">Rows of the maintained lookup tables the rule reads (none: they are empty).</param>
    public RulePlan Start(IRowSink output, bool detachEvents = true, TableRows? tables = null)
    {
        var plan = new RulePlan(detachEvents) { Tables = tables ?? TableRows.None };
        Build(plan, output);
        return plan;
    }
}

/// <summary>The sources of one running rule: event rows pass each source's filter, then enter its pipeline.</summary>
public sealed class RulePlan(bool detachEvents = true)
{
    private readonly List<(Func<Row, bool> Filter, IRowSink Sink)> _sources = [];
    private readonly List<TableSource> _tables = [];

    public void Source(Func<Row, bool> filter, IRowSink pipeline) => _sources.Add((filter, pipeline));

    /// <summary>A pipeline that reads a lookup table: its rows enter when the run completes.</summary>
    public void Table(string name, TableColumnSpec[] columns, IReadOnlyList<Row>? staticRows, IRowSink pipeline) =>
        _tables.Add(new TableSource(name, columns, staticRows, pipeline));

    /// <summary>The rows supplied for maintained tables.</summary>
    public TableRows Tables { get; init; } = TableRows.None;

    /// <summary>The maintained tables this rule reads for which the run supplied no rows (they were read as empty).</summary>
    public IEnumerable<string> UnsuppliedTables =>
        _tables.Where(t => t.Maintained && Tables.For(t.Name) is null).Select(t => t.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    public int SourceCount => _sources.Count;

    public void Push(Row eventRow)
    {
        foreach (var (filter, sink) in _sources)
        {
            if (filter(eventRow))
            {
                // The row may be kept (summarize, sort, join, a collecting sink): copy the event out of the reader's buffer.
                sink.Push(detachEvents ? eventRow.Detached() : eventRow);
            }
        }
    }

    /// <summary>
    /// False only when no source's filter takes the event and none fails on it, so that <see cref="Push"/> would do
    /// nothing with it. Filters read the event alone (leading where stages, with now() fixed for the run), so
    /// another thread may ask this of its own instance of the rule before the event is pushed in order.
    /// </summary>
    public bool MayTake(Row eventRow)
    {
        foreach (var (filter, _) in _sources)
        {
            try
            {
                if (filter(eventRow))
                {
                    return true;
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Push fails the same way, and the run reports it there.
                return true;
            }
        }

        return false;
    }

    public void Complete()
    {
        foreach (var table in _tables)
        {
            table.Complete(table.Maintained ? Tables.For(table.Name) : null);
        }

        foreach (var (_, sink) in _sources)
        {
            sink.Complete();
        }
    }
}

/// <summary>Collects output rows in memory (tests, <c>rulec test</c>).</summary>
public sealed class RowCollector : IRowSink
{
    public List<Row> Rows { get; } = [];

    public bool Completed { get; private set; }

    public void Push(Row row) => Rows.Add(row);

    public void Complete() => Completed = true;
}

/// <summary>Forwards output rows to a callback.</summary>
public sealed class RowCallback(Action<Row> onRow) : IRowSink
{
    public void Push(Row row) => onRow(row);

    public void Complete()
    {
    }
}
