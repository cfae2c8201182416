using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Compiler.Model;

/// <summary>
/// Reusable stages defined once (rules/fragments/NAME.yml) and used by rules as <c>| invoke NAME()</c>.
/// <c>Stages</c> is the text the rule language parses, with its map back into the YAML file.
/// </summary>
public sealed record Fragment(string Name, string Description, string DataSource, QueryText Stages, SourceSpan Span);
