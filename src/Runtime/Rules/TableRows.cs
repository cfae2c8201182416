using System.Collections.Immutable;
using RuleCompiler.Runtime.Rows;

namespace RuleCompiler.Runtime.Rules;

/// <summary>
/// Rows supplied to a run for maintained lookup tables (rule tests' <c>tables:</c>, <c>rulec run --table</c>), by
/// table name. Each row is a JSON object (or a row of columns) whose members name the table's columns; the rule
/// converts them to the declared types. A maintained table with no rows supplied is empty, and the plan records it
/// (<see cref="RulePlan.UnsuppliedTables"/>) so the run can say so once.
/// </summary>
public sealed class TableRows
{
    private readonly ImmutableDictionary<string, IReadOnlyList<Row>> _rows;

    private TableRows(ImmutableDictionary<string, IReadOnlyList<Row>> rows) => _rows = rows;

    /// <summary>The most rows supplied for one table (docs/reliability.md): more is a diagnostic, not a run out of memory.</summary>
    public const int MaxRows = Limits.MaxTableRows;

    public static TableRows None { get; } = new(ImmutableDictionary<string, IReadOnlyList<Row>>.Empty.WithComparers(StringComparer.Ordinal));

    public TableRows With(string table, IReadOnlyList<Row> rows) => new(_rows.SetItem(table, rows));

    public IReadOnlyList<Row>? For(string table) => _rows.TryGetValue(table, out var rows) ? rows : null;

    public IEnumerable<string> Names => _rows.Keys.Order(StringComparer.Ordinal);
}
