using System.Collections.Immutable;
using System.Text.Json.Nodes;
using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Compiler.Model;

/// <summary>A unit test of a rule: events in, the expected output out.</summary>
public sealed record RuleTest(string Name, TestEvents Events, TestExpectation Expect, SourceSpan Span)
{
    /// <summary>Rows supplied for maintained lookup tables (<c>tables:</c>), by table name, each row a JSON object.</summary>
    public ImmutableArray<TestTable> Tables { get; init; } = [];
}

/// <summary>The rows a test supplies for one table; <see cref="Span"/> is the table name's place.</summary>
public sealed record TestTable(string Name, ImmutableArray<JsonObject> Rows, SourceSpan Span);

/// <summary>
/// Either a file (<c>File</c>, relative to the rule file; <see cref="ResolvedPath"/> is absolute) or inline events.
/// A file that resolves outside the repository (symbolic links included) has no <see cref="ResolvedPath"/> and
/// <see cref="OutsideRepository"/> set: it is an error, and nothing reads it.
/// </summary>
public sealed record TestEvents(Located<string>? File, string? ResolvedPath, ImmutableArray<InlineEvent> Inline, SourceSpan Span, bool OutsideRepository = false);

/// <summary>An event written in the rule file, as JSON (null or not an object when the YAML was not a mapping).</summary>
public sealed record InlineEvent(JsonNode? Json, SourceSpan Span);

/// <summary>The expected number of output rows, and rows that must appear (only the listed columns compared).</summary>
public sealed record TestExpectation(int? Count, ImmutableArray<ExpectedRow> Rows, SourceSpan Span);

public sealed record ExpectedRow(ImmutableArray<ExpectedCell> Cells, SourceSpan Span);

/// <summary>One expected column value.</summary>
public sealed record ExpectedCell(string Column, ExpectedValue Value, SourceSpan Span);

/// <summary>An expected value as the rule file typed it.</summary>
public abstract record ExpectedValue;

/// <summary>
/// A scalar typed as the YAML core schema types it: null, bool, long, double (infinities and NaN included) or
/// string (quoted and block scalars are always strings).
/// </summary>
public sealed record ExpectedScalar(object? Value) : ExpectedValue;

/// <summary>A list or map, compared as JSON.</summary>
public sealed record ExpectedStructure(JsonNode Json) : ExpectedValue;
