using System.Collections.Immutable;

namespace RuleCompiler.Compiler.Language.Syntax;

/// <summary>The whole search: <c>let</c> statements, then the main pipeline.</summary>
public sealed record Query(ImmutableArray<LetStatement> Lets, Pipeline Body, TextSpan Span) : SyntaxNode(Span);

/// <summary>
/// A pipeline reads a source and runs stages. The source is the rule's data source unless it names a
/// <c>let</c>-bound sub-pipeline.
/// </summary>
public sealed record Pipeline(PipelineSource Source, ImmutableArray<Stage> Stages, TextSpan Span) : SyntaxNode(Span);

public abstract record PipelineSource(TextSpan Span) : SyntaxNode(Span);

/// <summary>The rule's own data source (written as nothing, the pipeline starts with a stage).</summary>
public sealed record DataSourceInput(TextSpan Span) : PipelineSource(Span);

/// <summary>A <c>let</c>-bound sub-pipeline, written by name before the first <c>|</c>.</summary>
public sealed record LetPipelineInput(string Name, TextSpan Span) : PipelineSource(Span);

/// <summary><c>table(name)</c>: the rows of the lookup table <c>rules/tables/name.yml</c>; <c>NameSpan</c> is the name's.</summary>
public sealed record TableInput(string Name, TextSpan NameSpan, TextSpan Span) : PipelineSource(Span);

public abstract record LetStatement(string Name, TextSpan Span) : SyntaxNode(Span);

/// <summary><c>let name = expr;</c> (a scalar, a duration, a list literal).</summary>
public sealed record LetExpression(string Name, Expression Value, TextSpan Span) : LetStatement(Name, Span);

/// <summary><c>let name = (pipeline);</c></summary>
public sealed record LetPipeline(string Name, Pipeline Value, TextSpan Span) : LetStatement(Name, Span);
