using RuleCompiler.Runtime.Rows;
using RuleCompiler.Runtime.Values;

namespace RuleCompiler.Runtime.Operators;

public enum JoinKind
{
    Inner,
    InnerUnique,
    LeftOuter,
    RightOuter,
    FullOuter,
    LeftAnti,
    RightAnti,
    LeftSemi,
    RightSemi,
}

/// <summary>
/// <c>join kind=K (right) on keys</c>. Both sides are collected; the join runs when both have completed. Rows
/// match when every key pair is equal (<see cref="ValueComparer"/>): null, missing and "" keys match each other
/// (docs/semantics.md decision 1, as Sentinel's string columns), 1 and "1" do not. Output rows
/// are the left row's fields then the right row's, a right field whose name is taken getting a numeric suffix
/// (<c>user</c> becomes <c>user1</c>), as KQL names them. Order: left input order, then unmatched right rows.
/// </summary>
public sealed class Join : IRowSink
{
    private readonly JoinKind _kind;
    private readonly Func<Row, Value>[] _leftKeys;
    private readonly Func<Row, Value>[] _rightKeys;
    private readonly IRowSink _next;
    private readonly List<Row> _left = [];
    private readonly List<Row> _right = [];
    private readonly HeldRows _held = new("join");
    private int _completed;

    public Join(JoinKind kind, Func<Row, Value>[] leftKeys, Func<Row, Value>[] rightKeys, IRowSink next)
    {
        _kind = kind;
        _leftKeys = leftKeys;
        _rightKeys = rightKeys;
        _next = next;
        Right = new Port(this);
    }

    /// <summary>Where the right-hand pipeline sends its rows.</summary>
    public IRowSink Right { get; }

    public void Push(Row row) => Hold(_left, row);

    public void Complete() => SideCompleted();

    /// <summary>Both sides count towards one bound: they are all held until the join runs.</summary>
    private void Hold(List<Row> side, Row row)
    {
        if (_held.Stopped)
        {
            return;
        }

        _held.Add(() =>
        {
            _left.Clear();
            _right.Clear();
        });
        side.Add(row);
    }

    private void SideCompleted()
    {
        if (++_completed < 2)
        {
            return;
        }

        if (!_held.Stopped)
        {
            Emit();
        }

        _left.Clear();
        _right.Clear();
        _next.Complete();
    }

    private void Emit()
    {
        var index = new Dictionary<Value[], List<int>>(KeyComparer.Instance);
        for (var i = 0; i < _right.Count; i++)
        {
            var key = KeyOf(_right[i], _rightKeys);
            if (!index.TryGetValue(key, out var list))
            {
                index.Add(key, list = []);
            }

            list.Add(i);
        }

        var rightMatched = new bool[_right.Count];
        var seenLeftKeys = new HashSet<Value[]>(KeyComparer.Instance);
        foreach (var left in _left)
        {
            var key = KeyOf(left, _leftKeys);
            var matches = index.TryGetValue(key, out var found) ? found : [];
            if (_kind == JoinKind.InnerUnique && !seenLeftKeys.Add(key))
            {
                continue; // innerunique keeps one left row per key
            }

            foreach (var r in matches)
            {
                rightMatched[r] = true;
            }

            switch (_kind)
            {
                case JoinKind.Inner or JoinKind.InnerUnique or JoinKind.LeftOuter or JoinKind.RightOuter or JoinKind.FullOuter:
                    foreach (var r in matches)
                    {
                        _next.Push(Merge(left, _right[r]));
                    }

                    if (matches.Count == 0 && _kind is JoinKind.LeftOuter or JoinKind.FullOuter)
                    {
                        _next.Push(left);
                    }

                    break;
                case JoinKind.LeftSemi when matches.Count > 0:
                case JoinKind.LeftAnti when matches.Count == 0:
                    _next.Push(left);
                    break;
            }
        }

        for (var r = 0; r < _right.Count; r++)
        {
            var emit = _kind switch
            {
                JoinKind.RightOuter or JoinKind.FullOuter or JoinKind.RightAnti => !rightMatched[r],
                JoinKind.RightSemi => rightMatched[r],
                _ => false,
            };
            if (emit)
            {
                _next.Push(_right[r]);
            }
        }
    }

    private static Value[] KeyOf(Row row, Func<Row, Value>[] keys)
    {
        var key = new Value[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            key[i] = keys[i](row);
        }

        return key;
    }

    private static Row Merge(Row left, Row right)
    {
        var taken = new HashSet<string>(left.Fields().Select(f => f.Key), StringComparer.Ordinal);
        var added = new List<KeyValuePair<string, Value>>();
        foreach (var field in right.Fields())
        {
            var name = field.Key;
            for (var n = 1; taken.Contains(name); n++)
            {
                name = field.Key + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            taken.Add(name);
            added.Add(new(name, field.Value));
        }

        return left.With(added.ToArray());
    }

    private sealed class Port(Join owner) : IRowSink
    {
        public void Push(Row row) => owner.Hold(owner._right, row);

        public void Complete() => owner.SideCompleted();
    }
}

/// <summary>
/// <c>union (p1), (p2)</c>: the input's rows as they come, then each branch's rows in branch order once
/// everything has completed.
/// </summary>
public sealed class Union : IRowSink
{
    private readonly IRowSink _next;
    private readonly List<Row>[] _branches;
    private readonly HeldRows _held = new("union");
    private int _pending;

    public Union(int branchCount, IRowSink next)
    {
        _next = next;
        _branches = Enumerable.Range(0, branchCount).Select(_ => new List<Row>()).ToArray();
        Branches = _branches.Select(b => (IRowSink)new BranchPort(this, b)).ToArray();
        _pending = branchCount + 1;
    }

    public IRowSink[] Branches { get; }

    public void Push(Row row) => _next.Push(row);

    public void Complete() => OneCompleted();

    private void OneCompleted()
    {
        if (--_pending > 0)
        {
            return;
        }

        foreach (var branch in _branches)
        {
            foreach (var row in _held.Stopped ? [] : branch)
            {
                _next.Push(row);
            }

            branch.Clear();
        }

        _next.Complete();
    }

    private void Hold(List<Row> branch, Row row)
    {
        if (_held.Stopped)
        {
            return;
        }

        _held.Add(() => Array.ForEach(_branches, b => b.Clear()));
        branch.Add(row);
    }

    private sealed class BranchPort(Union owner, List<Row> rows) : IRowSink
    {
        public void Push(Row row) => owner.Hold(rows, row);

        public void Complete() => owner.OneCompleted();
    }
}
