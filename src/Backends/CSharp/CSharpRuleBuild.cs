using RuleCompiler.Backends.CSharp.Compile;
using RuleCompiler.Compiler.Compilation;
using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Backends.CSharp;

/// <summary>
/// From the compiler's result to loaded, runnable rules: generate C# for every rule that bound, compile it all in
/// one Roslyn compilation, load it. <see cref="Pairs"/> pairs each runnable rule with the compiler's rule
/// (its tests, data source). Dispose to unload the generated assembly.
/// </summary>
public sealed class CSharpRuleBuild : IDisposable
{
    private readonly CompiledRuleSet? _set;

    private CSharpRuleBuild(CompiledRuleSet? set, IReadOnlyList<(CompiledRule Source, Runtime.Rules.CompiledRule Runnable)> pairs, IReadOnlyList<Diagnostic> diagnostics)
    {
        _set = set;
        Pairs = pairs;
        Diagnostics = diagnostics;
    }

    public IReadOnlyList<(CompiledRule Source, Runtime.Rules.CompiledRule Runnable)> Pairs { get; }

    /// <summary>Diagnostics of code generation and of compiling the generated code (RC30xx).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public IEnumerable<Runtime.Rules.CompiledRule> Rules => Pairs.Select(p => p.Runnable);

    public static CSharpRuleBuild From(CompilationResult result)
    {
        var sources = result.Rules.Select(r => (Rule: r, Source: RuleSources.From(r))).ToList();
        var (generated, diagnostics) = CSharpGenerator.Generate(sources.Select(s => s.Source), RuleSources.ContextFor(result));
        var all = diagnostics.ToList();
        if (generated.Count == 0)
        {
            return new CSharpRuleBuild(null, [], all);
        }

        var (set, errors) = RuleAssemblyCompiler.Compile(generated);
        all.AddRange(errors);
        if (set is null)
        {
            return new CSharpRuleBuild(null, [], all);
        }

        // Generated rules keep the order of their sources; match them by the file they came from.
        var byPath = sources.GroupBy(s => s.Rule.Rule.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Rule, StringComparer.Ordinal);
        var pairs = set.Rules.Select(r => (byPath[r.Info.SourcePath], r)).ToList();
        return new CSharpRuleBuild(set, pairs, all);
    }

    public void Dispose() => _set?.Dispose();
}
