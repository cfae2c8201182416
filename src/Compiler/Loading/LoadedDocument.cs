using System.Collections.Immutable;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Yaml;

namespace RuleCompiler.Compiler.Loading;

/// <summary>
/// One file loaded as a <typeparamref name="T"/>: the YAML tree, the model (null unless the file parsed and met its
/// schema) and every diagnostic found on the way. <paramref name="Partial"/> is a rule built in spite of schema
/// errors, so the parts the schema did not reject can still be checked in the same run; it is never compiled.
/// </summary>
public sealed record LoadedDocument<T>(string Path, YamlFile Yaml, T? Model, ImmutableArray<Diagnostic> Diagnostics, T? Partial = null)
    where T : class
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
