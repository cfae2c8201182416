using RuleCompiler.Backends.Hosting;
using RuleCompiler.Compiler.Compilation;

namespace RuleCompiler.Backends.Tests.Splunk;

/// <summary>The repository's rules (rules/), compiled once, by file name.</summary>
internal static class CompiledRules
{
    private static readonly Lazy<IReadOnlyDictionary<string, CompiledRule>> Rules = new(() =>
    {
        var compilation = RuleCompilerHost.Compile([Path.Combine(RepositoryPaths.Root, "rules")]);
        if (compilation.ErrorCount > 0)
        {
            throw new InvalidOperationException("rules/ does not compile: " + string.Join("; ", compilation.Diagnostics.Where(d => d.IsError)));
        }

        return compilation.Rules.ToDictionary(r => Path.GetFileNameWithoutExtension(r.Rule.Path), StringComparer.Ordinal);
    });

    public static IReadOnlyDictionary<string, CompiledRule> All => Rules.Value;

    public static CompiledRule Named(string snakeName) => All[snakeName];
}
