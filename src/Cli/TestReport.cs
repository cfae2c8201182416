using RuleCompiler.Backends.CSharp.Testing;
using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Cli;

/// <summary>Every test of a <c>rulec test</c> run, the rule files that could not be read, and the diagnostics printed.</summary>
public sealed record TestReport(IReadOnlyList<RuleTestResult> Outcomes, int Unreadable, IReadOnlyList<Diagnostic> Diagnostics)
{
    public int Passed => Outcomes.Count(o => o.Passed);

    public int Failed => Outcomes.Count(o => !o.Passed);

    /// <summary><c>N passed, N failed</c>, naming the rules that were not tested at all.</summary>
    public string Summary => $"{Passed} passed, {Failed} failed" + Unreadable switch
    {
        0 => "",
        1 => ", 1 rule not tested (it has errors)",
        _ => $", {Unreadable} rules not tested (they have errors)",
    };
}
