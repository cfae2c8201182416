using System.Collections.Immutable;

namespace RuleCompiler.Compiler.Language.Syntax;

public abstract record Expression(TextSpan Span) : SyntaxNode(Span);

/// <summary>A literal value: string, long, double, bool, null, TimeSpan (duration) or DateTimeOffset (datetime).</summary>
public sealed record LiteralExpression(LiteralKind Kind, object? Value, TextSpan Span) : Expression(Span);

public enum LiteralKind
{
    String,
    Long,
    Real,
    Bool,
    Null,
    Duration,
    DateTime,
}

/// <summary>A field or column reference: <c>a.b[0]["x-y"]</c>. The first segment names a source field or a computed column.</summary>
public sealed record FieldExpression(ImmutableArray<PathSegment> Path, TextSpan Span) : Expression(Span);

public abstract record PathSegment(TextSpan Span) : SyntaxNode(Span);

/// <summary>A named member; <c>Quoted</c> when written as <c>["x-y"]</c> because the key is not an identifier.</summary>
public sealed record MemberSegment(string Name, bool Quoted, TextSpan Span) : PathSegment(Span);

/// <summary>An array index; negative counts from the end, as in KQL.</summary>
public sealed record IndexSegment(int Index, TextSpan Span) : PathSegment(Span);

/// <summary>
/// <c>[*]</c>: every element of an array. <c>resources[*].ARN</c> is the multi-valued list of the scalar ARN members of
/// the elements of <c>resources</c> (docs/semantics.md, section 5.2).
/// </summary>
public sealed record EachSegment(TextSpan Span) : PathSegment(Span);

/// <summary><c>$left.x</c> / <c>$right.x</c> inside join conditions.</summary>
public sealed record JoinSideExpression(JoinSide Side, FieldExpression Field, TextSpan Span) : Expression(Span);

public enum JoinSide
{
    Left,
    Right,
}

public sealed record UnaryExpression(UnaryOperator Operator, Expression Operand, TextSpan Span) : Expression(Span);

public enum UnaryOperator
{
    Not,
    Negate,
}

public sealed record BinaryExpression(BinaryOperator Operator, Expression Left, Expression Right, TextSpan Span) : Expression(Span);

public enum BinaryOperator
{
    Or,
    And,
    Equal,              // ==   case-sensitive
    NotEqual,           // !=
    EqualCi,            // =~   case-insensitive
    NotEqualCi,         // !~
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Contains,           // case-insensitive
    NotContains,
    ContainsCs,
    NotContainsCs,
    StartsWith,
    NotStartsWith,
    StartsWithCs,
    NotStartsWithCs,
    EndsWith,
    NotEndsWith,
    EndsWithCs,
    NotEndsWithCs,
    Has,
    NotHas,
    HasCs,
    NotHasCs,
    MatchesRegex,
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
}

/// <summary>
/// <c>x in (a, b)</c>, <c>x in~ @list</c>, <c>x !in (...)</c>, <c>x !in~ (...)</c>, and the term tests over a list
/// <c>x has_any ("a", "b")</c> and <c>x has_all ("a", "b")</c>.
/// </summary>
public sealed record InExpression(Expression Value, InOperator Operator, ListSource List, TextSpan Span) : Expression(Span);

public enum InOperator
{
    In,
    InCi,
    NotIn,
    NotInCi,
    /// <summary><c>has</c> of any needle of a literal list; the binder writes it as <c>has</c> tests joined by <c>or</c>.</summary>
    HasAny,
    /// <summary><c>has</c> of every needle of a literal list; the binder writes it as <c>has</c> tests joined by <c>and</c>.</summary>
    HasAll,
}

public abstract record ListSource(TextSpan Span) : SyntaxNode(Span);

/// <summary>A parenthesised list of expressions.</summary>
public sealed record ListLiteral(ImmutableArray<Expression> Items, TextSpan Span) : ListSource(Span);

/// <summary><c>@name</c>: a named list from <c>rules/lists/</c>.</summary>
public sealed record NamedListReference(string Name, TextSpan Span) : ListSource(Span);

/// <summary>A <c>let</c>-bound constant list or a single-column sub-pipeline used as a list.</summary>
public sealed record LetListReference(string Name, TextSpan Span) : ListSource(Span);

/// <summary><c>x between (low .. high)</c> and <c>!between</c>.</summary>
public sealed record BetweenExpression(Expression Value, Expression Low, Expression High, bool Negated, TextSpan Span) : Expression(Span);

public sealed record FunctionCallExpression(string Name, ImmutableArray<Expression> Arguments, TextSpan Span) : Expression(Span);

/// <summary>A dynamic array literal: <c>dynamic(["a", "b"])</c> or <c>pack_array(...)</c>.</summary>
public sealed record ArrayExpression(ImmutableArray<Expression> Items, TextSpan Span) : Expression(Span);

/// <summary>
/// Member access or indexing applied to something that is not a plain field path: <c>split(x, "/")[-1]</c>,
/// <c>parse_json(x)[0].ARN</c>, <c>(a.b)[0]</c>. Plain paths (<c>a.b[0]</c>) stay one <see cref="FieldExpression"/>.
/// </summary>
public sealed record PathAccessExpression(Expression Target, ImmutableArray<PathSegment> Path, TextSpan Span) : Expression(Span);

/// <summary><c>*</c> as a function argument: <c>arg_max(_time, *)</c> keeps every column.</summary>
public sealed record WildcardExpression(TextSpan Span) : Expression(Span);
