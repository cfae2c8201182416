using System.Collections.Immutable;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Compiler.Language.Bound;

/// <summary>
/// One bound stage: the schema of the rows it reads and of the rows it writes, and where it was written. Every
/// output column name here is final: backends never derive names themselves.
/// </summary>
public abstract record BoundStage(RowSchema Input, RowSchema Output, SourceSpan Location)
{
    public abstract T Accept<T>(IBoundStageVisitor<T> visitor);
}

/// <summary>An output column and the expression that computes it (extend, project, distinct, summarize keys).</summary>
public sealed record BoundAssignment(Column Column, BoundExpression Value, SourceSpan Location)
{
    /// <summary>True when the value is the input column of the same name, unchanged (<c>project eventName</c>).</summary>
    public bool IsPassThrough => Value is BoundFieldReference { Resolved: { Kind: ResolvedFieldKind.Column, Remainder.IsEmpty: true } resolved }
        && resolved.ColumnName == Column.Name;
}

public sealed record BoundWhere(BoundExpression Predicate, RowSchema Input, SourceSpan Location) : BoundStage(Input, Input, Location)
{
    public override T Accept<T>(IBoundStageVisitor<T> visitor) => visitor.VisitWhere(this);
}

/// <summary>extend: each column sees the ones before it; a column of an existing name replaces it in place.</summary>
public sealed record BoundExtend(ImmutableArray<BoundAssignment> Columns, RowSchema Input, RowSchema Output, SourceSpan Location) : BoundStage(Input, Output, Location)
{
    public override T Accept<T>(IBoundStageVisitor<T> visitor) => visitor.VisitExtend(this);
}

/// <summary>project: exactly these columns, in order.</summary>
public sealed record BoundProject(ImmutableArray<BoundAssignment> Columns, RowSchema Input, RowSchema Output, SourceSpan Location) : BoundStage(Input, Output, Location)
{
    public override T Accept<T>(IBoundStageVisitor<T> visitor) => visitor.VisitProject(this);
}

/// <summary>project-away: the named input columns (an object prefix names every column below it) are dropped.</summary>
public sealed record BoundProjectAway(ImmutableArray<Column> Removed, RowSchema Input, RowSchema Output, SourceSpan Location) : BoundStage(Input, Output, Location)
{
    public override T Accept<T>(IBoundStageVisitor<T> visitor) => visitor.VisitProjectAway(this);
}

public sealed record BoundRename(Column From, string NewName, SourceSpan Location);

/// <summary>project-rename: each column keeps its place and value under a new name.</summary>
public sealed record BoundProjectRename(ImmutableArray<BoundRename> Renames, RowSchema Input, RowSchema Output, SourceSpan Location) : BoundStage(Input, Output, Location)
{
    public override T Accept<T>(IBoundStageVisitor<T> visitor) => visitor.VisitProjectRename(this);
}

/// <summary>mv-expand: one output row per element of <see cref="Array"/>, in <see cref="Column"/> (added or replaced).</summary>
public sealed record BoundMvExpand(Column Column, BoundExpression Array, RowSchema Input, RowSchema Output, SourceSpan Location) : BoundStage(Input, Output, Location)
{
    public override T Accept<T>(IBoundStageVisitor<T> visitor) => visitor.VisitMvExpand(this);
}

/// <summary>
/// summarize: the by keys, then the aggregations, in the order of <see cref="BoundStage.Output"/>. An aggregation
/// is either a value (an expression over aggregate calls, <c>duration = max(_time) - min(_time)</c>) or a row
/// choice (<c>arg_max</c>/<c>arg_min</c>, whose carried columns are already expanded from <c>*</c>).
/// </summary>
public sealed record BoundSummarize(ImmutableArray<BoundAssignment> Keys, ImmutableArray<BoundAggregation> Aggregations, RowSchema Input, RowSchema Output, SourceSpan Location) : BoundStage(Input, Output, Location)
{
    public override T Accept<T>(IBoundStageVisitor<T> visitor) => visitor.VisitSummarize(this);
}

public abstract record BoundAggregation(SourceSpan Location);

/// <summary>An output column computed from aggregate calls (every <see cref="BoundCall"/> inside with an aggregate function).</summary>
public sealed record BoundAggregateValue(BoundAssignment Assignment) : BoundAggregation(Assignment.Location);

/// <summary><c>arg_max(by, c1, c2)</c>: the group's row with the largest (smallest) <see cref="By"/>; its value and the carried columns.</summary>
public sealed record BoundArgExtreme(bool Max, BoundAssignment By, ImmutableArray<BoundAssignment> Carried, SourceSpan Location) : BoundAggregation(Location);

/// <summary>distinct: the distinct combinations of these columns.</summary>
public sealed record BoundDistinct(ImmutableArray<BoundAssignment> Columns, RowSchema Input, RowSchema Output, SourceSpan Location) : BoundStage(Input, Output, Location)
{
    public override T Accept<T>(IBoundStageVisitor<T> visitor) => visitor.VisitDistinct(this);
}

public sealed record BoundSortKey(BoundExpression Value, bool Descending, SourceSpan Location);

public sealed record BoundSort(ImmutableArray<BoundSortKey> Keys, RowSchema Input, SourceSpan Location) : BoundStage(Input, Input, Location)
{
    public override T Accept<T>(IBoundStageVisitor<T> visitor) => visitor.VisitSort(this);
}

public sealed record BoundTake(long Count, RowSchema Input, SourceSpan Location) : BoundStage(Input, Input, Location)
{
    public override T Accept<T>(IBoundStageVisitor<T> visitor) => visitor.VisitTake(this);
}

/// <summary>fill-null: nulls (and, for strings, empty values) in <see cref="Columns"/> become <see cref="Value"/>; empty means every column.</summary>
public sealed record BoundFillNull(BoundLiteral Value, ImmutableArray<Column> Columns, RowSchema Input, SourceSpan Location) : BoundStage(Input, Input, Location)
{
    public override T Accept<T>(IBoundStageVisitor<T> visitor) => visitor.VisitFillNull(this);
}

/// <summary>A join key: the left column equals the right column (<c>on key</c> names the same column on both sides).</summary>
public sealed record BoundJoinKey(Column Left, Column Right, SourceSpan Location);

/// <summary>join: <see cref="BoundStage.Output"/> holds the left columns then the right ones, renamed with a suffix on a clash.</summary>
public sealed record BoundJoin(JoinKind Kind, BoundPipeline Right, ImmutableArray<BoundJoinKey> Keys, RowSchema Input, RowSchema Output, SourceSpan Location) : BoundStage(Input, Output, Location)
{
    public override T Accept<T>(IBoundStageVisitor<T> visitor) => visitor.VisitJoin(this);
}

/// <summary>union: the input rows, then the rows of each pipeline; columns merged by name.</summary>
public sealed record BoundUnion(ImmutableArray<BoundPipeline> Pipelines, RowSchema Input, RowSchema Output, SourceSpan Location) : BoundStage(Input, Output, Location)
{
    public override T Accept<T>(IBoundStageVisitor<T> visitor) => visitor.VisitUnion(this);
}

/// <summary>invoke: a fragment's stages, bound in place (their locations point into the fragment's file).</summary>
public sealed record BoundInvoke(FragmentSymbol Fragment, ImmutableArray<BoundStage> Stages, RowSchema Input, RowSchema Output, SourceSpan Location) : BoundStage(Input, Output, Location)
{
    public override T Accept<T>(IBoundStageVisitor<T> visitor) => visitor.VisitInvoke(this);
}

/// <summary>A fragment of the repository (rules/fragments/NAME.yml) as invoked.</summary>
public sealed record FragmentSymbol(string Name, Model.Fragment? Definition);
