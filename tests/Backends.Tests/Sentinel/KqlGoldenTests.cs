using Xunit;

namespace RuleCompiler.Backends.Tests.Sentinel;

/// <summary>
/// The KQL of each rule in rules/ is compared with tests/Backends.Tests/Golden/Kql/&lt;rule&gt;.kql (the emitted
/// diagnostics follow the query as // comments). Set RULEC_UPDATE_GOLDEN=1 to rewrite them after an intended change.
/// </summary>
public class KqlGoldenTests
{
    public static TheoryData<string> Rules => new(KqlRules.Names);

    [Theory]
    [MemberData(nameof(Rules))]
    public void EmittedKqlMatchesGoldenFile(string rule)
    {
        var query = KqlRules.Emit(rule);
        var text = query.Text + string.Concat(query.Diagnostics.Select(d => $"// {d.Span.Line},{d.Span.Column}: {d.Code}: {d.Message}\n"));
        var path = Path.Combine(RepositoryPaths.Root, "tests", "Backends.Tests", "Golden", "Kql", rule + ".kql");
        if (Environment.GetEnvironmentVariable("RULEC_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, text);
        }

        Assert.True(File.Exists(path), $"missing golden file {path} (run with RULEC_UPDATE_GOLDEN=1)");
        Assert.Equal(File.ReadAllText(path), text);
    }

    [Fact]
    public void EmissionIsDeterministic()
    {
        foreach (var rule in KqlRules.Names)
        {
            var (first, second) = (KqlRules.Emit(rule), KqlRules.Emit(rule));
            Assert.Equal(first.Text, second.Text);
            Assert.Equal(first.OutputColumns.ToArray(), second.OutputColumns.ToArray());
            Assert.Equal(first.Diagnostics.ToArray(), second.Diagnostics.ToArray());
        }
    }
}
