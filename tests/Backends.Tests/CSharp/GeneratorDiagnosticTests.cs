using RuleCompiler.Backends.CSharp;
using RuleCompiler.Compiler.Language.Syntax;
using Xunit;
using static RuleCompiler.Backends.Tests.CSharp.Ast;

namespace RuleCompiler.Backends.Tests.CSharp;

/// <summary>Problems in a rule become RC30xx diagnostics on the rule's file, never exceptions or broken C#.</summary>
public class GeneratorDiagnosticTests
{
    private static string Single(Query query) =>
        Assert.Single(RuleHarness.Diagnostics(RuleHarness.Source("Bad", query), PipelineCases.Context)).ToString();

    [Fact]
    public void UnknownFunction() =>
        Assert.Equal("rules/test/Bad.yml(1,1): error RC3022: unknown function 'frobnicate'", Single(Query(Where(Call("frobnicate", F("a"))))));

    [Fact]
    public void WrongArity() =>
        Assert.Contains("RC3023: tolower() takes 1 argument(s), not 2", Single(Query(Where(Eq(Call("tolower", F("a"), F("b")), Str("x"))))));

    [Fact]
    public void InvalidRegex() =>
        Assert.Contains("RC3024", Single(Query(Where(Bin(BinaryOperator.MatchesRegex, F("a"), Str("(a"))))));

    [Fact]
    public void BackreferencesAreOutsideTheRe2Subset() =>
        Assert.Contains("RC3024", Single(Query(Where(Bin(BinaryOperator.MatchesRegex, F("a"), Str(@"(a)\1"))))));

    [Fact]
    public void UnknownList() =>
        Assert.Contains("RC3025: unknown list '@nope'", Single(Query(Where(InList(F("a"), InOperator.In, "nope")))));

    [Fact]
    public void UnknownFragment() =>
        Assert.Contains("RC3026: unknown fragment 'nope'", Single(Query(Invoke("nope"))));

    [Fact]
    public void AggregateOutsideSummarize() =>
        Assert.Contains("RC3029", Single(Query(Extend(As("n", Call("count"))))));

    [Fact]
    public void NonAggregateInSummarize() =>
        Assert.Contains("RC3029", Single(Query(Summarize([As("x", Call("tolower", F("a")))], As(null, F("b"))))));

    [Fact]
    public void BadJoinCondition() =>
        Assert.Contains("RC3028", Single(Query(Join(JoinKind.Inner, Pipe(), Bin(BinaryOperator.Less, Left("a"), Right("b"))))));

    [Fact]
    public void UnknownLetPipeline() =>
        Assert.Contains("RC3027", Single(Query([], PipeFrom("nothing", Take(1)))));

    [Fact]
    public void LetConstantCannotReadFields() =>
        Assert.Contains("RC3021", Single(Query([Let("x", F("eventName"))], Pipe(Where(Eq(F("x"), Str("a")))))));

    [Fact]
    public void ARuleWithErrorsProducesNoCodeButOthersDo()
    {
        var (rules, diagnostics) = CSharpGenerator.Generate(
            [RuleHarness.Source("Bad", Query(Where(Call("frobnicate")))), RuleHarness.Source("Good", Query(Take(1)))],
            CSharpEmitContext.Empty);
        Assert.Single(diagnostics);
        Assert.Equal("Good", Assert.Single(rules).Info.Name);
    }

    [Fact]
    public void CompileErrorsInGeneratedCodeAreDiagnosticsNotExceptions()
    {
        var broken = new GeneratedRule("Broken", "Broken.cs", "namespace RuleCompiler.Generated; public class Broken { int x = ; }", RuleHarness.Info("Broken"));
        var (set, errors) = RuleCompiler.Backends.CSharp.Compile.RuleAssemblyCompiler.Compile([broken]);
        Assert.Null(set);
        Assert.All(errors, e => Assert.Equal("RC3020", e.Code));
        Assert.StartsWith("rules/test/Broken.yml(1,1): error RC3020: the generated C# does not compile", errors[0].ToString());
    }
}
