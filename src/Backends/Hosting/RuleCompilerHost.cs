using RuleCompiler.Backends.Targets;
using RuleCompiler.Compiler.Catalogues;
using RuleCompiler.Compiler.Compilation;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Loading;

namespace RuleCompiler.Backends.Hosting;

/// <summary>
/// The one entry point every command uses (and an editor could): load the rules, compile them, check them for a
/// target and write its artifacts. Commands only parse options and print.
/// </summary>
public static class RuleCompilerHost
{
    /// <summary>Loads the given rule files and folders (they must exist) and compiles them.</summary>
    public static CompilationResult Compile(IReadOnlyList<string> paths, AttackCatalogue? attack = null) =>
        RuleSetCompiler.Compile(RuleRepository.Load(paths, attack ?? AttackCatalogue.Default));

    /// <summary>
    /// A file's path as artifacts show it: relative to the folder that holds the rules repository (so
    /// <c>rules/aws/ecr/x.yml</c> from any checkout), with '/' separators.
    /// </summary>
    public static string DisplayPath(string file)
    {
        var full = Path.GetFullPath(file);
        var root = RuleRepository.FindRepositoryRoot(full) is { } rules ? Path.GetDirectoryName(rules) : null;
        var relative = root is null ? Path.GetFileName(full) : Path.GetRelativePath(root, full);
        return relative.Replace('\\', '/');
    }

    /// <summary>What a target reports about the compiled rules before anything is written: the capability pass and its own checks.</summary>
    public static IReadOnlyList<Diagnostic> Check(ITarget target, CompilationResult compilation) =>
        [.. compilation.Rules
            .SelectMany(rule => CapabilityPass.Check(target.Capabilities, rule.Query).Concat(target.CheckRule(rule)))
            .Distinct()
            .OrderBy(d => d, DiagnosticOrder.Instance)];

    /// <summary>
    /// Checks and writes each target into <c>outDir/&lt;target&gt;/</c>, atomically: everything is written into a
    /// staging folder first, and the previous output is replaced only when every target succeeded. A failed or
    /// killed build leaves the previous output as it was; rules that were deleted leave nothing behind.
    /// </summary>
    public static BuildResult Build(CompilationResult compilation, IReadOnlyList<ITarget> targets, string outDir)
    {
        var diagnostics = new List<Diagnostic>();
        foreach (var target in targets)
        {
            diagnostics.AddRange(Check(target, compilation));
        }

        if (compilation.ErrorCount > 0 || diagnostics.Any(d => d.IsError))
        {
            return new BuildResult(diagnostics, [], Written: false);
        }

        var output = new AtomicOutput(outDir);
        try
        {
            var input = new TargetInput(compilation.Rules, compilation, DisplayPath);
            var folders = new List<string>();
            foreach (var target in targets)
            {
                var folder = output.Stage(target.Name);
                diagnostics.AddRange(target.Write(input, folder));
                folders.Add(target.Name);
            }

            if (diagnostics.Any(d => d.IsError))
            {
                output.Discard();
                return new BuildResult(diagnostics, [], Written: false);
            }

            output.Commit();
            return new BuildResult(diagnostics, folders, Written: true);
        }
        catch
        {
            output.Discard();
            throw;
        }
    }
}

/// <summary>The outcome of a build: diagnostics of the target checks and writers, and the target folders written.</summary>
public sealed record BuildResult(IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<string> Targets, bool Written);
