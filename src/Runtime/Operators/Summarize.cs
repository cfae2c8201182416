using RuleCompiler.Runtime.Aggregates;
using RuleCompiler.Runtime.Rows;
using RuleCompiler.Runtime.Values;

namespace RuleCompiler.Runtime.Operators;

/// <summary>
/// <c>summarize aggregates by keys</c>. Groups come out in the order they were first seen; null keys form their
/// own group. Without keys there is exactly one output row, even for no input (as KQL).
/// Output columns: the keys, then the aggregates.
/// </summary>
public sealed class Summarize(
    KeyValuePair<string, Func<Row, Value>>[] keys,
    Aggregate[] aggregates,
    IRowSink next) : Stage(next)
{
    private readonly Dictionary<Value[], Accumulator[]> _groups = new(KeyComparer.Instance);
    private readonly List<Value[]> _order = [];
    private readonly HeldRows _held = new("summarize");

    public override void Push(Row row)
    {
        if (_held.Stopped)
        {
            return;
        }

        var key = new Value[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            key[i] = keys[i].Value(row);
        }

        if (!_groups.TryGetValue(key, out var accumulators))
        {
            _held.Add(() =>
            {
                _groups.Clear();
                _order.Clear();
            });
            accumulators = aggregates.Select(a => a.Create()).ToArray();
            _groups.Add(key, accumulators);
            _order.Add(key);
        }

        foreach (var accumulator in accumulators)
        {
            accumulator.Add(row);
        }
    }

    public override void Complete()
    {
        if (_held.Stopped)
        {
            base.Complete();
            return;
        }

        if (keys.Length == 0 && _order.Count == 0)
        {
            var empty = Array.Empty<Value>();
            _groups.Add(empty, aggregates.Select(a => a.Create()).ToArray());
            _order.Add(empty);
        }

        foreach (var key in _order)
        {
            var columns = new List<KeyValuePair<string, Value>>();
            var taken = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < keys.Length; i++)
            {
                columns.Add(new(keys[i].Key, key[i]));
                taken.Add(keys[i].Key);
            }

            foreach (var accumulator in _groups[key])
            {
                accumulator.WriteTo(columns, taken);
            }

            Next.Push(Row.FromColumns(columns));
        }

        _groups.Clear();
        _order.Clear();
        base.Complete();
    }
}

/// <summary><c>distinct a, b</c>: rows of exactly these columns, each combination once, in first-seen order.</summary>
public sealed class Distinct(KeyValuePair<string, Func<Row, Value>>[] columns, IRowSink next) : Stage(next)
{
    private readonly HashSet<Value[]> _seen = new(KeyComparer.Instance);
    private readonly HeldRows _held = new("distinct");

    public override void Push(Row row)
    {
        if (_held.Stopped)
        {
            return;
        }

        var key = columns.Select(c => c.Value(row)).ToArray();
        if (_seen.Add(key))
        {
            _held.Add(_seen.Clear);
            Next.Push(Row.FromColumns(columns.Select((c, i) => new KeyValuePair<string, Value>(c.Key, key[i]))));
        }
    }
}

/// <summary>One key of <c>sort by</c>.</summary>
public sealed record SortKey(Func<Row, Value> Value, bool Descending);

/// <summary>
/// <c>sort by</c>: stable; nulls first ascending and last descending (KQL's defaults).
/// </summary>
public sealed class Sort(SortKey[] keys, IRowSink next) : Stage(next)
{
    // Followed by take k (sort | take k, top), only the k first rows can ever be emitted: a bounded heap keeps
    // those and memory stays O(k) however many rows arrive, instead of every row of the input.
    private readonly int? _limit = next is Take take && take.Count < int.MaxValue ? (int)take.Count : null;
    private readonly List<(Value[] Key, Row Row, long Index)> _rows = [];
    private readonly HeldRows _held = new("sort");
    private PriorityQueue<(Value[] Key, Row Row, long Index), (Value[] Key, Row Row, long Index)>? _top;
    private long _seen;

    public override void Push(Row row)
    {
        if (_held.Stopped)
        {
            return;
        }

        var item = (keys.Select(k => k.Value(row)).ToArray(), row, _seen++);
        if (_limit is not { } limit)
        {
            _held.Add(_rows.Clear);
            _rows.Add(item);
            return;
        }

        // The heap's root is the worst row kept; a better newcomer replaces it.
        _top ??= new PriorityQueue<(Value[], Row, long), (Value[], Row, long)>(Comparer<(Value[] Key, Row Row, long Index)>.Create((a, b) => Compare(b, a)));
        if (_top.Count < limit)
        {
            _held.Add(_top.Clear);
            _top.Enqueue(item, item);
        }
        else if (limit > 0 && Compare(item, _top.Peek()) < 0)
        {
            _top.DequeueEnqueue(item, item);
        }
    }

    public override void Complete()
    {
        if (_held.Stopped)
        {
            base.Complete();
            return;
        }

        if (_top is not null)
        {
            while (_top.TryDequeue(out var item, out _))
            {
                _rows.Add(item);
            }
        }

        // List.Sort is not stable: order by arrival as the last key.
        _rows.Sort(Compare);
        foreach (var item in _rows)
        {
            Next.Push(item.Row);
        }

        _rows.Clear();
        base.Complete();
    }

    private int Compare((Value[] Key, Row Row, long Index) a, (Value[] Key, Row Row, long Index) b)
    {
        for (var i = 0; i < keys.Length; i++)
        {
            var c = ValueComparer.Instance.Compare(a.Key[i], b.Key[i]);
            if (c != 0)
            {
                return keys[i].Descending ? -c : c;
            }
        }

        return a.Index.CompareTo(b.Index);
    }
}
