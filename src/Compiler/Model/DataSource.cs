using System.Collections.Immutable;
using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Compiler.Model;

/// <summary>A logical event source (rules/data_sources/NAME.yml) and how it looks in each backend.</summary>
public sealed record DataSource(
    string Name,
    string Description,
    EventFormat EventFormat,
    string TimeField,
    TimeFormat TimeFormat,
    SplunkSource Splunk,
    SentinelSource Sentinel,
    ImmutableArray<FieldDefinition> Fields,
    SourceSpan Span)
{
    /// <summary>The field whose name is <paramref name="name"/> exactly, or null.</summary>
    public FieldDefinition? FindField(string name) => Fields.FirstOrDefault(f => f.Name == name);

    /// <summary>
    /// The data source whose fields this one has as well (<c>fields_from</c>), or null: the same events arriving by
    /// another path (Kubernetes audit events through the Splunk Add-on for AWS's CloudWatch Logs input). The repository
    /// loader adds that source's fields to <see cref="Fields"/> (<see cref="WithFieldsOf"/>).
    /// </summary>
    public Located<string>? FieldsFrom { get; init; }

    /// <summary>
    /// This source with the fields of <paramref name="other"/> after its own; a field it declares itself keeps its own
    /// definition (a source may say more about a field than the one it takes the list from).
    /// </summary>
    public DataSource WithFieldsOf(DataSource other)
    {
        var own = Fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        return this with { Fields = [.. Fields, .. other.Fields.Where(f => !own.Contains(f.Name))] };
    }
}

public enum EventFormat
{
    CloudTrail,
    Ocsf,
    GuardDuty,

    /// <summary>Security Hub findings in the AWS Security Finding Format (ASFF).</summary>
    Asff,

    /// <summary>Kubernetes API server audit events (audit.k8s.io Event).</summary>
    K8sAudit,

    /// <summary>
    /// Rows of a Splunk data model dataset (<c>splunk.datamodel</c>), as JSON objects with each data-model field nested
    /// below its dataset's name (<c>{"All_Risk": {"risk_object": ...}}</c>) and Splunk's default fields at the top.
    /// </summary>
    SplunkDatamodel,
}

public enum TimeFormat
{
    Iso8601,
    EpochSeconds,
    EpochMillis,
}

/// <summary>
/// How Splunk reads the source: a base search (usually a macro), or, when <see cref="DataModel"/> is set, a data model
/// dataset that rules read with <c>| tstats ... from datamodel=DataModel.Dataset</c> (<see cref="BaseSearch"/> empty).
/// </summary>
public sealed record SplunkSource(string BaseSearch, string MacroDefinition)
{
    /// <summary>The data model (CIM Authentication, Risk, ...) of a data-model source; null for a base search.</summary>
    public string? DataModel { get; init; }

    /// <summary>The dataset of <see cref="DataModel"/>: the prefix of the source's data-model fields (All_Risk).</summary>
    public string? Dataset { get; init; }

    /// <summary>The dataset is the data model's root event dataset: <c>from datamodel=DataModel</c> alone reads it.</summary>
    public bool RootDataset { get; init; }

    public bool IsDataModel => DataModel is not null && Dataset is not null;
}

public sealed record SentinelSource(string Table, string TimeColumn, string ConnectorId, ImmutableArray<string> DataTypes)
{
    /// <summary>The table's columns (<c>sentinel.columns</c>); empty when the data source does not declare them.</summary>
    public ImmutableArray<SentinelColumn> Columns { get; init; } = [];

    /// <summary>
    /// Why no Log Analytics table holds the source (<c>sentinel.unavailable</c>), written instead of a table; null
    /// when the source names one.
    /// </summary>
    public string? Unavailable { get; init; }
}

/// <summary>A column of a Log Analytics table and its Kusto type name (string, long, datetime, dynamic, ...).</summary>
public sealed record SentinelColumn(string Name, string Type);

/// <summary>
/// One field of the source. <c>Name</c> is the dotted path in the event. A field of type dynamic admits any
/// nested path below it (typed dynamic); <c>Multivalued</c> marks arrays.
/// </summary>
public sealed record FieldDefinition(
    string Name,
    FieldType Type,
    bool Multivalued,
    string? SentinelColumn,
    string? SplunkField,
    string? Description,
    SourceSpan Span)
{
    /// <summary>
    /// The text the field holds in every row of the Sentinel table, when no column holds it because it never varies
    /// there (the data source's <c>sentinel_value</c>); null otherwise.
    /// </summary>
    public string? SentinelValue { get; init; }

    /// <summary>
    /// The field is a Splunk default field that the input sets (<c>splunk_metadata</c>, such as source), not a key of
    /// the event: Splunk reads the default field, the C# run the event's top-level key of that name (present only in
    /// events written as Splunk exports them).
    /// </summary>
    public bool SplunkMetadata { get; init; }

    /// <summary>
    /// A real field whose Sentinel column the table types as an integer (GuardDuty's severity in AWSGuardDuty): KQL
    /// reads it with <c>toreal</c> where the table is read, and an importer reads that conversion as nothing.
    /// </summary>
    public bool IsRealInIntegerColumn(IEnumerable<SentinelColumn> tableColumns) =>
        Type == FieldType.Real && SentinelColumn is { Length: > 0 } column
        && tableColumns.Any(c => c.Name == column && c.Type.ToLowerInvariant() is "int" or "long");
}

public enum FieldType
{
    String,
    Long,
    Real,
    Bool,
    DateTime,
    TimeSpan,
    Dynamic,
}
