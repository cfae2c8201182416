using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Runtime.Rules;
using Diagnostic = RuleCompiler.Compiler.Diagnostics.Diagnostic;

namespace RuleCompiler.Backends.CSharp.Compile;

/// <summary>
/// Compiles generated rules with Roslyn, in memory, in batches of <see cref="BatchSize"/> rules (one assembly each,
/// compiled in parallel), and loads them into one collectible AssemblyLoadContext. Batches bound the compiler's
/// memory, which grows with the size of one compilation, and let a repository of thousands of rules use every
/// core. Generated code that does not compile is a backend bug: it becomes an RC3020 diagnostic on the rule's file,
/// never an exception.
/// </summary>
public static class RuleAssemblyCompiler
{
    /// <summary>Rules per compilation: large enough that the per-assembly overhead is small, small enough to bound memory.</summary>
    public const int BatchSize = 250;

    private static readonly Lazy<MetadataReference[]> References = new(LoadReferences);

    /// <summary>
    /// Compiles every rule; a rule whose code does not compile is reported and left out, and the others are
    /// compiled again without it, so one rule never takes the others down. Rules come back in the given order.
    /// </summary>
    public static (CompiledRuleSet? Rules, IReadOnlyList<Diagnostic> Diagnostics) Compile(IReadOnlyList<GeneratedRule> rules)
    {
        var batches = rules.Chunk(BatchSize).ToList();
        var results = new (List<(GeneratedRule Rule, MemoryStream Image)> Loaded, List<Diagnostic> Diagnostics)[batches.Count];
        Parallel.For(0, batches.Count, i => results[i] = CompileBatch(batches[i], i));
        var diagnostics = results.SelectMany(r => r.Diagnostics).ToList();
        if (results.All(r => r.Loaded.Count == 0))
        {
            return (null, diagnostics);
        }

        var context = new AssemblyLoadContext("rulec-rules", isCollectible: true);
        var instances = new List<CompiledRule>();
        foreach (var group in results.SelectMany(r => r.Loaded).GroupBy(l => l.Image))
        {
            var assembly = context.LoadFromStream(group.Key);
            instances.AddRange(group.Select(l => (CompiledRule)Activator.CreateInstance(assembly.GetType(CSharpGeneratorNames.FullName(l.Rule.ClassName), throwOnError: true)!)!));
        }

        return (new CompiledRuleSet(instances, context), diagnostics);
    }

    private static (List<(GeneratedRule Rule, MemoryStream Image)> Loaded, List<Diagnostic> Diagnostics) CompileBatch(IReadOnlyList<GeneratedRule> rules, int batch)
    {
        var diagnostics = new List<Diagnostic>();
        var remaining = rules.ToList();
        while (remaining.Count > 0)
        {
            var (image, errors) = Emit(remaining, batch);
            if (image is not null)
            {
                return ([.. remaining.Select(r => (r, image))], diagnostics);
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
                // An error outside every rule file cannot be pinned on one rule: nothing of the batch can be loaded.
                return ([], diagnostics);
            }
        }

        return ([], diagnostics);
    }

    private static (MemoryStream? Image, List<(string File, string Message)> Errors) Emit(IReadOnlyList<GeneratedRule> rules, int batch)
    {
        var trees = rules.Select(r => CSharpSyntaxTree.ParseText(
            r.Code,
            new CSharpParseOptions(LanguageVersion.Latest),
            path: r.FileName)).ToList();
        var compilation = CSharpCompilation.Create(
            $"RuleCompiler.Generated.Rules.{batch}",
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

    public void Dispose() => context.Unload();
}

internal static class CSharpGeneratorNames
{
    public static string FullName(string className) => Emit.RuleEmitter.Namespace + "." + className;
}
