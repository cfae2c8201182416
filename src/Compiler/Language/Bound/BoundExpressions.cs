using System.Collections.Immutable;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Functions;
using RuleCompiler.Compiler.Language.Syntax;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Compiler.Language.Bound;

/// <summary>
/// A typed, resolved expression. <see cref="Location"/> is where it was written (in the rule's file, or in the
/// fragment file it came from). <see cref="Multivalued"/> marks values that are arrays of the data source's
/// declared multi-valued fields. Backends switch on the concrete type through <see cref="IBoundExpressionVisitor{T}"/>.
/// </summary>
public abstract record BoundExpression(ScalarType Type, SourceSpan Location)
{
    public bool Multivalued { get; init; }

    /// <summary>The value is the member list of a <c>[*]</c> path (also <see cref="Multivalued"/>): see <see cref="BoundEachPath"/>.</summary>
    public bool MemberList { get; init; }

    /// <summary>The field this expression names, for field references; null for anything else.</summary>
    public virtual ResolvedField? Field => null;

    /// <summary>The function this expression calls, for calls; null for anything else.</summary>
    public virtual FunctionSignature? Function => null;

    public abstract T Accept<T>(IBoundExpressionVisitor<T> visitor);
}

/// <summary>
/// A constant. <see cref="Value"/> is a string, long, double, bool, null, TimeSpan (timespan) or DateTime (UTC,
/// kind Utc) according to <see cref="Kind"/>.
/// </summary>
public sealed record BoundLiteral(LiteralKind Kind, object? Value, ScalarType Type, SourceSpan Location) : BoundExpression(Type, Location)
{
    public override T Accept<T>(IBoundExpressionVisitor<T> visitor) => visitor.VisitLiteral(this);
}

/// <summary>
/// A reference to a column of the input rows, an object prefix of declared source fields, or a let constant, with
/// the path below it (<see cref="ResolvedField.Remainder"/>). The column's <see cref="Column.SourceField"/> carries
/// the data source's per-target mapping (Sentinel column, Splunk field).
/// </summary>
public sealed record BoundFieldReference(ResolvedField Resolved, SourceSpan Location) : BoundExpression(Resolved.Type, Location)
{
    public override ResolvedField? Field => Resolved;

    public override T Accept<T>(IBoundExpressionVisitor<T> visitor) => visitor.VisitField(this);
}

public sealed record BoundUnary(UnaryOperator Operator, BoundExpression Operand, ScalarType Type, SourceSpan Location) : BoundExpression(Type, Location)
{
    public override T Accept<T>(IBoundExpressionVisitor<T> visitor) => visitor.VisitUnary(this);
}

/// <summary>
/// A binary operator. For <c>matches regex</c> the right operand is a <see cref="BoundRegex"/>, or, for a pattern read
/// from the data (binding warning RC2555), any string expression.
/// </summary>
public sealed record BoundBinary(BinaryOperator Operator, BoundExpression Left, BoundExpression Right, ScalarType Type, SourceSpan Location) : BoundExpression(Type, Location)
{
    public override T Accept<T>(IBoundExpressionVisitor<T> visitor) => visitor.VisitBinary(this);
}

/// <summary><c>value in (list)</c> and its case-insensitive and negated forms.</summary>
public sealed record BoundIn(BoundExpression Value, InOperator Operator, BoundList List, SourceSpan Location) : BoundExpression(ScalarType.Bool, Location)
{
    public bool IgnoreCase => Operator is InOperator.InCi or InOperator.NotInCi;

    public bool Negated => Operator is InOperator.NotIn or InOperator.NotInCi;

    public override T Accept<T>(IBoundExpressionVisitor<T> visitor) => visitor.VisitIn(this);
}

public sealed record BoundBetween(BoundExpression Value, BoundExpression Low, BoundExpression High, bool Negated, SourceSpan Location) : BoundExpression(ScalarType.Bool, Location)
{
    public override T Accept<T>(IBoundExpressionVisitor<T> visitor) => visitor.VisitBetween(this);
}

/// <summary>
/// A call of a catalogue function (scalar or aggregate). <see cref="Signature"/> is the entry as written (an alias
/// such as <c>iff</c> included); <see cref="Canonical"/> is the entry it stands for, which backends map.
/// A regular-expression argument is a <see cref="BoundRegex"/>.
/// </summary>
public sealed record BoundCall(FunctionSignature Signature, ImmutableArray<BoundExpression> Arguments, ScalarType Type, SourceSpan Location) : BoundExpression(Type, Location)
{
    public override FunctionSignature? Function => Signature;

    public FunctionSignature Canonical => Signature.AliasOf is { } alias ? FunctionCatalogue.Find(alias) ?? Signature : Signature;

    public override T Accept<T>(IBoundExpressionVisitor<T> visitor) => visitor.VisitCall(this);
}

/// <summary>A dynamic array literal (<c>dynamic([...])</c>, <c>pack_array(...)</c>).</summary>
public sealed record BoundArray(ImmutableArray<BoundExpression> Items, SourceSpan Location) : BoundExpression(ScalarType.Dynamic, Location)
{
    public override T Accept<T>(IBoundExpressionVisitor<T> visitor) => visitor.VisitArray(this);
}

/// <summary>Member access or indexing on a computed dynamic value: <c>split(x, "/")[-1]</c>.</summary>
public sealed record BoundPathAccess(BoundExpression Target, ImmutableArray<PathStep> Path, ScalarType Type, SourceSpan Location) : BoundExpression(Type, Location)
{
    public override T Accept<T>(IBoundExpressionVisitor<T> visitor) => visitor.VisitPathAccess(this);
}

/// <summary>
/// <c>items[*].userId</c>: the scalar values (string, number, bool) found at <see cref="Steps"/> below each element of
/// the array <see cref="Source"/>, in element order; elements where the path is missing, null, an object or an array
/// give nothing, and a source that is not an array has no elements. An <see cref="EachStep"/> in <see cref="Steps"/>
/// (a later <c>[*]</c>) flattens: each element of each value so far. The value is an array, multi-valued (any-element
/// matching applies) and a member list (docs/semantics.md §5.2).
/// </summary>
public sealed record BoundEachPath(BoundFieldReference Source, ImmutableArray<PathStep> Steps, SourceSpan Location) : BoundExpression(ScalarType.Dynamic, Location)
{
    public override T Accept<T>(IBoundExpressionVisitor<T> visitor) => visitor.VisitEachPath(this);
}

/// <summary>A constant regular expression in the portable dialect, already checked (written as a literal or a let constant).</summary>
public sealed record BoundRegex(string Pattern, SourceSpan Location) : BoundExpression(ScalarType.String, Location)
{
    public override T Accept<T>(IBoundExpressionVisitor<T> visitor) => visitor.VisitRegex(this);
}

/// <summary>What follows an error already reported: never reaches a backend (a query with errors is not compiled).</summary>
public sealed record BoundError(SourceSpan Location) : BoundExpression(ScalarType.Unknown, Location)
{
    public override T Accept<T>(IBoundExpressionVisitor<T> visitor) => visitor.VisitError(this);
}

/// <summary>The list of an <c>in</c> test.</summary>
public abstract record BoundList(SourceSpan Location)
{
    public abstract T Accept<T>(IBoundListVisitor<T> visitor);
}

/// <summary>A parenthesised list of expressions: <c>("a", "b", x)</c>.</summary>
public sealed record BoundListItems(ImmutableArray<BoundExpression> Items, SourceSpan Location) : BoundList(Location)
{
    public override T Accept<T>(IBoundListVisitor<T> visitor) => visitor.VisitItems(this);
}

/// <summary><c>@name</c>: a named list of the repository.</summary>
public sealed record BoundNamedList(NamedList List, SourceSpan Location) : BoundList(Location)
{
    public override T Accept<T>(IBoundListVisitor<T> visitor) => visitor.VisitNamedList(this);
}

/// <summary>A let constant holding a dynamic array.</summary>
public sealed record BoundLetConstantList(BoundLetConstant Let, SourceSpan Location) : BoundList(Location)
{
    public override T Accept<T>(IBoundListVisitor<T> visitor) => visitor.VisitLetConstant(this);
}

/// <summary>A let sub-pipeline with one output column, whose values are the list.</summary>
public sealed record BoundPipelineList(BoundLetPipeline Let, SourceSpan Location) : BoundList(Location)
{
    public override T Accept<T>(IBoundListVisitor<T> visitor) => visitor.VisitPipeline(this);
}
