using System.Collections.Immutable;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Compiler.Loading;

/// <summary>How many files of each kind were validated (valid or not).</summary>
public sealed record FileCounts(int Rules, int DataSources, int Lists, int Fragments)
{
    public int Tables { get; init; }
}

/// <summary>
/// The valid models of a rules repository (or of the files asked for), the rules the schema rejected (to check
/// their other parts, never to compile), and every diagnostic, sorted by path, line,
/// column and code. Support files found only as context (the data sources of a single rule being validated) are
/// in the models but not in the counts or diagnostics.
/// </summary>
public sealed record RepositoryLoadResult(
    ImmutableArray<Rule> Rules,
    ImmutableArray<PartialRule> PartialRules,
    ImmutableArray<DataSource> DataSources,
    ImmutableArray<NamedList> Lists,
    ImmutableArray<Fragment> Fragments,
    ImmutableArray<Diagnostic> Diagnostics,
    FileCounts Counts)
{
    /// <summary>The lookup tables (rules/tables/*.yml) that searches read as table(name).</summary>
    public ImmutableArray<LookupTable> Tables { get; init; } = [];

    public int ErrorCount => Diagnostics.Count(d => d.IsError);

    public int WarningCount => Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
}
