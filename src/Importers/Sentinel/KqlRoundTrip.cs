using System.Collections.Immutable;
using RuleCompiler.Backends.Sentinel.Analysis;
using RuleCompiler.Backends.Sentinel.Emit;
using RuleCompiler.Compiler.Compilation;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Importers.Sentinel;

/// <summary>
/// How an imported rule compiled back to its source language compares with the original: whether the compiled query
/// is the same after normalisation (<see cref="Matches"/>), whether the source language's own analyzer accepts it
/// (<see cref="Accepted"/>, null when the analyzer is unavailable), the compiled text and what differs.
/// </summary>
public sealed record KqlRoundTripResult(string SourcePath, string Compiled, bool Matches, bool? Accepted, ImmutableArray<string> Differences)
{
    public bool Succeeded => Matches && Accepted != false;
}

/// <summary>One imported rule to compare: its source file, the original query, and the rule as the compiler bound it.</summary>
public sealed record KqlRoundTripCase(string SourcePath, string OriginalQuery, CompiledRule Rule);

/// <summary>
/// Sentinel's round trip: the canonical rule compiled with the Sentinel target (<see cref="KqlEmitter"/>) must be the
/// original query once both are in <see cref="KqlNormalForm"/>, and Kusto.Language must accept it with zero errors.
/// </summary>
public sealed class KqlRoundTrip(IReadOnlyList<DataSource> dataSources, Verification.ImportVerifier.AnalyzeKql analyze) : Verification.IRoundTripComparer
{
    private readonly IReadOnlyDictionary<string, SentinelColumns> tables = SentinelColumns.ByTable(dataSources);

    public KqlRoundTrip(IReadOnlyList<DataSource> dataSources, KustoAnalyzer analyzer)
        : this(dataSources, (kustoTables, queries) => analyzer.Analyze(kustoTables, queries))
    {
    }

    public string Target => "sentinel";

    /// <summary>One rule: the source file's query against the rule compiled back (the analyzer starts for it alone).</summary>
    public Verification.RoundTripResult Compare(string sourcePath, string sourceText, CompiledRule rule) =>
        CompareAll([new Verification.RoundTripCase(sourcePath, sourceText, rule)])[0];

    /// <summary>For <c>rulec import sentinel --verify</c>: every rule in one batch, so node starts once.</summary>
    public IReadOnlyList<Verification.RoundTripResult> CompareAll(IReadOnlyList<Verification.RoundTripCase> cases) =>
        [.. Compare([.. cases.Select(c => new KqlRoundTripCase(c.SourcePath, SentinelImporter.QueryOf(c.SourceText) ?? "", c.Rule))])
            .Select(r => r.Succeeded ? Verification.RoundTripResult.Equal : new Verification.RoundTripResult(false, r.Differences))];

    /// <summary>The KQL the Sentinel target writes for a compiled rule, and the emitter's diagnostics.</summary>
    public static (string Kql, ImmutableArray<Compiler.Diagnostics.Diagnostic> Diagnostics) Compile(CompiledRule rule, IReadOnlyList<DataSource> dataSources)
    {
        var query = KqlEmitter.Emit(rule.Query, rule.Rule, KustoTable.FromDataSources(dataSources));
        return (query.Text, query.Diagnostics);
    }

    /// <summary>Compares every case, in one batch (the analyzer starts once); one result per case, in order.</summary>
    public IReadOnlyList<KqlRoundTripResult> Compare(IReadOnlyList<KqlRoundTripCase> cases)
    {
        var kustoTables = KustoTable.FromDataSources(dataSources);
        var emitted = cases.Select(c => KqlEmitter.Emit(c.Rule.Query, c.Rule.Rule, kustoTables)).ToList();
        var analysis = analyze(kustoTables, [.. emitted.Select((q, i) => new KustoQuery(i.ToString(System.Globalization.CultureInfo.InvariantCulture), q.Text))]);
        var results = new List<KqlRoundTripResult>();
        for (var i = 0; i < cases.Count; i++)
        {
            var original = KqlNormalForm.Of(cases[i].OriginalQuery, tables);
            var compiled = KqlNormalForm.Of(emitted[i].Text, tables);
            var differences = original.Except(compiled).Select(l => "- " + l).Concat(compiled.Except(original).Select(l => "+ " + l)).ToImmutableArray();
            bool? accepted = analysis.IsAvailable ? !analysis.Results[i].Errors.Any() : null;
            var errors = analysis.IsAvailable ? analysis.Results[i].Errors.Select(e => $"Kusto.Language {e.Code} at {e.Line}:{e.Column}: {e.Message}") : [];
            results.Add(new KqlRoundTripResult(cases[i].SourcePath, emitted[i].Text, differences.IsEmpty && original.Count > 0, accepted, [.. differences, .. errors]));
        }

        return results;
    }
}
