namespace RuleCompiler.Importers;

/// <summary>
/// The canonical rule keys an importer fills (docs/rule-format.md); absent optional keys are null or empty and not
/// written. <see cref="PartialNotes"/> become the comment block that marks a partial import. <see cref="Metadata"/>
/// holds the nested keys (<c>how_to_implement</c>, <c>tags</c>, <c>risk</c>, <c>entities</c>, <c>alert</c>,
/// <c>schedule</c>, <c>drilldowns</c>, <c>tests</c>), written in the order of <see cref="CanonicalYamlWriter.MetadataOrder"/>.
/// </summary>
public sealed record CanonicalRule(
    string Id,
    string Name,
    string Version,
    string Date,
    string Author,
    string Status,
    string Type,
    string? Severity,
    string Description,
    string DataSource,
    string Search,
    IReadOnlyList<string> References,
    string? KnownFalsePositives,
    IReadOnlyList<string> Attack,
    IReadOnlyList<string> Cve,
    IReadOnlyList<string> PartialNotes)
{
    public CanonicalMap Metadata { get; init; } = CanonicalMap.Empty;
}
