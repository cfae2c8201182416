using System.Collections.Immutable;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Backends.Sentinel.Analysis;

/// <summary>A query to analyse. <c>WithLiterals</c> asks for the value of every string literal, in text order.</summary>
public sealed record KustoQuery(string Id, string Text, bool WithLiterals = false);

/// <summary>
/// One Kusto.Language diagnostic. <c>Start</c> and <c>Length</c> are offsets in the query text (UTF-16, -1 when the
/// diagnostic has no place); <c>Line</c> and <c>Column</c> are 1-based. <c>Code</c> is Kusto's, e.g. KS142.
/// </summary>
public sealed record KustoDiagnostic(string Severity, string Code, string Message, int Start, int Length, int Line, int Column)
{
    public bool IsError => Severity == "error";
}

/// <summary>
/// The analysis of one query: its diagnostics, the columns of its result as Kusto.Language infers them (empty when the
/// result is not a table), and, when asked, the values of its string literals.
/// </summary>
public sealed record KustoQueryResult(string Id, ImmutableArray<KustoDiagnostic> Diagnostics, ImmutableArray<SentinelColumn> Columns, ImmutableArray<string> Literals)
{
    public IEnumerable<KustoDiagnostic> Errors => Diagnostics.Where(d => d.IsError);
}

/// <summary>
/// The outcome of one batch: every query's result in input order, or, when the analyzer could not run, no results and
/// <see cref="UnavailableReason"/> (printed as "analyzer unavailable: reason").
/// </summary>
public sealed record KustoAnalysis(ImmutableArray<KustoQueryResult> Results, string? UnavailableReason)
{
    public bool IsAvailable => UnavailableReason is null;

    public static KustoAnalysis Unavailable(string reason) => new([], reason);

    public override string ToString() => IsAvailable ? $"{Results.Length} queries analysed" : $"analyzer unavailable: {UnavailableReason}";
}
