using RuleCompiler.Backends.Splunk.Emit;
using Xunit;

namespace RuleCompiler.Backends.Tests.Splunk;

/// <summary>
/// The SPL of each rule in rules/ is compared with tests/Backends.Tests/Golden/Splunk/&lt;rule&gt;.spl. Set
/// RULEC_UPDATE_GOLDEN=1 to rewrite them after an intended change (and review the diff).
/// </summary>
public class SplGoldenTests
{
    public static TheoryData<string> Rules => [.. CompiledRules.All.Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Rules))]
    public void EmittedSplMatchesGoldenFile(string rule)
    {
        var result = SplEmitter.Emit(CompiledRules.Named(rule));
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        SplGolden.Matches(result.Spl + "\n", "Splunk", rule + ".spl");
    }

    [Fact]
    public void EverySearchStartsWithTheSourceMacroAndEndsWithTheRuleFilterMacro()
    {
        foreach (var (name, rule) in CompiledRules.All)
        {
            var spl = SplEmitter.Emit(rule).Spl;
            Assert.StartsWith(rule.DataSource.Splunk.BaseSearch, spl, StringComparison.Ordinal);
            Assert.EndsWith($"| `{name}_filter`", spl, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheSentinelSeedRuleCompilesToSpl()
    {
        // Seed 004 (a Sentinel analytic rule) is rules/aws/ecr/amazon_ecr_image_scanning_disabled.yml.
        var result = SplEmitter.Emit(CompiledRules.Named("amazon_ecr_image_scanning_disabled"));
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.Contains("eventName=CASE(PutImageScanningConfiguration)", result.Spl, StringComparison.Ordinal);
        Assert.Contains("| search scanOnPush=false", result.Spl, StringComparison.Ordinal);
        Assert.Contains("| dedup TimeGenerated EventName", result.Spl, StringComparison.Ordinal);
    }

    [Fact]
    public void EmissionIsDeterministic()
    {
        foreach (var rule in CompiledRules.All.Values)
        {
            Assert.Equal(SplEmitter.Emit(rule).Spl, SplEmitter.Emit(rule).Spl);
        }
    }
}
