using RuleCompiler.Runtime.Rows;
using RuleCompiler.Runtime.Values;

namespace RuleCompiler.Runtime.Operators;

/// <summary><c>where</c>.</summary>
public sealed class Where(Func<Row, bool> predicate, IRowSink next) : Stage(next)
{
    public override void Push(Row row)
    {
        if (predicate(row))
        {
            Next.Push(row);
        }
    }
}

/// <summary>A row-to-row stage: <c>extend</c>, <c>project</c>, <c>project-away</c>, <c>project-rename</c>, <c>fill-null</c>.</summary>
public sealed class Map(Func<Row, Row> map, IRowSink next) : Stage(next)
{
    public override void Push(Row row) => Next.Push(map(row));
}

/// <summary>
/// <c>mv-expand</c>: one row per element of the array, with the element in column <c>name</c>. A null value or an
/// empty array gives no row; any other scalar gives one row holding it.
/// </summary>
public sealed class MvExpand(string name, Func<Row, Value> array, IRowSink next) : Stage(next)
{
    public override void Push(Row row)
    {
        var value = array(row);
        if (value.IsNull)
        {
            return;
        }

        if (!value.IsArray)
        {
            Next.Push(row.With(name, value));
            return;
        }

        foreach (var element in value.Elements())
        {
            Next.Push(row.With(name, element));
        }
    }
}

/// <summary><c>take N</c>: the first N rows in input order.</summary>
public sealed class Take(long count, IRowSink next) : Stage(next)
{
    private long _taken;

    /// <summary>How many rows pass; a <see cref="Sort"/> right before keeps only this many.</summary>
    public long Count => count;

    public override void Push(Row row)
    {
        if (_taken < count)
        {
            _taken++;
            Next.Push(row);
        }
    }
}

/// <summary>Helpers the generated row maps use.</summary>
public static class RowMaps
{
    public static KeyValuePair<string, Value> Column(string name, Value value) => new(name, value);

    /// <summary>A named computed key (summarize by, distinct, arg_max columns).</summary>
    public static KeyValuePair<string, Func<Row, Value>> Key(string name, Func<Row, Value> value) => new(name, value);

    /// <summary><c>project</c>: a new row of exactly these columns.</summary>
    public static Row Project(params KeyValuePair<string, Value>[] columns) => Row.FromColumns(columns);

    /// <summary><c>project-rename new = old</c>: the values are read before the old names are dropped.</summary>
    public static Row Rename(Row row, string[] newNames, string[] oldNames)
    {
        var values = new KeyValuePair<string, Value>[newNames.Length];
        for (var i = 0; i < newNames.Length; i++)
        {
            values[i] = new(newNames[i], row.GetTop(oldNames[i]));
        }

        return row.Without(oldNames).With(values);
    }

    /// <summary>
    /// <c>fill-null v</c> (every visible column when <paramref name="names"/> is empty) or <c>fill-null v in a, b</c>.
    /// Null, missing and "" are one value (docs/semantics.md decision 1): all three are filled.
    /// </summary>
    public static Row FillNull(Row row, Value fill, params string[] names)
    {
        var targets = names.Length > 0
            // A dotted name is a source field below the event's top level (objectRef.namespace) unless a stage made a
            // column of that name: read it as the binder names it, so a value present in the event is not overwritten.
            ? names.Where(n => Functions.Fn.IsEmpty(row.Get(FieldPath.Dotted(n))))
            : row.Fields().Where(f => Functions.Fn.IsEmpty(f.Value)).Select(f => f.Key);
        var filled = targets.Select(n => new KeyValuePair<string, Value>(n, fill)).ToArray();
        return filled.Length == 0 ? row : row.With(filled);
    }
}
