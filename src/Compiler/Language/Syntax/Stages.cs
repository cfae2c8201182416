using System.Collections.Immutable;

namespace RuleCompiler.Compiler.Language.Syntax;

public abstract record Stage(TextSpan Span) : SyntaxNode(Span);

/// <summary>A named expression: <c>name = expr</c>; <c>Name</c> is null when the output name is derived from the expression.</summary>
public sealed record Assignment(string? Name, Expression Value, TextSpan Span) : SyntaxNode(Span);

public sealed record WhereStage(Expression Predicate, TextSpan Span) : Stage(Span);

public sealed record ExtendStage(ImmutableArray<Assignment> Columns, TextSpan Span) : Stage(Span);

public sealed record ProjectStage(ImmutableArray<Assignment> Columns, TextSpan Span) : Stage(Span);

public sealed record ProjectAwayStage(ImmutableArray<FieldExpression> Columns, TextSpan Span) : Stage(Span);

/// <summary><c>project-rename new = old, ...</c></summary>
public sealed record ProjectRenameStage(ImmutableArray<Rename> Renames, TextSpan Span) : Stage(Span);

public sealed record Rename(string NewName, FieldExpression Old, TextSpan Span) : SyntaxNode(Span);

/// <summary><c>mv-expand name = path</c>: one output row per array element; <c>Name</c> null keeps the dotted path as the column name.</summary>
public sealed record MvExpandStage(string? Name, Expression Array, TextSpan Span) : Stage(Span);

/// <summary><c>summarize agg, ... by key, ...</c>; an aggregate is an <see cref="Assignment"/> whose value is an aggregate function call.</summary>
public sealed record SummarizeStage(ImmutableArray<Assignment> Aggregates, ImmutableArray<Assignment> By, TextSpan Span) : Stage(Span);

public sealed record DistinctStage(ImmutableArray<Assignment> Columns, TextSpan Span) : Stage(Span);

public sealed record SortStage(ImmutableArray<SortKey> Keys, TextSpan Span) : Stage(Span);

public sealed record SortKey(Expression Value, bool Descending, TextSpan Span) : SyntaxNode(Span);

public sealed record TakeStage(long Count, TextSpan Span) : Stage(Span);

/// <summary><c>fill-null value</c> (every column) or <c>fill-null value in col, ...</c>.</summary>
public sealed record FillNullStage(LiteralExpression Value, ImmutableArray<FieldExpression> Columns, TextSpan Span) : Stage(Span);

/// <summary><c>join kind=K (right) on key, $left.a == $right.b</c>.</summary>
public sealed record JoinStage(JoinKind Kind, Pipeline Right, ImmutableArray<Expression> On, TextSpan Span) : Stage(Span);

public enum JoinKind
{
    Inner,
    InnerUnique,
    LeftOuter,
    RightOuter,
    FullOuter,
    LeftAnti,
    RightAnti,
    LeftSemi,
    RightSemi,
}

/// <summary><c>union (p1), (p2)</c>: the rows of the input followed by the rows of each pipeline.</summary>
public sealed record UnionStage(ImmutableArray<Pipeline> Pipelines, TextSpan Span) : Stage(Span);

/// <summary><c>invoke fragment_name()</c>: the stages of a named fragment from <c>rules/fragments/</c>.</summary>
public sealed record InvokeStage(string FragmentName, TextSpan Span) : Stage(Span);
