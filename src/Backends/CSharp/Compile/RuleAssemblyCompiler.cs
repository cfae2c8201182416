using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Runtime.Rules;
using Diagnostic = RuleCompiler.Compiler.Diagnostics.Diagnostic;

namespace RuleCompiler.Backends.CSharp.Compile;

/// <summary>
/// Compiles generated rules with Roslyn, in memory, in batches of about <see cref="BatchSize"/> rules (one assembly
/// each, compiled in parallel), and loads them into one collectible AssemblyLoadContext. Batches bound the compiler's
/// memory, which grows with the size of one compilation, and let a repository of thousands of rules use every
/// core. A rule's batch follows from its class name alone (a stable hash), so adding, removing or editing a rule
/// changes one batch and a <see cref="CompiledRuleCache"/> reuses the others. Generated code that does not compile
/// is a backend bug: it becomes an RC3020 diagnostic on the rule's file, never an exception.
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
    public static (CompiledRuleSet? Rules, IReadOnlyList<Diagnostic> Diagnostics) Compile(IReadOnlyList<GeneratedRule> rules, CompiledRuleCache? cache = null)
    {
        var batches = Batches(rules);
        var results = new (List<GeneratedRule> Loaded, byte[]? Image, List<Diagnostic> Diagnostics)[batches.Count];
        Parallel.For(0, batches.Count, i => results[i] = CompileBatch(batches[i], cache));
        var diagnostics = results.SelectMany(r => r.Diagnostics).ToList();
        if (results.All(r => r.Loaded.Count == 0))
        {
            return (null, diagnostics);
        }

        var context = new AssemblyLoadContext("rulec-rules", isCollectible: true);
        var types = new List<(string ClassName, Type Type)>();
        foreach (var (loaded, image, _) in results.Where(r => r.Image is not null))
        {
            var assembly = context.LoadFromStream(new MemoryStream(image!, writable: false));
            types.AddRange(loaded.Select(rule => (rule.ClassName, assembly.GetType(CSharpGeneratorNames.FullName(rule.ClassName), throwOnError: true)!)));
        }

        // Starting a rule the first time runs its static constructor and JIT-compiles its Build method, a few
        // milliseconds each: done here on every core rather than one rule after another when the rules start.
        var created = new CompiledRule[types.Count];
        Parallel.For(0, types.Count, i =>
        {
            var type = types[i].Type;
            RuntimeHelpers.RunClassConstructor(type.TypeHandle);
            RuntimeHelpers.PrepareMethod(type.GetMethod(nameof(CompiledRule.Build))!.MethodHandle);
            created[i] = (CompiledRule)Activator.CreateInstance(type)!;
        });
        var byClass = types.Select((t, i) => (t.ClassName, Rule: created[i])).ToDictionary(t => t.ClassName, t => t.Rule, StringComparer.Ordinal);

        // Back in the caller's order, whatever batch each rule went to; a rule left out of its batch has no instance.
        var instances = rules.Select(r => byClass.GetValueOrDefault(r.ClassName)).OfType<CompiledRule>().ToList();
        return (new CompiledRuleSet(instances, context), diagnostics);
    }

    /// <summary>
    /// Rules grouped by a stable hash of their class name into a power of two of batches, about
    /// <see cref="BatchSize"/> rules each; within a batch, in ordinal order of class name.
    /// </summary>
    private static List<List<GeneratedRule>> Batches(IReadOnlyList<GeneratedRule> rules)
    {
        var count = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, (rules.Count + BatchSize - 1) / BatchSize));
        return rules
            .GroupBy(r => (int)(StableHash(r.ClassName) % (uint)count))
            .OrderBy(g => g.Key)
            .Select(g => g.OrderBy(r => r.ClassName, StringComparer.Ordinal).ToList())
            .ToList();
    }

    private static uint StableHash(string text)
    {
        // FNV-1a: string.GetHashCode differs between processes, and batches must not.
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    private static (List<GeneratedRule> Loaded, byte[]? Image, List<Diagnostic> Diagnostics) CompileBatch(List<GeneratedRule> rules, CompiledRuleCache? cache)
    {
        // The key also names the assembly, so a batch compiles to the same bytes with or without a cache.
        var key = CompiledRuleCache.KeyOf(rules);
        if (cache?.TryRead(key) is { } cached)
        {
            return (rules, cached, []);
        }

        var diagnostics = new List<Diagnostic>();
        var remaining = rules.ToList();
        while (remaining.Count > 0)
        {
            var (image, errors) = Emit(remaining, key);
            if (image is not null)
            {
                // Only a batch that compiled whole is kept: a failing one is a backend bug, better recompiled and reported.
                if (remaining.Count == rules.Count)
                {
                    cache?.Write(key, image);
                }

                return (remaining, image, diagnostics);
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
                return ([], null, diagnostics);
            }
        }

        return ([], null, diagnostics);
    }

    private static (byte[]? Image, List<(string File, string Message)> Errors) Emit(IReadOnlyList<GeneratedRule> rules, string key)
    {
        var trees = rules.Select(r => CSharpSyntaxTree.ParseText(
            r.Code,
            new CSharpParseOptions(LanguageVersion.Latest),
            path: r.FileName)).ToList();
        var compilation = CSharpCompilation.Create(
            // Named by its content: two batches loaded into one context never share a name.
            $"RuleCompiler.Generated.Rules.{key[..16]}",
            trees,
            References.Value,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                optimizationLevel: OptimizationLevel.Release,
                // Generated files say `#nullable enable annotations`: nullable flow analysis only warns, and it took
                // about a sixth of the compile time.
                nullableContextOptions: NullableContextOptions.Annotations,
                deterministic: true));
        var image = new MemoryStream();
        var result = compilation.Emit(image);
        if (result.Success)
        {
            return (image.ToArray(), []);
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
