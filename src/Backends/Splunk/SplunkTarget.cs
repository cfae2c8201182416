using RuleCompiler.Backends.Splunk.App;
using RuleCompiler.Backends.Splunk.Emit;
using RuleCompiler.Backends.Targets;
using RuleCompiler.Compiler.Compilation;
using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Backends.Splunk;

/// <summary>The Splunk target: each rule's SPL, packaged as an ESCU-style Splunk app folder and its tarball.</summary>
public sealed class SplunkTarget : ITarget
{
    public string Name => "splunk";

    public string Artifacts => "an ESCU-style Splunk app (<App>/ and <App>-<version>.tar.gz) with one saved search per rule";

    public CapabilityTable Capabilities => SplunkCapabilities.Table;

    /// <summary>What the emitter itself finds: constructs SPL cannot follow in the way this rule uses them.</summary>
    public IEnumerable<Diagnostic> CheckRule(CompiledRule rule) => SplEmitter.Emit(rule).Diagnostics;

    public TargetOutput Write(TargetInput input, string folder)
    {
        // Drilldown searches are written in SPL in the rule (ESCU's form, with %original_detection_search%): passed as they are.
        var rules = input.Rules.Select(r => new SplunkRule(r.Rule, SplEmitter.Emit(r).Spl, [.. r.Rule.Drilldowns.Select(d => d.Search.Text)])).ToList();
        var sources = input.Rules.Select(r => r.DataSource).DistinctBy(d => d.Name);
        var app = SplunkApp.Create(rules, sources, input.Compilation.Repository.Lists) with
        {
            Tables = [.. input.Compilation.Repository.Tables.OrderBy(t => t.Name, StringComparer.Ordinal)],
        };
        // The staging folder is named after the target ("splunk"), which is the folder the app writer writes into.
        var output = SplunkAppWriter.Write(app, Path.GetDirectoryName(Path.GetFullPath(folder))!);
        return new TargetOutput(output.Diagnostics, output.AppFolder is null ? 0 : rules.Count);
    }
}
