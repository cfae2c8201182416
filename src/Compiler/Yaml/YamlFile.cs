using System.Collections.Immutable;
using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Compiler.Yaml;

/// <summary>
/// A loaded YAML file: its decoded text, its single document's root (null when the file could not be parsed or is
/// empty) and what went wrong. A non-null root may come with errors that did not stop parsing (duplicate keys).
/// </summary>
public sealed record YamlFile(string Path, string Text, YamlNode? Root, ImmutableArray<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
