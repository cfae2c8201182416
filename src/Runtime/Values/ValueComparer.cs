namespace RuleCompiler.Runtime.Values;

/// <summary>
/// Equality, hashing and ordering of values for grouping (summarize, distinct, dcount, make_set, join keys) and
/// sorting. Numbers compare numerically across long and real; strings ordinal; null equals null and the empty
/// string (docs/semantics.md decision 1: one value for strings everywhere); arrays and objects by their JSON text.
/// Values of different kinds order by kind, so the order is total and never depends on the input order.
/// </summary>
public sealed class ValueComparer : IEqualityComparer<Value>, IComparer<Value>
{
    public static readonly ValueComparer Instance = new();

    public bool Equals(Value x, Value y)
    {
        x = Empty(x);
        y = Empty(y);
        if (x.IsNumber && y.IsNumber)
        {
            return x.Kind == ValueKind.Long && y.Kind == ValueKind.Long ? x.AsLong == y.AsLong : x.AsReal.Equals(y.AsReal);
        }

        if (x.Kind != y.Kind)
        {
            return false;
        }

        return x.Kind switch
        {
            ValueKind.Null => true,
            ValueKind.String => string.Equals(x.AsString, y.AsString, StringComparison.Ordinal),
            ValueKind.Bool or ValueKind.DateTime or ValueKind.TimeSpan => x.AsLong == y.AsLong,
            _ => string.Equals(x.ToText(), y.ToText(), StringComparison.Ordinal),
        };
    }

    /// <summary>The empty string stands for null here, so that null, missing and "" group, hash and sort as one.</summary>
    private static Value Empty(Value v) => v.Kind == ValueKind.String && v.AsString!.Length == 0 ? Value.Null : v;

    public int GetHashCode(Value v) => Empty(v).Kind switch
    {
        ValueKind.Null => 0,
        ValueKind.String => StringComparer.Ordinal.GetHashCode(v.AsString!),
        ValueKind.Long => ((double)v.AsLong).GetHashCode(),
        ValueKind.Real => v.AsReal.GetHashCode(),
        ValueKind.Bool or ValueKind.DateTime or ValueKind.TimeSpan => HashCode.Combine(v.Kind, v.AsLong),
        _ => StringComparer.Ordinal.GetHashCode(v.ToText()),
    };

    /// <summary>Total order: null first, then by kind, then by value within a kind (numbers together).</summary>
    public int Compare(Value x, Value y)
    {
        x = Empty(x);
        y = Empty(y);
        if (x.IsNumber && y.IsNumber)
        {
            return x.Kind == ValueKind.Long && y.Kind == ValueKind.Long ? x.AsLong.CompareTo(y.AsLong) : x.AsReal.CompareTo(y.AsReal);
        }

        if (x.Kind != y.Kind)
        {
            return Rank(x.Kind).CompareTo(Rank(y.Kind));
        }

        return x.Kind switch
        {
            ValueKind.Null => 0,
            ValueKind.String => string.CompareOrdinal(x.AsString, y.AsString),
            ValueKind.Bool or ValueKind.DateTime or ValueKind.TimeSpan => x.AsLong.CompareTo(y.AsLong),
            _ => string.CompareOrdinal(x.ToText(), y.ToText()),
        };
    }

    private static int Rank(ValueKind kind) => kind == ValueKind.Real ? (int)ValueKind.Long : (int)kind;
}

/// <summary>Equality of composite keys (summarize groups, distinct rows, join keys).</summary>
public sealed class KeyComparer : IEqualityComparer<Value[]>
{
    public static readonly KeyComparer Instance = new();

    public bool Equals(Value[]? x, Value[]? y)
    {
        if (x is null || y is null || x.Length != y.Length)
        {
            return x is null && y is null;
        }

        for (var i = 0; i < x.Length; i++)
        {
            if (!ValueComparer.Instance.Equals(x[i], y[i]))
            {
                return false;
            }
        }

        return true;
    }

    public int GetHashCode(Value[] key)
    {
        var hash = new HashCode();
        foreach (var v in key)
        {
            hash.Add(ValueComparer.Instance.GetHashCode(v));
        }

        return hash.ToHashCode();
    }
}
