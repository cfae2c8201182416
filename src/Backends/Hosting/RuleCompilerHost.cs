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
    /// The compilation with the errors of the geo-IP database files (RC1332, RC1333) when a rule reads them, so that
    /// validate and build report a broken <c>geoip/</c> file as test and run do (they load it with the C# rules).
    /// </summary>
    public static CompilationResult WithGeoIpFileErrors(CompilationResult compilation)
    {
        var errors = CSharp.GeoIpFiles.Load(compilation.Rules).Diagnostics.Where(d => d.IsError).ToList();
        return errors.Count == 0 ? compilation : compilation with { Diagnostics = [.. compilation.Diagnostics, .. errors] };
    }

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
    /// killed build leaves the previous output as it was; rules that were deleted leave nothing behind. With
    /// <paramref name="warningsAsErrors"/> a warning of the checks or of a writer (KQL not checked) stops it too.
    /// </summary>
    public static BuildResult Build(CompilationResult compilation, IReadOnlyList<ITarget> targets, string outDir, bool warningsAsErrors = false)
    {
        bool Fails(Diagnostic d) => d.IsError || (warningsAsErrors && d.Severity == DiagnosticSeverity.Warning);

        var diagnostics = new List<Diagnostic>();
        foreach (var target in targets)
        {
            diagnostics.AddRange(Check(target, compilation));
        }

        if (compilation.ErrorCount > 0 || diagnostics.Any(Fails))
        {
            return new BuildResult(diagnostics, [], Written: false);
        }

        var output = new AtomicOutput(outDir);
        try
        {
            var input = new TargetInput(compilation.Rules, compilation, DisplayPath);
            var built = new List<TargetBuilt>();
            foreach (var target in targets)
            {
                var written = target.Write(input, output.Stage(target.Name));
                diagnostics.AddRange(written.Diagnostics);
                built.Add(new TargetBuilt(target.Name, written.RulesWritten, input.Rules.Count));
            }

            if (diagnostics.Any(Fails))
            {
                output.Discard();
                return new BuildResult(diagnostics, [], Written: false);
            }

            output.Commit();
            return new BuildResult(diagnostics, built, Written: true);
        }
        catch
        {
            output.Discard();
            throw;
        }
    }
}

/// <summary>The outcome of a build: diagnostics of the target checks and writers, and what each target wrote.</summary>
public sealed record BuildResult(IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<TargetBuilt> Targets, bool Written);

/// <summary>One target's folder: how many of the compiled rules it holds (a target leaves out, with a warning, a rule it cannot run).</summary>
public sealed record TargetBuilt(string Name, int RulesWritten, int RulesCompiled)
{
    public int RulesLeftOut => RulesCompiled - RulesWritten;
}
