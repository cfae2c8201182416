using System.Text.Json;
using RuleCompiler.Backends.CSharp;
using RuleCompiler.Backends.CSharp.Compile;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Language.Syntax;
using RuleCompiler.Runtime.Rows;
using RuleCompiler.Runtime.Rules;
using Xunit;

namespace RuleCompiler.Backends.Tests.CSharp;

/// <summary>Generates, compiles and runs hand-built rules on JSON events.</summary>
internal static class RuleHarness
{
    public static RuleInfo Info(string name) => new("00000000-0000-0000-0000-000000000001", name, "medium", 25, $"rules/test/{name}.yml", []);

    public static CSharpRuleSource Source(string name, Query query) => new(Info(name), query, Ast.CloudTrail);

    public static string Generate(CSharpRuleSource rule, CSharpEmitContext? context = null)
    {
        var (rules, diagnostics) = CSharpGenerator.Generate([rule], context ?? CSharpEmitContext.Empty);
        Assert.Empty(diagnostics);
        return Assert.Single(rules).Code;
    }

    public static IReadOnlyList<Diagnostic> Diagnostics(CSharpRuleSource rule, CSharpEmitContext? context = null) =>
        CSharpGenerator.Generate([rule], context ?? CSharpEmitContext.Empty).Diagnostics;

    public static CompiledRuleSet Compile(IEnumerable<CSharpRuleSource> rules, CSharpEmitContext? context = null)
    {
        var (generated, diagnostics) = CSharpGenerator.Generate(rules, context ?? CSharpEmitContext.Empty);
        Assert.Empty(diagnostics);
        var (set, errors) = RuleAssemblyCompiler.Compile(generated);
        Assert.True(errors.Count == 0, string.Join("\n", errors) + "\n" + string.Join("\n", generated.Select(g => g.Code)));
        return set!;
    }

    /// <summary>Runs one compiled rule on events and returns its output rows.</summary>
    public static List<Row> Run(CompiledRule rule, params string[] events)
    {
        var output = new RowCollector();
        var plan = rule.Start(output);
        foreach (var e in events)
        {
            using var document = JsonDocument.Parse(e);
            plan.Push(Row.FromEvent(document.RootElement));
        }

        plan.Complete();
        return output.Rows;
    }

    public static List<Row> Run(Query query, params string[] events)
    {
        using var set = Compile([Source("Test Rule", query)]);
        return Run(set.Rules[0], events);
    }

    public static string Text(Row row) => string.Join(", ", row.Fields().Select(f => $"{f.Key}={f.Value.ToText()}"));
}
