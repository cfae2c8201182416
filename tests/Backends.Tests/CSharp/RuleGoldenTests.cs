using RuleCompiler.Backends.CSharp;
using RuleCompiler.Backends.Hosting;
using RuleCompiler.Backends.Tests.Sentinel;
using Xunit;

namespace RuleCompiler.Backends.Tests.CSharp;

/// <summary>
/// The C# of each rule in rules/ is compared with tests/Backends.Tests/Golden/CSharp/&lt;rule&gt;.cs, as the SPL and
/// KQL of the same rules are with theirs. Set RULEC_UPDATE_GOLDEN=1 to rewrite them after an intended change.
/// </summary>
public class RuleGoldenTests
{
    public static TheoryData<string> Rules => new(KqlRules.Names);

    [Theory]
    [MemberData(nameof(Rules))]
    public void EmittedCodeOfEachRepositoryRuleMatchesItsGoldenFile(string rule)
    {
        var compiled = KqlRules.Rule(rule);
        var code = Assert.Single(CSharpGenerator.Generate([RuleSources.From(compiled, RuleCompilerHost.DisplayPath(compiled.Rule.Path))])).Code;
        var path = Path.Combine(RepositoryPaths.Root, "tests", "Backends.Tests", "Golden", "CSharp", rule + ".cs");
        if (Environment.GetEnvironmentVariable("RULEC_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, code);
        }

        Assert.True(File.Exists(path), $"missing golden file {path} (run with RULEC_UPDATE_GOLDEN=1)");
        Assert.Equal(File.ReadAllText(path), code);
    }
}
