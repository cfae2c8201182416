using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Runtime.Rules;
using Diagnostic = RuleCompiler.Compiler.Diagnostics.Diagnostic;

namespace RuleCompiler.Backends.CSharp.Compile;

/// <summary>
/// Compiles generated rules with Roslyn, all in one compilation, in memory, and loads them into a collectible
/// AssemblyLoadContext. Generated code that does not compile is a backend bug: it becomes an RC3020 diagnostic
/// on the rule's file, never an exception.
/// </summary>
public static class RuleAssemblyCompiler
{
    private static readonly Lazy<MetadataReference[]> References = new(LoadReferences);

    /// <summary>
    /// Compiles every rule; a rule whose code does not compile is reported and left out, and the others are
    /// compiled again without it, so one rule never takes the others down.
    /// </summary>
    public static (CompiledRuleSet? Rules, IReadOnlyList<Diagnostic> Diagnostics) Compile(IReadOnlyList<GeneratedRule> rules)
    {
        var diagnostics = new List<Diagnostic>();
        var remaining = rules.ToList();
        while (remaining.Count > 0)
        {
            var (image, errors) = Emit(remaining);
            if (image is not null)
            {
                var context = new AssemblyLoadContext("rulec-rules", isCollectible: true);
                var assembly = context.LoadFromStream(image);
                var instances = remaining
                    .Select(r => (CompiledRule)Activator.CreateInstance(assembly.GetType(CSharpGeneratorNames.FullName(r.ClassName), throwOnError: true)!)!)
                    .ToList();
                return (new CompiledRuleSet(instances, context), diagnostics);
            }

            var failing = errors.Select(e => e.File).ToHashSet(StringComparer.Ordinal);
            var byFile = remaining.ToDictionary(r => r.FileName, r => r.Info.SourcePath, StringComparer.Ordinal);
            diagnostics.AddRange(errors.Select(e => Diagnostic.Error(
                CSharpDiagnostics.GeneratedCodeError,
                $"the generated C# does not compile (a bug in the C# backend, please report it): {e.Message}",
                SourceSpan.File(byFile.GetValueOrDefault(e.File, "(generated)")))));
            var before = remaining.Count;
            remaining.RemoveAll(r => failing.Contains(r.FileName));
            if (remaining.Count == before)
            {
                // An error outside every rule file cannot be pinned on one rule: nothing can be loaded.
                return (null, diagnostics);
            }
        }

        return (null, diagnostics);
    }

    private static (MemoryStream? Image, List<(string File, string Message)> Errors) Emit(IReadOnlyList<GeneratedRule> rules)
    {
        var trees = rules.Select(r => CSharpSyntaxTree.ParseText(
            r.Code,
            new CSharpParseOptions(LanguageVersion.Latest),
            path: r.FileName)).ToList();
        var compilation = CSharpCompilation.Create(
            "RuleCompiler.Generated.Rules",
            trees,
            References.Value,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                optimizationLevel: OptimizationLevel.Release,
                nullableContextOptions: NullableContextOptions.Enable,
                deterministic: true));
        var image = new MemoryStream();
        var result = compilation.Emit(image);
        if (result.Success)
        {
            image.Position = 0;
            return (image, []);
        }

        var errors = result.Diagnostics
            .Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error)
            .Select(d =>
            {
                var span = d.Location.GetLineSpan();
                return (span.Path ?? "", $"{d.Id} at {span.Path}({span.StartLinePosition.Line + 1}): {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
            })
            .ToList();
        return (null, errors);
    }

    private static MetadataReference[] LoadReferences()
    {
        // The framework the tool runs on, plus the runtime library the generated code calls.
        var platform = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal)
                || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll");
        var runtime = typeof(CompiledRule).Assembly.Location;
        return platform.Append(runtime).Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToArray();
    }
}

/// <summary>Compiled rules loaded in their own context; dispose to unload them.</summary>
public sealed class CompiledRuleSet(IReadOnlyList<CompiledRule> rules, AssemblyLoadContext context) : IDisposable
{
    public IReadOnlyList<CompiledRule> Rules { get; } = rules;

    public Assembly Assembly => context.Assemblies.First();

    public void Dispose() => context.Unload();
}

internal static class CSharpGeneratorNames
{
    public static string FullName(string className) => Emit.RuleEmitter.Namespace + "." + className;
}
