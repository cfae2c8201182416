using System.Collections.Immutable;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Syntax;
using RuleCompiler.Compiler.Model;
using RuleCompiler.Runtime.Rules;

namespace RuleCompiler.Backends.CSharp;

/// <summary>
/// One rule as the C# backend needs it: what alerts say about it, its parsed (and bound) search, and its data
/// source. <paramref name="Locate"/> maps a span of the search text to the YAML file (from the parser's source
/// map); without it diagnostics point at the rule file. <paramref name="Bound"/> is the binder's result: with it, field
/// references resolve to the columns the binder chose (dotted source-field columns, let constants, _time).
/// </summary>
public sealed record CSharpRuleSource(
    RuleInfo Info,
    Query Query,
    DataSource DataSource,
    Func<TextSpan, SourceSpan>? Locate = null,
    BoundQuery? Bound = null)
{
    public SourceSpan Where(TextSpan span) => Locate?.Invoke(span) ?? SourceSpan.File(Info.SourcePath);
}

/// <summary>What rules may refer to by name: lists (<c>@name</c>) and fragments (<c>invoke name()</c>, already parsed).</summary>
public sealed record CSharpEmitContext(
    IReadOnlyDictionary<string, NamedList> Lists,
    IReadOnlyDictionary<string, ImmutableArray<Stage>> Fragments)
{
    public static readonly CSharpEmitContext Empty = new(
        ImmutableDictionary<string, NamedList>.Empty,
        ImmutableDictionary<string, ImmutableArray<Stage>>.Empty);
}

/// <summary>The generated C# of one rule.</summary>
public sealed record GeneratedRule(string ClassName, string FileName, string Code, RuleInfo Info);
