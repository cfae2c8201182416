using RuleCompiler.Runtime.Rows;
using RuleCompiler.Runtime.Values;

namespace RuleCompiler.Runtime.Aggregates;

// Aggregates skip nulls (language-contract.md); count() counts rows.

internal sealed class CountAccumulator(string name, Func<Row, bool>? predicate) : Accumulator
{
    private long _count;

    public override void Add(Row row)
    {
        if (predicate is null || predicate(row))
        {
            _count++;
        }
    }

    public override void WriteTo(List<KeyValuePair<string, Value>> output, ISet<string> taken) => output.Add(new(name, Value.Long(_count)));
}

internal sealed class DistinctCountAccumulator(string name, Func<Row, Value> value) : Accumulator
{
    private readonly HashSet<Value> _seen = new(ValueComparer.Instance);

    public override void Add(Row row)
    {
        var v = value(row);
        if (!ExtremeAccumulator.IsEmpty(v))
        {
            _seen.Add(v);
        }
    }

    public override void WriteTo(List<KeyValuePair<string, Value>> output, ISet<string> taken) => output.Add(new(name, Value.Long(_seen.Count)));
}

internal sealed class ExtremeAccumulator(string name, Func<Row, Value> value, bool wantMax) : Accumulator
{
    private Value _best;

    public override void Add(Row row)
    {
        var v = value(row);
        if (!IsEmpty(v) && (_best.IsNull || Better(v, _best, wantMax)))
        {
            _best = v;
        }
    }

    /// <summary>By the total order of <see cref="ValueComparer"/>, so that mixed inputs give one answer in any order.</summary>
    internal static bool Better(Value candidate, Value current, bool wantMax)
    {
        var c = ValueComparer.Instance.Compare(candidate, current);
        return wantMax ? c > 0 : c < 0;
    }

    /// <summary>Null, missing and "" are one value (docs/semantics.md decision 1); these aggregates skip it.</summary>
    internal static bool IsEmpty(Value v) => v.IsNull || (v.Kind == ValueKind.String && v.AsString!.Length == 0);

    public override void WriteTo(List<KeyValuePair<string, Value>> output, ISet<string> taken) => output.Add(new(name, _best));
}

internal sealed class SumAccumulator(string name, Func<Row, Value> value, bool average) : Accumulator
{
    private Value _sum;
    private long _count;

    public override void Add(Row row)
    {
        var v = value(row);
        if (v.IsNull || !(v.IsNumber || v.Kind == ValueKind.TimeSpan))
        {
            return;
        }

        _sum = _count == 0 ? v : Arithmetic.Add(_sum, v);
        _count++;
    }

    public override void WriteTo(List<KeyValuePair<string, Value>> output, ISet<string> taken)
    {
        // sum() of no rows (or only nulls) is 0, as KQL; avg() of nothing stays null.
        var result = _count == 0 ? (average ? Value.Null : Value.Long(0))
            : !average ? _sum
            : _sum.Kind == ValueKind.TimeSpan ? Value.TimeSpan(_sum.AsTimeSpan / _count)
            : Value.Real(_sum.AsReal / _count);
        output.Add(new(name, result));
    }
}

internal sealed class ListAccumulator(string name, Func<Row, Value> value, bool distinct, long limit) : Accumulator
{
    private readonly List<Value> _items = [];
    private readonly HashSet<Value>? _seen = distinct ? new(ValueComparer.Instance) : null;

    public override void Add(Row row)
    {
        var v = value(row);
        if (ExtremeAccumulator.IsEmpty(v))
        {
            return;
        }

        // A dynamic array contributes its elements, as make_set/make_list do in KQL.
        foreach (var item in v.IsArray ? v.Elements() : [v])
        {
            if (_items.Count >= limit)
            {
                return;
            }

            if (!ExtremeAccumulator.IsEmpty(item) && (_seen is null || _seen.Add(item)))
            {
                _items.Add(item);
            }
        }
    }

    public override void WriteTo(List<KeyValuePair<string, Value>> output, ISet<string> taken) => output.Add(new(name, Value.Array(_items.ToArray())));
}

internal sealed class TakeAnyAccumulator(string name, Func<Row, Value> value) : Accumulator
{
    private Value _value;
    private bool _has;

    public override void Add(Row row)
    {
        if (_has)
        {
            return;
        }

        var v = value(row);
        if (!ExtremeAccumulator.IsEmpty(v))
        {
            _value = v;
            _has = true;
        }
    }

    public override void WriteTo(List<KeyValuePair<string, Value>> output, ISet<string> taken) => output.Add(new(name, _value));
}

/// <summary>arg_min / arg_max: the row where the value is smallest / largest (the first such row on ties).</summary>
internal sealed class ArgExtremeAccumulator(string name, Func<Row, Value> value, KeyValuePair<string, Func<Row, Value>>[]? columns, bool wantMax)
    : Accumulator
{
    private Value _best;
    private Row? _row;

    public override void Add(Row row)
    {
        var v = value(row);
        if (!ExtremeAccumulator.IsEmpty(v) && (_row is null || ExtremeAccumulator.Better(v, _best, wantMax)))
        {
            _best = v;
            _row = row;
        }
    }

    public override void WriteTo(List<KeyValuePair<string, Value>> output, ISet<string> taken)
    {
        output.Add(new(name, _best));
        taken.Add(name);
        if (columns is not null)
        {
            foreach (var column in columns)
            {
                output.Add(new(column.Key, _row is null ? Value.Null : column.Value(_row)));
                taken.Add(column.Key);
            }

            return;
        }

        if (_row is null)
        {
            return;
        }

        foreach (var field in _row.Fields())
        {
            if (taken.Add(field.Key))
            {
                output.Add(field);
            }
        }
    }
}

/// <summary>Sample variance (n − 1) and standard deviation of the non-null numbers; 0 for one value (as KQL), null for none.</summary>
internal sealed class VarianceAccumulator(string name, Func<Row, Value> value, bool standardDeviation) : Accumulator
{
    // Welford's method: stable for long inputs.
    private long _count;
    private double _mean;
    private double _m2;

    public override void Add(Row row)
    {
        var v = value(row);
        if (!v.IsNumber)
        {
            return;
        }

        _count++;
        var delta = v.AsReal - _mean;
        _mean += delta / _count;
        _m2 += delta * (v.AsReal - _mean);
    }

    public override void WriteTo(List<KeyValuePair<string, Value>> output, ISet<string> taken)
    {
        if (_count < 2)
        {
            output.Add(new(name, _count == 0 ? Value.Null : Value.Real(0)));
            return;
        }

        var variance = _m2 / (_count - 1);
        output.Add(new(name, Value.Real(standardDeviation ? Math.Sqrt(variance) : variance)));
    }
}
