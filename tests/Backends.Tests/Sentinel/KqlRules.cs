using System.Collections.Immutable;
using RuleCompiler.Backends.Hosting;
using RuleCompiler.Backends.Sentinel.Analysis;
using RuleCompiler.Backends.Sentinel.Emit;
using RuleCompiler.Compiler.Compilation;

namespace RuleCompiler.Backends.Tests.Sentinel;

/// <summary>The rules of rules/, compiled once, and the KQL the emitter writes for each (keyed by the rule file's name).</summary>
internal static class KqlRules
{
    private static readonly Lazy<CompilationResult> Compilation = new(() => RuleCompilerHost.Compile([Path.Combine(RepositoryPaths.Root, "rules")]));

    public static CompilationResult Compiled => Compilation.Value;

    public static ImmutableArray<KustoTable> Tables => KustoTable.FromDataSources(Compiled.Repository.DataSources);

    public static IEnumerable<string> Names => Compiled.Rules.Select(Name).Order(StringComparer.Ordinal);

    public static CompiledRule Rule(string name) => Compiled.Rules.Single(r => Name(r) == name);

    public static KqlQuery Emit(string name)
    {
        var rule = Rule(name);
        return KqlEmitter.Emit(rule.Query, rule.Rule, Tables);
    }

    public static string Name(CompiledRule rule) => Path.GetFileNameWithoutExtension(rule.Rule.Path);
}
