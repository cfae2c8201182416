using System.Text.Json;
using RuleCompiler.Backends.CSharp;
using RuleCompiler.Backends.CSharp.RuleSet;
using RuleCompiler.Backends.Tests.CSharp;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Runtime.Rules;
using Xunit;

namespace RuleCompiler.Backends.Tests.RuleSet;

/// <summary>Compiles searches as a rule set and runs it with and without the index, recording everything it says.</summary>
internal static class RuleSetHarness
{
    public static CSharpRuleSource Source(string name, string search, TestRepository? repository = null)
    {
        var parsed = QueryParser.Parse(search);
        Assert.True(parsed.Query is not null, $"{search} does not parse: {string.Join("; ", parsed.Diagnostics)}");
        return RuleHarness.Source(name, parsed.Query!, repository);
    }

    /// <summary>The rules of a compiled set with their keys, in the order of <paramref name="sources"/>.</summary>
    public static List<IndexedRule> Indexed(IReadOnlyList<CSharpRuleSource> sources, RuleCompiler.Backends.CSharp.Compile.CompiledRuleSet set)
    {
        var byId = set.Rules.ToDictionary(r => r.Info.Id, StringComparer.Ordinal);
        return [.. sources.Select(s => FilterKeyAnalysis.Analyse(s.Query, byId[s.Info.Id]))];
    }

    public static IndexedRule Analyse(string search, TestRepository? repository = null)
    {
        var source = Source("Analysed", search, repository);
        return FilterKeyAnalysis.Analyse(source.Query, new NoRule());
    }

    /// <summary>Alerts (rule and row) and failures, in the order the runner produced them.</summary>
    public static List<string> Run(IReadOnlyList<IndexedRule> rules, IEnumerable<string> events, bool indexed)
    {
        var said = new List<string>();
        var runner = indexed
            ? new RuleSetRunner(rules, r => new RowCallback(row => said.Add(r.Info.Name + ": " + RuleHarness.Text(row))), f => said.Add(f.ToString()))
            : new RuleSetRunner(rules.Select(r => r.Rule), r => new RowCallback(row => said.Add(r.Info.Name + ": " + RuleHarness.Text(row))), f => said.Add(f.ToString()));
        var line = 0;
        foreach (var e in events)
        {
            using var document = JsonDocument.Parse(e);
            runner.Process(document.RootElement, "events", ++line);
        }

        runner.Complete();
        return said;
    }

    /// <summary>Stands in for a compiled rule where only the analysis is looked at.</summary>
    private sealed class NoRule : CompiledRule
    {
        public override RuleInfo Info => RuleHarness.Info("Analysed");

        public override void Build(RulePlan plan, RuleCompiler.Runtime.Operators.IRowSink output) => throw new NotSupportedException();
    }
}
