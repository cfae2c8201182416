using System.Collections.Immutable;
using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Compiler.Model;

/// <summary>One column of a lookup table: its name and its type in the language.</summary>
public sealed record TableColumn(string Name, FieldType Type, SourceSpan Span);

/// <summary>
/// One row of a static table: a value per column, in the table's column order. Each value is already of its
/// column's type (string, long, double, bool, UTC DateTime, TimeSpan) or null for a missing or null cell.
/// </summary>
public sealed record TableRow(ImmutableArray<object?> Values, SourceSpan Span);

/// <summary>
/// A lookup table (rules/tables/NAME.yml) that a sub-pipeline reads as <c>table(NAME)</c>. A static table carries its
/// <see cref="Rows"/>; a maintained table (<see cref="MaintainedBy"/> set) is filled outside the repository, by a
/// baseline search or another process, so only its columns are known here.
/// </summary>
public sealed record LookupTable(
    string Name,
    string Description,
    ImmutableArray<TableColumn> Columns,
    ImmutableArray<string> Keys,
    ImmutableArray<TableRow> Rows,
    string? MaintainedBy,
    SourceSpan Span)
{
    /// <summary>Splunk matches lookup keys case-sensitively unless the lookup definition says otherwise (transforms.conf case_sensitive_match).</summary>
    public bool CaseSensitiveMatch { get; init; } = true;

    /// <summary>The KV store collection that holds a maintained table in Splunk (null: none declared).</summary>
    public string? SplunkCollection { get; init; }

    /// <summary>The alias of the Sentinel watchlist that holds the table (null: none declared).</summary>
    public string? SentinelWatchlist { get; init; }

    public bool IsStatic => MaintainedBy is null;

    /// <summary>The position of the named column, or -1.</summary>
    public int ColumnIndex(string name)
    {
        for (var i = 0; i < Columns.Length; i++)
        {
            if (Columns[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }
}
