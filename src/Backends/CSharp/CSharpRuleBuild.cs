using RuleCompiler.Backends.CSharp.Compile;
using RuleCompiler.Compiler.Compilation;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Runtime.Geo;

namespace RuleCompiler.Backends.CSharp;

/// <summary>
/// From the compiler's result to loaded, runnable rules: generate C# for every rule that bound, compile it
/// (<see cref="RuleAssemblyCompiler"/>), load it. <see cref="Pairs"/> pairs each runnable rule with the compiler's rule
/// (its tests, data source). Dispose to unload the generated assembly.
/// </summary>
public sealed class CSharpRuleBuild : IDisposable
{
    private readonly CompiledRuleSet? _set;

    private CSharpRuleBuild(CompiledRuleSet? set, IReadOnlyList<(CompiledRule Source, Runtime.Rules.CompiledRule Runnable)> pairs, IReadOnlyList<Diagnostic> diagnostics, GeoIpDatabase? geoIp)
    {
        _set = set;
        Pairs = pairs;
        Diagnostics = diagnostics;
        GeoIp = geoIp;
    }

    /// <summary>The repository's geo-IP database when a rule reads it (<see cref="GeoIpFiles"/>); run the rules under <c>Runtime.Geo.GeoIp.Use</c> of it.</summary>
    public GeoIpDatabase? GeoIp { get; }

    public IReadOnlyList<(CompiledRule Source, Runtime.Rules.CompiledRule Runnable)> Pairs { get; }

    /// <summary>Diagnostics of code generation and of compiling the generated code (RC30xx), and of the geo-IP database (RC1332-RC1334).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public IEnumerable<Runtime.Rules.CompiledRule> Rules => Pairs.Select(p => p.Runnable);

    /// <summary>The rules with their filter keys and streaming flag, for the rule-set evaluator; in rule order.</summary>
    public IReadOnlyList<Runtime.Rules.IndexedRule> IndexedRules =>
        _indexed ??= [.. Pairs.Select(p => RuleSet.FilterKeyAnalysis.Analyse(p.Source.Query, p.Runnable))];

    private IReadOnlyList<Runtime.Rules.IndexedRule>? _indexed;

    /// <param name="result">The compiler's result; rules with errors are not in it.</param>
    /// <param name="displayPath">How rule files are named in generated code (repository-relative).</param>
    /// <param name="cache">Compiled assemblies kept between runs, or null to compile everything.</param>
    public static CSharpRuleBuild From(CompilationResult result, Func<string, string> displayPath, CompiledRuleCache? cache = null)
    {
        // A rule the C# target cannot run is reported and left out; the others still run. Rules that share an id
        // (RC1301, already reported) cannot be told apart once compiled, nor given distinct classes: none of them runs.
        var all = new List<Diagnostic>();
        var runnable = new List<CompiledRule>();
        var sharedIds = result.Rules.GroupBy(r => r.Rule.Id.Value, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var rule in result.Rules.Where(r => !sharedIds.Contains(r.Rule.Id.Value)))
        {
            var problems = Targets.CapabilityPass.Check(CSharpCapabilities.Table, rule.Query).Concat(new CSharpTarget().CheckRule(rule)).ToList();
            all.AddRange(problems);
            if (!problems.Any(d => d.IsError))
            {
                runnable.Add(rule);
            }
        }

        var (geoIp, geoDiagnostics) = GeoIpFiles.Load(runnable);
        all.AddRange(geoDiagnostics);
        var sources = runnable.Select(r => (Rule: r, Source: RuleSources.From(r, displayPath(r.Rule.Path)))).ToList();
        var generated = CSharpGenerator.Generate(sources.Select(s => s.Source));
        if (generated.Count == 0)
        {
            return new CSharpRuleBuild(null, [], all, null);
        }

        var (set, errors) = RuleAssemblyCompiler.Compile(generated, cache);
        all.AddRange(errors);
        if (set is null)
        {
            return new CSharpRuleBuild(null, [], all, null);
        }

        // Generated rules keep the order of their sources; match them by rule id.
        var byId = sources.GroupBy(s => s.Source.Info.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Rule, StringComparer.Ordinal);
        var pairs = set.Rules.Select(r => (byId[r.Info.Id], r)).ToList();
        return new CSharpRuleBuild(set, pairs, all, geoIp);
    }

    public void Dispose() => _set?.Dispose();
}
