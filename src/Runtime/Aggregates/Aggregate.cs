using RuleCompiler.Runtime.Rows;
using RuleCompiler.Runtime.Values;

namespace RuleCompiler.Runtime.Aggregates;

/// <summary>One aggregate of a <c>summarize</c>: a recipe that makes a fresh accumulator per group.</summary>
public sealed class Aggregate(Func<Accumulator> create)
{
    public Accumulator Create() => create();

    public static Aggregate Count(string name) => new(() => new CountAccumulator(name, null));

    public static Aggregate CountIf(string name, Func<Row, bool> predicate) => new(() => new CountAccumulator(name, predicate));

    public static Aggregate DCount(string name, Func<Row, Value> value) => new(() => new DistinctCountAccumulator(name, value));

    public static Aggregate Min(string name, Func<Row, Value> value) => new(() => new ExtremeAccumulator(name, value, wantMax: false));

    public static Aggregate Max(string name, Func<Row, Value> value) => new(() => new ExtremeAccumulator(name, value, wantMax: true));

    public static Aggregate Sum(string name, Func<Row, Value> value) => new(() => new SumAccumulator(name, value, average: false));

    public static Aggregate Avg(string name, Func<Row, Value> value) => new(() => new SumAccumulator(name, value, average: true));

    public static Aggregate MakeSet(string name, Func<Row, Value> value) => new(() => new ListAccumulator(name, value, distinct: true));

    public static Aggregate MakeList(string name, Func<Row, Value> value) => new(() => new ListAccumulator(name, value, distinct: false));

    public static Aggregate TakeAny(string name, Func<Row, Value> value) => new(() => new TakeAnyAccumulator(name, value));

    /// <summary><c>arg_min(x, cols)</c>; <paramref name="columns"/> null means <c>*</c> (every column of the chosen row).</summary>
    public static Aggregate ArgMin(string name, Func<Row, Value> value, params KeyValuePair<string, Func<Row, Value>>[]? columns) =>
        new(() => new ArgExtremeAccumulator(name, value, columns, wantMax: false));

    public static Aggregate ArgMax(string name, Func<Row, Value> value, params KeyValuePair<string, Func<Row, Value>>[]? columns) =>
        new(() => new ArgExtremeAccumulator(name, value, columns, wantMax: true));
}

/// <summary>The state of one aggregate for one group.</summary>
public abstract class Accumulator
{
    public abstract void Add(Row row);

    /// <summary>Appends the output columns; <paramref name="taken"/> holds names already in the row (by-keys, earlier aggregates).</summary>
    public abstract void WriteTo(List<KeyValuePair<string, Value>> output, ISet<string> taken);
}
