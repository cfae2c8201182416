using System.Collections.Immutable;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Functions;
using RuleCompiler.Compiler.Language.Syntax;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Compiler.Language.Bound;

/// <summary>
/// The binder's result: the typed bound tree of a search (its lets and its main pipeline) and the diagnostics.
/// Backends read only the tree. <see cref="Syntax"/> and <see cref="InfoOf"/> serve tools that start from the text
/// (tests, editors): what the binder made of each written expression.
/// </summary>
public sealed record BoundQuery(
    Query Syntax,
    ImmutableArray<BoundLet> Lets,
    BoundPipeline Body,
    ImmutableArray<BindDiagnostic> Diagnostics,
    IReadOnlyDictionary<Expression, BoundExpression> Expressions)
{
    /// <summary>The schema of the rows the rule outputs (entities, risk messages and alerts refer to these columns).</summary>
    public RowSchema Output => Body.Output;

    public ImmutableArray<Column> OutputColumns => Output.Columns;

    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    /// <summary>The bound form of a written expression of this query (or of a fragment it invokes), by reference.</summary>
    public BoundExpression InfoOf(Expression expression) =>
        Expressions.TryGetValue(expression, out var bound) ? bound : throw new ArgumentException("The expression is not part of this bound query.", nameof(expression));

    public ScalarType TypeOf(Expression expression) => InfoOf(expression).Type;

    public ResolvedField? FieldOf(FieldExpression field) => InfoOf(field).Field;

    public FunctionSignature? FunctionOf(FunctionCallExpression call) => InfoOf(call).Function;
}

public abstract record BoundLet(string Name, SourceSpan Location);

/// <summary><c>let name = expr;</c></summary>
public sealed record BoundLetConstant(string Name, BoundExpression Value, SourceSpan Location) : BoundLet(Name, Location)
{
    public ScalarType Type => Value.Type;
}

/// <summary><c>let name = (pipeline);</c>: its output schema is what <c>name | ...</c> starts from.</summary>
public sealed record BoundLetPipeline(string Name, BoundPipeline Pipeline, SourceSpan Location) : BoundLet(Name, Location);

/// <summary>A bound pipeline: where its rows come from and its stages in order.</summary>
public sealed record BoundPipeline(BoundSource Source, ImmutableArray<BoundStage> Stages, SourceSpan Location)
{
    public RowSchema Input => Source.Schema;

    public RowSchema Output => Stages.IsEmpty ? Input : Stages[^1].Output;
}

public abstract record BoundSource(RowSchema Schema);

/// <summary>The rule's data source: its events, as rows of <c>_time</c> and every declared field.</summary>
public sealed record BoundDataSourceInput(DataSource DataSource, RowSchema Schema) : BoundSource(Schema);

/// <summary>A let-bound sub-pipeline's rows (<c>name | ...</c>).</summary>
public sealed record BoundLetPipelineInput(BoundLetPipeline Let) : BoundSource(Let.Pipeline.Output);

/// <summary><c>table(name)</c>: the lookup table's rows, one column per declared column with its type.</summary>
public sealed record BoundTableInput(LookupTable Table, RowSchema Schema, SourceSpan Location) : BoundSource(Schema);

/// <summary>The source of a pipeline that failed to bind (already reported).</summary>
public sealed record BoundUnresolvedInput() : BoundSource(RowSchema.UnresolvedSource);
