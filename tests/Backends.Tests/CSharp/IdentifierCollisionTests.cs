using RuleCompiler.Backends.CSharp;
using RuleCompiler.Backends.CSharp.Compile;
using Xunit;
using static RuleCompiler.Backends.Tests.CSharp.Ast;

namespace RuleCompiler.Backends.Tests.CSharp;

/// <summary>
/// Issue 13, finding 2: rule names that equal the runtime's or the generated class's own names, and names that differ
/// only in case, still give C# that compiles, with distinct class and file names that do not depend on the path.
/// </summary>
public class IdentifierCollisionTests
{
    private static readonly string[] Names =
    [
        "Time", "Rule", "Info", "Build", "Matches", "Set", "Regex 1", "Value", "Ops", "Row", "Fn", "Aggregate",
        "Compiled Rule", "Rule Info", "All Rules", "fOO Bar", "FOO Bar", "Foo bar",
    ];

    [Fact]
    public void NamesThatShadowGeneratedOrRuntimeNamesCompileTogether()
    {
        var sources = Names.Select(name => RuleHarness.Source(name, Query(Where(Eq(F("eventName"), Str(name))), Extend(As("Time", Str("t")), As("Rule", Long(1)))))).ToList();
        var generated = CSharpGenerator.Generate(sources);
        Assert.Equal(generated.Count, generated.Select(g => g.FileName.ToUpperInvariant()).Distinct().Count());
        var (set, errors) = RuleAssemblyCompiler.Compile(generated);
        using (set)
        {
            Assert.Empty(errors);
            Assert.Equal(Names, set!.Rules.Select(r => r.Info.Name));
        }
    }

    [Fact]
    public void ClassNamesFollowTheRuleIdNotTheFile()
    {
        var info = RuleHarness.Info("Moved Rule");
        Assert.Equal(CSharpGenerator.ClassName(info), CSharpGenerator.ClassName(info with { SourcePath = "rules/elsewhere/moved_rule.yml" }));
        Assert.NotEqual(CSharpGenerator.ClassName(info), CSharpGenerator.ClassName(info with { Id = "00000000-0000-0000-0000-0000000000ff" }));
    }
}
