using RuleCompiler.Runtime.Rows;
using RuleCompiler.Runtime.Values;

namespace RuleCompiler.Runtime.Operators;

/// <summary>
/// The end of a one-column sub-pipeline used as a list (<c>x in name</c>): collects the first column of its rows.
/// The list is known only when its pipeline completes; <see cref="AfterLists"/> holds rows back until then.
/// </summary>
public sealed class ListCollector : IRowSink
{
    private readonly List<Value> _values = [];
    private readonly List<Action> _waiting = [];
    private readonly HeldRows _held = new("a list sub-pipeline");
    private ValueSet? _exact;
    private ValueSet? _ignoreCase;

    public bool Completed { get; private set; }

    public void Push(Row row)
    {
        if (_held.Stopped)
        {
            return;
        }

        foreach (var field in row.Fields())
        {
            _held.Add(_values.Clear);
            _values.Add(field.Value);
            return;
        }
    }

    public void Complete()
    {
        Completed = true;
        foreach (var action in _waiting)
        {
            action();
        }
    }

    /// <summary>The collected values as an <c>in</c> (or <c>in~</c>) list; a list cut short by the bound cannot answer.</summary>
    public ValueSet Set(bool ignoreCase) => _held.Stopped
        ? throw new RowLimitExceededException("a list sub-pipeline")
        : ignoreCase
            ? _ignoreCase ??= new ValueSet(_values, ignoreCase: true)
            : _exact ??= new ValueSet(_values, ignoreCase: false);

    internal void WhenComplete(Action action) => _waiting.Add(action);
}

/// <summary>
/// Passes rows on once every list they are tested against is complete; until then it keeps them, in order.
/// Completes when its input and all the lists have.
/// </summary>
public sealed class AfterLists : Stage
{
    private readonly ListCollector[] _lists;
    private readonly List<Row> _waitingRows = [];
    private readonly HeldRows _held = new("rows waiting for a list");
    private bool _inputDone;
    private bool _finished;

    public AfterLists(ListCollector[] lists, IRowSink next)
        : base(next)
    {
        _lists = lists;
        foreach (var list in lists)
        {
            list.WhenComplete(Release);
        }
    }

    private bool ListsReady => _lists.All(l => l.Completed);

    public override void Push(Row row)
    {
        if (_held.Stopped)
        {
            return;
        }

        if (ListsReady)
        {
            Next.Push(row);
        }
        else
        {
            _held.Add(_waitingRows.Clear);
            _waitingRows.Add(row);
        }
    }

    public override void Complete()
    {
        _inputDone = true;
        Release();
    }

    private void Release()
    {
        if (!ListsReady)
        {
            return;
        }

        foreach (var row in _held.Stopped ? [] : _waitingRows)
        {
            Next.Push(row);
        }

        _waitingRows.Clear();
        if (_inputDone && !_finished)
        {
            _finished = true;
            Next.Complete();
        }
    }
}
