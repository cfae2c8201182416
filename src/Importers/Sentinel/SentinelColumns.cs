using System.Collections.Immutable;
using RuleCompiler.Compiler.Language.Syntax;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Importers.Sentinel;

/// <summary>
/// A Sentinel table read back into its data source: each column the data source maps a field to (its per-target
/// <c>sentinel:</c> key) becomes that field's canonical path, and the table's time column becomes <c>_time</c>.
/// </summary>
public sealed class SentinelColumns
{
    private readonly Dictionary<string, ImmutableArray<string>> paths;
    private readonly Dictionary<string, List<ImmutableArray<string>>> sharedPaths;
    private readonly HashSet<string> dynamicColumns;

    private SentinelColumns(DataSource source, Dictionary<string, ImmutableArray<string>> paths, Dictionary<string, List<ImmutableArray<string>>> sharedPaths, HashSet<string> dynamicColumns)
    {
        Source = source;
        this.paths = paths;
        this.sharedPaths = sharedPaths;
        this.dynamicColumns = dynamicColumns;
    }

    /// <summary>
    /// The other canonical paths the column holds: a column several fields map to (TimeGenerated is both _time and
    /// the time field) is read as the first, but removing it removes them all.
    /// </summary>
    public IReadOnlyList<ImmutableArray<string>> SharedPathsOf(string column) => sharedPaths.TryGetValue(column, out var others) ? others : [];

    /// <summary>A column of the table (<c>sentinel.columns</c>) that no field maps: it has no canonical counterpart.</summary>
    public bool IsUnmapped(string column) => !paths.ContainsKey(column) && Source.Sentinel.Columns.Any(c => c.Name == column);

    /// <summary>Whether the column holds a field of type dynamic (JSON, reached through parse_json when it is text).</summary>
    public bool IsDynamic(string column) => dynamicColumns.Contains(column);

    public DataSource Source { get; }

    /// <summary>Every column of the table: the mapped ones and those <c>sentinel.columns</c> lists.</summary>
    public IEnumerable<string> Names => paths.Keys.Union(Source.Sentinel.Columns.Select(c => c.Name), StringComparer.Ordinal);

    /// <summary>The canonical path of the column <paramref name="column"/>, as member names, or null when unmapped.</summary>
    public ImmutableArray<string>? PathOf(string column) => paths.TryGetValue(column, out var path) ? path : null;

    public static SentinelColumns Of(DataSource source)
    {
        var paths = new Dictionary<string, ImmutableArray<string>>(StringComparer.Ordinal)
        {
            [source.Sentinel.TimeColumn] = ["_time"],
        };
        var dynamic = new HashSet<string>(StringComparer.Ordinal);
        var shared = new Dictionary<string, List<ImmutableArray<string>>>(StringComparer.Ordinal);
        foreach (var field in source.Fields)
        {
            if (field.SentinelColumn is { } mapped && paths.ContainsKey(mapped))
            {
                (shared.TryGetValue(mapped, out var others) ? others : shared[mapped] = []).Add([.. field.Name.Split('.')]);
            }
            else if (field.SentinelColumn is { } column)
            {
                paths[column] = [.. field.Name.Split('.')];
                if (field.Type == FieldType.Dynamic)
                {
                    dynamic.Add(column);
                }
            }
        }

        return new SentinelColumns(source, paths, shared, dynamic);
    }

    /// <summary>The tables the data sources read, each to the data source that declares its columns (else the first by name).</summary>
    public static IReadOnlyDictionary<string, SentinelColumns> ByTable(IEnumerable<DataSource> sources) =>
        sources.Where(s => s.Sentinel.Table.Length > 0)
            .GroupBy(s => s.Sentinel.Table, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => Of(g.OrderBy(s => s.Sentinel.Columns.IsEmpty ? 1 : 0).ThenBy(s => s.Name, StringComparer.Ordinal).First()),
                StringComparer.Ordinal);

    public FieldExpression Path(string column, ImmutableArray<PathSegment> rest, TextSpan span) =>
        new([.. paths[column].Select(name => (PathSegment)new MemberSegment(name, false, span)), .. rest], span);
}
