using System.CommandLine;
using RuleCompiler.Backends.CSharp.Compile;
using RuleCompiler.Compiler.Loading;

namespace RuleCompiler.Cli;

/// <summary>
/// <c>--cache-dir DIR</c> (or <c>RULEC_CACHE_DIR</c>) of <c>rulec test</c> and <c>rulec run</c>: keep the rules'
/// compiled assemblies there between runs (<see cref="CompiledRuleCache"/>). Off unless given. The folder may not lie
/// inside a rules repository that is read: rulec runs what it loads from the cache, and a pull request can write
/// anything into the repository.
/// </summary>
public static class CompileCacheOption
{
    public const string EnvironmentVariable = "RULEC_CACHE_DIR";

    public static Option<string?> Create() => new("--cache-dir")
    {
        Description = $"Keep compiled rules in this folder between runs (default: ${EnvironmentVariable}; off when neither is set). Must be outside the repository.",
    };

    /// <summary>The cache to use, or null; a folder inside a repository of <paramref name="rulePaths"/> is RC1910.</summary>
    public static bool TryResolve(CliContext context, string? option, IEnumerable<string> rulePaths, DiagnosticPrinter printer, out CompiledRuleCache? cache)
    {
        cache = null;
        var folder = option ?? context.EnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(folder))
        {
            return true;
        }

        var full = context.Resolve(folder);
        foreach (var path in rulePaths.Select(context.Resolve).Where(p => File.Exists(p) || Directory.Exists(p)))
        {
            var boundary = RepositoryFiles.BoundaryOf(path);
            if (RepositoryFiles.IsInside(full, boundary) || RepositoryFiles.IsInside(boundary, full))
            {
                printer.UsageError(
                    CliDiagnosticCodes.CacheInsideRepository,
                    $"the compiled-rule cache {context.Display(full)} overlaps the repository {context.Display(boundary)}: a pull request could place code there that rulec would run; choose a folder outside it");
                return false;
            }
        }

        cache = new CompiledRuleCache(full);
        return true;
    }
}
