using System.Collections.Immutable;
using System.Text.Json;
using RuleCompiler.Backends.CSharp;
using RuleCompiler.Backends.Hosting;
using RuleCompiler.Backends.Sentinel.Analysis;
using RuleCompiler.Backends.Sentinel.Emit;
using RuleCompiler.Compiler.Compilation;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Runtime.Rows;
using RuleCompiler.Runtime.Rules;

namespace RuleCompiler.Importers.Verification;

/// <summary>How far one imported rule came: bound, round trip, Kusto.Language's verdict on its KQL, a run in C#. A null step was not reached.</summary>
public sealed record RuleVerification(
    string SourcePath,
    ImportStatus Import,
    string? ImportReason,
    bool Bound,
    string? BindReason,
    bool? RoundTrip,
    string? RoundTripReason,
    bool? KqlAccepted,
    string? KqlReason,
    bool? CSharpRan,
    string? CSharpReason,
    int Alerts);

/// <summary>The verification of one import: a line per source rule, and why Kusto.Language could not run, if it could not.</summary>
public sealed record VerificationReport(string Format, string? RoundTripTarget, IReadOnlyList<RuleVerification> Rules, string? KustoUnavailable, int EventCount);

/// <summary>
/// Verifies imported rules, whatever their source format: (a) load, validate and bind the written files with the
/// project's host against the repository's data sources; (b) the format's round trip, when it has an
/// <see cref="IRoundTripComparer"/>; (c) KQL from the Sentinel emitter, checked by Kusto.Language; (d) C# from the
/// C# backend, run on the given events. Each step's first failure is the rule's reason for that step.
/// </summary>
public static class ImportVerifier
{
    /// <summary>Runs Kusto.Language over a batch of queries (the real analyzer in the CLI; tests may pass another).</summary>
    public delegate KustoAnalysis AnalyzeKql(ImmutableArray<KustoTable> tables, IReadOnlyList<KustoQuery> queries);

    public static VerificationReport Verify(
        string format,
        IReadOnlyList<ImportedRule> imported,
        string outDir,
        Func<string, string> sourceFile,
        IRoundTripComparer? comparer,
        AnalyzeKql analyze,
        IReadOnlyList<JsonElement> events)
    {
        var written = imported.Where(r => r.Status != ImportStatus.Failed && r.FileName is not null).ToList();
        var compilation = written.Count == 0 ? null : RuleCompilerHost.Compile([.. written.Select(r => Path.Combine(outDir, r.FileName!))]);
        var byFile = compilation?.Rules.ToDictionary(r => Path.GetFullPath(r.Rule.Path), StringComparer.Ordinal) ?? [];
        var tables = compilation is null ? [] : KustoTable.FromDataSources(compilation.Repository.DataSources);

        var kql = new Dictionary<string, (bool Accepted, string? Reason)>(StringComparer.Ordinal);
        var queries = new List<KustoQuery>();
        foreach (var rule in byFile.Values)
        {
            var query = KqlEmitter.Emit(rule.Query, rule.Rule, tables);
            if (!query.Portable || query.Diagnostics.Any(d => d.IsError))
            {
                var problem = query.Diagnostics.First(d => d.IsError || KqlEmitter.NotBuiltCodes.Contains(d.Code));
                kql[Path.GetFullPath(rule.Rule.Path)] = (false, $"{problem.Code}: {problem.Message}");
                continue;
            }

            queries.Add(new KustoQuery(Path.GetFullPath(rule.Rule.Path), query.Text));
        }

        var analysis = analyze(tables, queries);
        foreach (var result in analysis.Results)
        {
            var error = result.Errors.FirstOrDefault();
            kql[result.Id] = (error is null, error is null ? null : $"{error.Code}: {error.Message}");
        }

        var runs = Run(compilation, events);
        var roundTrips = RoundTrips(imported, outDir, byFile, sourceFile, comparer);
        var rules = new List<RuleVerification>();
        for (var index = 0; index < imported.Count; index++)
        {
            var source = imported[index];
            var importReason = source.Diagnostics.FirstOrDefault(d => d.IsError) is { } importError ? importError.Code : null;
            var file = source.FileName is null || source.Status == ImportStatus.Failed ? null : Path.GetFullPath(Path.Combine(outDir, source.FileName));
            if (file is null || !byFile.TryGetValue(file, out var rule))
            {
                var bindError = file is null ? null : compilation?.Diagnostics.FirstOrDefault(d => d.IsError && Path.GetFullPath(d.Span.Path) == file);
                rules.Add(new RuleVerification(source.SourcePath, source.Status, importReason, false, bindError is null ? null : $"{bindError.Code}: {bindError.Message}", null, null, null, null, null, null, 0));
                continue;
            }

            var roundTrip = roundTrips.GetValueOrDefault(index);
            // The emitter's refusals count whether or not the analyzer runs; the analyzer's verdict only when it ran.
            (bool? Accepted, string? Reason) verdict = kql.TryGetValue(file, out var k) ? (k.Accepted, k.Reason) : analysis.IsAvailable ? (false, "not analysed") : (null, null);
            var (ran, csharpReason, alerts) = runs.TryGetValue(file, out var run) ? run : (false, "not built by the C# backend", 0);
            rules.Add(new RuleVerification(source.SourcePath, source.Status, importReason, true, null,
                roundTrip?.Same, roundTrip is { Same: false } ? roundTrip.Differences.FirstOrDefault() : null,
                verdict.Accepted, verdict.Reason, ran, csharpReason, alerts));
        }

        return new VerificationReport(format, comparer?.Target, rules, analysis.UnavailableReason, events.Count);
    }

    // The round trip of every bound rule in one call, so a comparer that starts a process (Kusto.Language) starts it
    // once; the result of imported[i] is at key i.
    private static Dictionary<int, RoundTripResult> RoundTrips(
        IReadOnlyList<ImportedRule> imported, string outDir, Dictionary<string, Compiler.Compilation.CompiledRule> byFile, Func<string, string> sourceFile, IRoundTripComparer? comparer)
    {
        var indexes = new List<int>();
        var cases = new List<RoundTripCase>();
        for (var i = 0; comparer is not null && i < imported.Count; i++)
        {
            var source = imported[i];
            if (source.Status != ImportStatus.Failed && source.FileName is not null && byFile.TryGetValue(Path.GetFullPath(Path.Combine(outDir, source.FileName)), out var rule))
            {
                var sourcePath = sourceFile(source.SourcePath);
                indexes.Add(i);
                cases.Add(new RoundTripCase(sourcePath, File.ReadAllText(sourcePath), rule));
            }
        }

        var results = cases.Count == 0 ? [] : comparer!.CompareAll(cases);
        return indexes.Zip(results).ToDictionary(p => p.First, p => p.Second);
    }

    // Every binding rule built by the C# backend and pushed the events; a rule the backend leaves out or that throws fails this step.
    private static Dictionary<string, (bool, string?, int)> Run(CompilationResult? compilation, IReadOnlyList<JsonElement> events)
    {
        var runs = new Dictionary<string, (bool, string?, int)>(StringComparer.Ordinal);
        if (compilation is null || compilation.Rules.IsEmpty)
        {
            return runs;
        }

        using var build = CSharpRuleBuild.From(compilation, p => p);
        foreach (var problem in build.Diagnostics.Where(d => d.IsError))
        {
            runs.TryAdd(Path.GetFullPath(problem.Span.Path), (false, $"{problem.Code}: {problem.Message}", 0));
        }

        foreach (var (source, runnable) in build.Pairs)
        {
            var file = Path.GetFullPath(source.Rule.Path);
            try
            {
                var rows = new RowCollector();
                var plan = runnable.Start(rows);
                foreach (var record in events)
                {
                    plan.Push(Row.FromEvent(record));
                }

                plan.Complete();
                runs[file] = (true, null, rows.Rows.Count);
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or InvalidCastException or NullReferenceException or KeyNotFoundException)
            {
                runs[file] = (false, $"{e.GetType().Name}: {e.Message}", 0);
            }
        }

        return runs;
    }
}
