using System.Collections.Immutable;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Yaml;

namespace RuleCompiler.Compiler.Loading;

/// <summary>
/// One file loaded as a <typeparamref name="T"/>: the YAML tree, the model (null unless the file parsed and met its
/// schema) and every diagnostic found on the way.
/// </summary>
public sealed record LoadedDocument<T>(string Path, YamlFile Yaml, T? Model, ImmutableArray<Diagnostic> Diagnostics)
    where T : class
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
