using System.Collections.Immutable;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Yaml;

namespace RuleCompiler.Compiler.Model;

/// <summary>A unit test of a rule: events in, the expected output out.</summary>
public sealed record RuleTest(string Name, TestEvents Events, TestExpectation Expect, SourceSpan Span);

/// <summary>
/// Either a file (<c>File</c>, relative to the rule file; <see cref="ResolvedPath"/> is absolute) or inline events,
/// each a YAML node (convert with <see cref="YamlJson.ToJsonNode"/>). A file that resolves outside the repository
/// (symbolic links included) has no <see cref="ResolvedPath"/> and <see cref="OutsideRepository"/> set: it is an
/// error, and nothing reads it.
/// </summary>
public sealed record TestEvents(Located<string>? File, string? ResolvedPath, ImmutableArray<YamlNode> Inline, SourceSpan Span, bool OutsideRepository = false);

/// <summary>The expected number of output rows, and rows that must appear (only the listed columns compared).</summary>
public sealed record TestExpectation(int? Count, ImmutableArray<ExpectedRow> Rows, SourceSpan Span);

public sealed record ExpectedRow(ImmutableArray<ExpectedCell> Cells, SourceSpan Span);

/// <summary>One expected column value; a plain scalar keeps its YAML type (see <see cref="YamlScalarTyping"/>).</summary>
public sealed record ExpectedCell(string Column, YamlNode Value, SourceSpan Span);
