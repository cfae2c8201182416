using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Compiler.Model;

/// <summary>
/// Reusable stages defined once (rules/fragments/NAME.yml) and used by rules as <c>| invoke NAME()</c>.
/// <c>StagesText</c> is parsed by the rule language; <c>StagesSpan</c> is where that text starts in the YAML file.
/// </summary>
public sealed record Fragment(string Name, string Description, string DataSource, string StagesText, SourceSpan StagesSpan, SourceSpan Span);
