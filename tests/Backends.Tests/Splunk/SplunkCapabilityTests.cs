using RuleCompiler.Backends.Splunk;
using RuleCompiler.Backends.Splunk.Emit;
using RuleCompiler.Backends.Targets;
using RuleCompiler.Compiler.Language.Syntax;
using Xunit;

namespace RuleCompiler.Backends.Tests.Splunk;

/// <summary>The Splunk capability table says something about every construct of the language, and nothing else.</summary>
public class SplunkCapabilityTests
{
    private static readonly CapabilityTable Table = SplunkCapabilities.Table;

    [Fact]
    public void CoversEveryStage() =>
        Assert.Equal(Enum.GetValues<StageKind>().Order(), Table.Stages.Keys.Order());

    [Fact]
    public void CoversEveryOperator() =>
        Assert.Equal(OperatorSpellings.All.Order(StringComparer.Ordinal), Table.Operators.Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void CoversEveryCatalogueFunction() =>
        Assert.Equal(CapabilityTable.RequiredFunctions.Order(StringComparer.Ordinal), Table.Functions.Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void RefusalsAreErrorsAndDifferencesWarningsWithSplunkCodes()
    {
        var all = Table.Stages.Values.Concat(Table.Operators.Values).Concat(Table.Functions.Values).ToList();
        Assert.All(all.OfType<Unsupported>(), u =>
        {
            Assert.Equal(Compiler.Diagnostics.DiagnosticSeverity.Error, u.Severity);
            Assert.StartsWith("RC40", u.Code, StringComparison.Ordinal);
        });
        Assert.All(all.OfType<Approximate>(), a => Assert.Equal(SplDiagnostics.Differs, a.Code));
        // union is append with its subsearch caps named (SplUnionTests).
        Assert.IsType<Approximate>(Table.Stages[StageKind.Union]);

        // join has one SPL form, eventstats' shape; the emitter refuses every other join (SplDiagnosticTests).
        Assert.IsType<Supported>(Table.Stages[StageKind.Join]);
    }

    [Fact]
    public void TheSplunkTargetIsRegistered() =>
        Assert.IsType<SplunkTarget>(TargetRegistry.Find("splunk"));
}
