using System.Collections.Immutable;
using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Compiler.Model;

/// <summary>A named value list (rules/lists/NAME.yml), such as an allow-list, that rules reference as <c>@name</c>.</summary>
public sealed record NamedList(string Name, string Description, bool CaseSensitive, ImmutableArray<string> Values, SourceSpan Span);
