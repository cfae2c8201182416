using System.Collections.Immutable;
using System.Text;
using RuleCompiler.Backends.Sentinel.Analysis;
using RuleCompiler.Backends.Sentinel.Emit;
using RuleCompiler.Backends.Targets;
using RuleCompiler.Compiler.Compilation;
using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Backends.Sentinel;

/// <summary>
/// The Sentinel target: each rule's KQL (checked by Microsoft's analyzer when node and its package are installed),
/// then the analytic-rule YAML, ARM templates and Bicep modules of <see cref="SentinelArtifactWriter"/>. A rule
/// Sentinel cannot run gets a "not built" warning (RC41xx) and is left out; an analyzer error fails the build.
/// </summary>
public sealed class SentinelTarget : ITarget
{
    /// <summary>Runs the analyzer over a batch; the rules' folders are where to look for tools/kql-check.</summary>
    internal delegate KustoAnalysis AnalyzeBatch(IReadOnlyList<string> ruleFolders, ImmutableArray<KustoTable> tables, IReadOnlyList<KustoQuery> queries);

    private readonly AnalyzeBatch _analyze;

    public SentinelTarget()
        : this(RunKustoAnalyzer)
    {
    }

    /// <summary>With another analyzer (tests: an unavailable one, one that reports errors).</summary>
    internal SentinelTarget(AnalyzeBatch analyze) => _analyze = analyze;

    public string Name => "sentinel";

    public string Artifacts => "KQL analytic rules: Azure-Sentinel YAML, ARM templates (one per rule and azuredeploy.json) and Bicep modules";

    public CapabilityTable Capabilities => SentinelCapabilities.Table;

    /// <summary>The emitter's findings against the tables the rule's own data source declares.</summary>
    public IEnumerable<Diagnostic> CheckRule(CompiledRule rule) => Emit(rule, KustoTable.FromDataSources([rule.DataSource])).Diagnostics;

    public TargetOutput Write(TargetInput input, string folder)
    {
        var tables = KustoTable.FromDataSources(input.Compilation.Repository.DataSources);
        var diagnostics = new List<Diagnostic>();
        var built = new List<(CompiledRule Rule, KqlQuery Query)>();
        foreach (var rule in input.Rules)
        {
            var query = Emit(rule, tables);
            // With every data source's tables known, a rule may show more than CheckRule saw; report only that.
            diagnostics.AddRange(query.Diagnostics.Except(CheckRule(rule)));
            if (query.Portable)
            {
                built.Add((rule, query));
            }
        }

        diagnostics.AddRange(Analyze(built, tables));
        if (diagnostics.Any(d => d.IsError))
        {
            return new TargetOutput(diagnostics, 0);
        }

        var artifacts = SentinelArtifactWriter.Render([.. built.Select(b => new SentinelRuleInput(b.Rule.Rule, b.Rule.DataSource, b.Query.Text, b.Query.OutputColumns))]);
        diagnostics.AddRange(artifacts.Diagnostics);
        foreach (var file in artifacts.Files)
        {
            // The host's staging folder is dist/sentinel itself.
            var relative = file.RelativePath.StartsWith(SentinelArtifactWriter.Folder + "/", StringComparison.Ordinal)
                ? file.RelativePath[(SentinelArtifactWriter.Folder.Length + 1)..]
                : file.RelativePath;
            var path = Path.Combine(folder, relative.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Text, new UTF8Encoding(false));
        }

        return new TargetOutput(diagnostics, built.Count);
    }

    private static KqlQuery Emit(CompiledRule rule, IReadOnlyList<KustoTable> tables) => KqlEmitter.Emit(rule.Query, rule.Rule, tables);

    /// <summary>
    /// Runs Kusto.Language over every query in one batch. Its errors are errors on the rule's search; when it cannot
    /// run, one warning says why and the build goes on.
    /// </summary>
    private IEnumerable<Diagnostic> Analyze(IReadOnlyList<(CompiledRule Rule, KqlQuery Query)> built, ImmutableArray<KustoTable> tables)
    {
        if (built.Count == 0)
        {
            yield break;
        }

        var folders = built.Select(b => Path.GetDirectoryName(Path.GetFullPath(b.Rule.Rule.Path))!).ToList();
        var analysis = _analyze(folders, tables, [.. built.Select((b, i) => new KustoQuery(i.ToString(System.Globalization.CultureInfo.InvariantCulture), b.Query.Text))]);
        if (!analysis.IsAvailable)
        {
            yield return Diagnostic.Warning(KqlDiagnostics.AnalyzerUnavailable,
                $"the KQL was not checked by Microsoft's analyzer: {analysis.UnavailableReason}", SourceSpan.File(built[0].Rule.Rule.Path));
            yield break;
        }

        foreach (var (result, (rule, _)) in analysis.Results.Zip(built))
        {
            foreach (var error in result.Errors)
            {
                yield return Diagnostic.Error(KqlDiagnostics.AnalyzerError,
                    $"the emitted KQL has an error at its line {error.Line}, column {error.Column}: {error.Message} ({error.Code})", rule.Rule.Search.Span);
            }
        }
    }

    /// <summary>The analyzer of the repository that holds the rules (or rulec itself), found by its tools/kql-check.</summary>
    private static KustoAnalysis RunKustoAnalyzer(IReadOnlyList<string> ruleFolders, ImmutableArray<KustoTable> tables, IReadOnlyList<KustoQuery> queries)
    {
        var root = ruleFolders.Select(KustoAnalyzer.FindRepositoryRoot).FirstOrDefault(r => r is not null)
            ?? KustoAnalyzer.FindRepositoryRoot(AppContext.BaseDirectory);
        return root is null
            ? KustoAnalysis.Unavailable($"{KustoAnalyzer.ToolFolder}/analyze.js was not found above the rules or rulec")
            : KustoAnalyzer.Locate(root).Analyze(tables, queries);
    }
}
