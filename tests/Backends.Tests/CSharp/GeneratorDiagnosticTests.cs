using RuleCompiler.Backends.CSharp;
using RuleCompiler.Backends.CSharp.Compile;
using RuleCompiler.Backends.Targets;
using RuleCompiler.Compiler.Compilation;
using RuleCompiler.Compiler.Language.Syntax;
using Xunit;
using static RuleCompiler.Backends.Tests.CSharp.Ast;

namespace RuleCompiler.Backends.Tests.CSharp;

/// <summary>
/// What the binder accepts the C# backend builds; the rare problems of its own are diagnostics on the rule's file,
/// and a rule whose generated code fails to compile fails alone.
/// </summary>
public class GeneratorDiagnosticTests
{
    [Fact]
    public void CompileErrorsInGeneratedCodeAreDiagnosticsNotExceptions()
    {
        var broken = new GeneratedRule("Broken", "Broken.cs", "namespace RuleCompiler.Generated; public class Broken { int x = ; }", RuleHarness.Info("Broken"));
        var (set, errors) = RuleAssemblyCompiler.Compile([broken]);
        Assert.Null(set);
        Assert.All(errors, e => Assert.Equal("RC3020", e.Code));
        Assert.StartsWith("rules/test/Broken.yml(1,1): error RC3020: the generated C# does not compile", errors[0].ToString());
    }

    [Fact]
    public void ARuleWhoseCodeDoesNotCompileFailsAlone()
    {
        var good = CSharpGenerator.Generate([RuleHarness.Source("Good", Query(Take(1)))]);
        var broken = new GeneratedRule("Broken", "Broken.cs", "namespace RuleCompiler.Generated; public class Broken { int x = ; }", RuleHarness.Info("Broken"));
        var (set, errors) = RuleAssemblyCompiler.Compile([.. good, broken]);
        using (set)
        {
            Assert.NotEmpty(errors);
            Assert.All(errors, e => Assert.Equal("rules/test/Broken.yml", e.Span.Path));
            Assert.Equal("Good", Assert.Single(set!.Rules).Info.Name);
        }
    }

    [Fact]
    public void RulesCompileInBatchesAndComeBackInOrderWithABrokenRuleFailingAloneInItsBatch()
    {
        var count = RuleAssemblyCompiler.BatchSize + 10;
        var good = CSharpGenerator.Generate(Enumerable.Range(0, count).Select(i => RuleHarness.Source($"Good {i:D3}", Query(Take(i + 1)))));
        var broken = new GeneratedRule("Broken", "Broken.cs", "namespace RuleCompiler.Generated; public class Broken { int x = ; }", RuleHarness.Info("Broken"));
        var (set, errors) = RuleAssemblyCompiler.Compile([.. good.Take(RuleAssemblyCompiler.BatchSize + 5), broken, .. good.Skip(RuleAssemblyCompiler.BatchSize + 5)]);
        using (set)
        {
            Assert.All(errors, e => Assert.Equal("rules/test/Broken.yml", e.Span.Path));
            Assert.Equal(Enumerable.Range(0, count).Select(i => $"Good {i:D3}"), set!.Rules.Select(r => r.Info.Name));
            Assert.Equal(2, set.Rules.Select(r => r.GetType().Assembly).Distinct().Count());
        }
    }

    [Fact]
    public void ListLimitMustBeALiteral()
    {
        var rule = RuleHarness.Source("Limit", Query(
            [Let("n", Long(5))],
            Pipe(Summarize([As("names", Call("make_set", F("eventName"), F("n")))]))));
        var diagnostic = Assert.Single(new CSharpTarget().CheckRule(new CompiledRule(null!, rule.DataSource, rule.Query)));
        Assert.Equal(CSharpDiagnostics.Unsupported, diagnostic.Code);
    }

    [Fact]
    public void TheCSharpTargetRunsEveryConstruct()
    {
        Assert.All(CSharpCapabilities.Table.Stages.Values, c => Assert.IsType<Supported>(c));
        Assert.All(CSharpCapabilities.Table.Operators.Values, c => Assert.IsType<Supported>(c));
        Assert.All(CSharpCapabilities.Table.Functions.Values, c => Assert.IsType<Supported>(c));
    }
}
