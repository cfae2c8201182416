using RuleCompiler.Backends.CSharp.Compile;
using RuleCompiler.Runtime.Rules;
using Xunit;

namespace RuleCompiler.Backends.Tests.CSharp;

/// <summary>Compiles every case of <see cref="PipelineCases"/> in one Roslyn compilation, once per test run.</summary>
public sealed class PipelineFixture : IDisposable
{
    private readonly CompiledRuleSet _set;

    public PipelineFixture()
    {
        _set = RuleHarness.Compile(PipelineCases.Cases.Select(c => RuleHarness.Source(c.Key, c.Value, PipelineCases.Context)));
    }

    public CompiledRule this[string name] => _set.Rules.Single(r => r.Info.Name == name);

    public void Dispose() => _set.Dispose();
}
