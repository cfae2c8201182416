using System.Collections.Immutable;

namespace RuleCompiler.Backends.Sentinel.Emit;

/// <summary>
/// Where a column of the language's rows lives in the KQL rows: the KQL column <see cref="Name"/> (a table column
/// such as <c>EventName</c> for the source field <c>eventName</c>, or the binder's own name for computed columns), or,
/// when Sentinel has no such data, why (<see cref="Unavailable"/>). <see cref="JsonText"/> marks a string column that
/// holds JSON text for a dynamic field (AWSCloudTrail's RequestParameters): it is read through <c>parse_json</c>.
/// </summary>
internal sealed record KqlColumn(string? Name, bool JsonText, string? Unavailable, string UnavailableCode)
{
    public static KqlColumn Named(string name, bool jsonText = false) => new(name, jsonText, null, "");

    public static KqlColumn Missing(string code, string reason) => new(null, false, reason, code);
}

/// <summary>
/// The KQL side of a row schema at one point of a pipeline: each language column (by the binder's name) and where it
/// is, and the KQL columns physically present (in order), which decide KQL's own renaming in joins.
/// </summary>
internal sealed record KqlRows(ImmutableDictionary<string, KqlColumn> Columns, ImmutableArray<string> Physical)
{
    public KqlColumn? Find(string name) => Columns.TryGetValue(name, out var column) ? column : null;

    public KqlRows With(string name, KqlColumn column) => this with
    {
        Columns = Columns.SetItem(name, column),
        Physical = column.Name is { } physical && !Physical.Contains(physical, StringComparer.Ordinal) ? Physical.Add(physical) : Physical,
    };

    /// <summary>Rows of exactly these columns, each a KQL column of the binder's name (after project, distinct, summarize).</summary>
    public static KqlRows OfNames(IEnumerable<string> names)
    {
        var list = names.ToImmutableArray();
        return new KqlRows(list.ToImmutableDictionary(n => n, n => KqlColumn.Named(n), StringComparer.Ordinal), list);
    }
}
