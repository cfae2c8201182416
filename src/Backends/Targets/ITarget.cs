using RuleCompiler.Compiler.Compilation;
using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Backends.Targets;

/// <summary>
/// A build target: its name (as <c>rulec build --target</c> takes it), what it writes, what it can express, and the
/// writing itself. A target receives compiled rules (model plus bound tree) and nothing else.
/// </summary>
public interface ITarget
{
    string Name { get; }

    /// <summary>One line for help and logs: what lands in <c>dist/&lt;name&gt;/</c>.</summary>
    string Artifacts { get; }

    CapabilityTable Capabilities { get; }

    /// <summary>Checks the table cannot express (a construct used in a way this target cannot follow).</summary>
    IEnumerable<Diagnostic> CheckRule(CompiledRule rule);

    /// <summary>
    /// Writes the artifacts of the input's rules into <paramref name="folder"/> (an empty staging folder that
    /// replaces <c>dist/&lt;name&gt;/</c> only when every target succeeded) and returns its own diagnostics and how
    /// many rules it wrote.
    /// </summary>
    TargetOutput Write(TargetInput input, string folder);
}

/// <summary>
/// What a target's write did: its diagnostics, and how many of the input's rules it wrote (fewer when it leaves out,
/// with a warning, a rule it cannot run), so a build reports what each target really holds.
/// </summary>
public sealed record TargetOutput(IReadOnlyList<Diagnostic> Diagnostics, int RulesWritten);

/// <summary>What a target builds from: the rules that compiled and passed its checks, and the whole compilation.</summary>
/// <param name="DisplayPath">A source file's path as artifacts show it: relative to the repository, with '/'.</param>
public sealed record TargetInput(
    IReadOnlyList<CompiledRule> Rules,
    CompilationResult Compilation,
    Func<string, string> DisplayPath);
