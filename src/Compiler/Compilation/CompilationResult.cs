using System.Collections.Immutable;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Loading;

namespace RuleCompiler.Compiler.Compilation;

/// <summary>
/// The repository as loaded, the rules that compiled, and every diagnostic of loading, parsing, binding and the
/// output-column checks, sorted by place.
/// </summary>
public sealed record CompilationResult(
    RepositoryLoadResult Repository,
    ImmutableArray<CompiledRule> Rules,
    ImmutableArray<Diagnostic> Diagnostics)
{
    public int ErrorCount => Diagnostics.Count(d => d.IsError);

    public int WarningCount => Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
}
