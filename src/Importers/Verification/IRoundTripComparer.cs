using RuleCompiler.Compiler.Compilation;

namespace RuleCompiler.Importers.Verification;

/// <summary>Whether a compiled imported rule, emitted back in its source language, says what the source said.</summary>
public sealed record RoundTripResult(bool Same, IReadOnlyList<string> Differences)
{
    public static RoundTripResult Equal { get; } = new(true, []);

    public static RoundTripResult Differs(params string[] differences) => new(false, differences);
}

/// <summary>One imported rule to compare: its source file, that file's whole text, and the rule as the compiler bound it.</summary>
public sealed record RoundTripCase(string SourcePath, string SourceText, CompiledRule Rule);

/// <summary>
/// A source format's round trip: compile the imported rule back to the source language with that language's
/// target and compare it with the original query after the format's normalisation (whitespace, order of
/// commutative terms, the conventions each side adds). ESCU compares SPL; a format without one is reported as
/// "no round trip" by <see cref="ImportVerifier"/>.
/// </summary>
public interface IRoundTripComparer
{
    /// <summary>The target the rule is compiled back with (splunk, sentinel).</summary>
    string Target { get; }

    /// <summary>Compares the source file's query with the rule compiled back; <paramref name="sourceText"/> is the whole file at <paramref name="sourcePath"/>.</summary>
    RoundTripResult Compare(string sourcePath, string sourceText, CompiledRule rule);

    /// <summary>
    /// Compares every case; one result per case, in order. A comparer whose check starts a process (Sentinel's
    /// Kusto.Language under node) overrides this to start it once for all rules.
    /// </summary>
    IReadOnlyList<RoundTripResult> CompareAll(IReadOnlyList<RoundTripCase> cases) =>
        [.. cases.Select(c => Compare(c.SourcePath, c.SourceText, c.Rule))];
}
