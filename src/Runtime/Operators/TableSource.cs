using RuleCompiler.Runtime.Rows;
using RuleCompiler.Runtime.Values;

namespace RuleCompiler.Runtime.Operators;

/// <summary>A declared column of a lookup table: the type its values are converted to when rows are supplied.</summary>
public sealed record TableColumnSpec(string Name, ValueKind Type);

/// <summary>
/// The source of a pipeline that reads a lookup table (<c>table(name) | ...</c>). A static table's rows are written
/// in the compiled rule; a maintained table's come from the run (<see cref="Rules.TableRows"/>), each cell converted
/// to its column's type as the conversion functions do (a value that does not convert is null), so the pipeline sees
/// exactly the declared columns. Rows are given in table order when the run completes (a join or union holds its
/// sides until both are complete, so the order of sources does not change the result).
/// </summary>
public sealed class TableSource(string name, TableColumnSpec[] columns, IReadOnlyList<Row>? staticRows, IRowSink next)
{
    private readonly FieldPath[] _paths = [.. columns.Select(c => FieldPath.Dotted(c.Name))];

    public string Name { get; } = name;

    /// <summary>True for a maintained table, whose rows the run supplies.</summary>
    public bool Maintained => staticRows is null;

    public void Complete(IReadOnlyList<Row>? supplied)
    {
        foreach (var row in staticRows ?? [])
        {
            next.Push(row);
        }

        foreach (var row in supplied ?? [])
        {
            next.Push(Typed(row));
        }

        next.Complete();
    }

    private Row Typed(Row supplied) =>
        Row.FromColumns(columns.Select((c, i) => new KeyValuePair<string, Value>(c.Name, Convert(supplied.Get(_paths[i]), c.Type))));

    private static Value Convert(Value value, ValueKind type) => value.IsNull ? Value.Null : type switch
    {
        ValueKind.String => value.Kind == ValueKind.String ? value : Conversions.ToStringValue(value),
        ValueKind.Long => Conversions.ToLong(value),
        ValueKind.Real => Conversions.ToReal(value),
        ValueKind.Bool => Conversions.ToBool(value),
        ValueKind.DateTime => Conversions.ToDateTime(value),
        ValueKind.TimeSpan => Conversions.ToTimeSpan(value),
        _ => value,
    };
}
