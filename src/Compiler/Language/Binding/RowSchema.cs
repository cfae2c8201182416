using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Compiler.Language.Binding;

/// <summary>
/// The ordered columns of the rows flowing out of a stage. A pipeline over the data source starts with
/// <c>_time</c> followed by every declared source field; stages add, replace, rename and drop columns.
/// Backends use it to name columns explicitly (summarize, project) and to know each column's type.
/// </summary>
public sealed record RowSchema(ImmutableArray<Column> Columns)
{
    public static RowSchema Empty { get; } = new(ImmutableArray<Column>.Empty);

    /// <summary>The schema of a source that failed to bind (already reported): any column name is accepted as unknown.</summary>
    public static RowSchema UnresolvedSource { get; } = new(ImmutableArray<Column>.Empty) { Unresolved = true };

    public bool Unresolved { get; init; }

    // Every pipeline over a source starts from the same schema; build it once per data source instance.
    private static readonly ConditionalWeakTable<DataSource, RowSchema> SourceSchemas = new();

    public static RowSchema ForSource(DataSource source) => SourceSchemas.GetValue(source, Build);

    private static RowSchema Build(DataSource source)
    {
        var builder = ImmutableArray.CreateBuilder<Column>(source.Fields.Length + 1);
        builder.Add(new Column(Column.EventTimeName, ScalarType.DateTime, false, ColumnOrigin.EventTime, source.FindField(source.TimeField)));
        foreach (var field in source.Fields)
        {
            builder.Add(new Column(field.Name, ScalarTypes.FromField(field.Type), field.Multivalued, ColumnOrigin.SourceField, field));
        }
        return new RowSchema(builder.MoveToImmutable());
    }

    public Column? Find(string name)
    {
        foreach (var column in Columns)
        {
            if (string.Equals(column.Name, name, StringComparison.Ordinal)) return column;
        }
        return null;
    }

    public bool Contains(string name) => Find(name) is not null;

    /// <summary>True when some column's name starts with <paramref name="prefix"/> followed by a dot: an object path.</summary>
    public bool HasObjectPrefix(string prefix)
    {
        foreach (var column in Columns)
        {
            if (column.Name.Length > prefix.Length && column.Name[prefix.Length] == '.'
                && column.Name.StartsWith(prefix, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>Adds a column at the end, or replaces the column of the same name in place (extend semantics).</summary>
    public RowSchema WithColumn(Column column)
    {
        for (var i = 0; i < Columns.Length; i++)
        {
            if (string.Equals(Columns[i].Name, column.Name, StringComparison.Ordinal)) return this with { Columns = Columns.SetItem(i, column) };
        }
        return this with { Columns = Columns.Add(column) };
    }

    public IEnumerable<string> Names => Columns.Select(c => c.Name);
}
