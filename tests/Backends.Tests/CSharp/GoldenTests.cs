using Xunit;

namespace RuleCompiler.Backends.Tests.CSharp;

/// <summary>
/// The emitted C# of each hand-built case is compared with tests/Backends.Tests/Golden/&lt;case&gt;.cs.
/// Set RULEC_UPDATE_GOLDEN=1 to rewrite them after an intended change (and review the diff).
/// </summary>
public class GoldenTests
{
    public static TheoryData<string> Cases => new(PipelineCases.Cases.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Cases))]
    public void EmittedCodeMatchesGoldenFile(string name)
    {
        var code = RuleHarness.Generate(RuleHarness.Source(name, PipelineCases.Cases[name], PipelineCases.Context));
        var path = Path.Combine(RepositoryPaths.Root, "tests", "Backends.Tests", "Golden", name + ".cs");
        if (Environment.GetEnvironmentVariable("RULEC_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, code);
        }

        Assert.True(File.Exists(path), $"missing golden file {path} (run with RULEC_UPDATE_GOLDEN=1)");
        Assert.Equal(File.ReadAllText(path), code);
    }

    [Fact]
    public void GenerationIsDeterministic()
    {
        foreach (var (name, query) in PipelineCases.Cases)
        {
            var first = RuleHarness.Generate(RuleHarness.Source(name, query, PipelineCases.Context));
            var second = RuleHarness.Generate(RuleHarness.Source(name, query, PipelineCases.Context));
            Assert.Equal(first, second);
        }
    }
}
