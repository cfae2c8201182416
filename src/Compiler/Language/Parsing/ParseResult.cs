using System.Collections.Immutable;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Compiler.Language.Parsing;

/// <summary>The outcome of parsing: the tree when there was no error, and the diagnostics.</summary>
public sealed record ParseResult<T>(T? Value, ImmutableArray<QueryDiagnostic> Diagnostics)
    where T : class
{
    public bool Succeeded => Value is not null;
}

/// <summary>The outcome of parsing a whole search.</summary>
public sealed record ParseResult(Query? Query, ImmutableArray<QueryDiagnostic> Diagnostics)
{
    public bool Succeeded => Query is not null;
}
