using System.Collections.Immutable;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Backends.Sentinel.Analysis;

/// <summary>A Log Analytics table as the analyzer sees it: its name and typed columns.</summary>
public sealed record KustoTable(string Name, ImmutableArray<SentinelColumn> Columns)
{
    /// <summary>
    /// One table per Sentinel table the data sources name, with the columns a data source declares for it. A source
    /// that names a table without declaring columns (asl_aws_cloudtrail reads AWSCloudTrail) shares the declaring
    /// source's columns. Tables no source declares columns for are left out, so a query on them reports an unknown
    /// table. Sorted by name, so the batch (and so the analysis) does not depend on load order.
    /// </summary>
    public static ImmutableArray<KustoTable> FromDataSources(IEnumerable<DataSource> dataSources) =>
    [
        .. dataSources
            .Where(d => !d.Sentinel.Columns.IsDefaultOrEmpty)
            .GroupBy(d => d.Sentinel.Table, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new KustoTable(g.Key, g.OrderBy(d => d.Name, StringComparer.Ordinal).First().Sentinel.Columns)),
    ];
}
