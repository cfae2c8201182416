using System.Collections.Immutable;
using RuleCompiler.Compiler.Language.Functions;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Compiler.Language.Binding;

/// <summary>What the binder knows about one expression node.</summary>
public sealed record ExpressionInfo(ScalarType Type, bool Multivalued, ResolvedField? Field, FunctionSignature? Function);

/// <summary>
/// The binder's result: the syntax it bound, each stage's input and output schema, the type of every expression,
/// what every field reference and function call names, and the diagnostics. Immutable: <see cref="Expressions"/>
/// is a read-only view (keyed by node reference) of a table nothing writes to after binding.
/// </summary>
public sealed record BoundQuery(
    Query Syntax,
    ImmutableArray<BoundLet> Lets,
    BoundPipeline Body,
    ImmutableArray<BindDiagnostic> Diagnostics,
    IReadOnlyDictionary<Expression, ExpressionInfo> Expressions)
{
    /// <summary>The schema of the rows the rule outputs (entities, risk messages and alerts refer to these columns).</summary>
    public RowSchema Output => Body.Output;

    public ImmutableArray<Column> OutputColumns => Output.Columns;

    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    /// <summary>The bound information of an expression of this query (or of a fragment it invokes), by reference.</summary>
    public ExpressionInfo InfoOf(Expression expression) =>
        Expressions.TryGetValue(expression, out var info) ? info : throw new ArgumentException("The expression is not part of this bound query.", nameof(expression));

    public ScalarType TypeOf(Expression expression) => InfoOf(expression).Type;

    public ResolvedField? FieldOf(FieldExpression field) => InfoOf(field).Field;

    public FunctionSignature? FunctionOf(FunctionCallExpression call) => InfoOf(call).Function;
}

public abstract record BoundLet(string Name);

/// <summary><c>let name = expr;</c> with the constant's type.</summary>
public sealed record BoundLetConstant(LetExpression Syntax, ScalarType Type) : BoundLet(Syntax.Name);

/// <summary><c>let name = (pipeline);</c> bound; its output schema is what <c>name | ...</c> starts from.</summary>
public sealed record BoundLetPipeline(LetPipeline Syntax, BoundPipeline Pipeline) : BoundLet(Syntax.Name);

/// <summary>A bound pipeline: the schema of its source and its stages in order.</summary>
public sealed record BoundPipeline(Pipeline Syntax, RowSchema Input, ImmutableArray<BoundStage> Stages)
{
    public RowSchema Output => Stages.IsEmpty ? Input : Stages[^1].Output;
}

/// <summary>
/// A bound stage. <see cref="SubPipelines"/> holds join's right side or union's pipelines;
/// <see cref="Inlined"/> holds the bound stages of an invoked fragment.
/// </summary>
public sealed record BoundStage(
    Stage Syntax,
    RowSchema Input,
    RowSchema Output,
    ImmutableArray<BoundPipeline> SubPipelines,
    ImmutableArray<BoundStage> Inlined,
    ParsedFragment? Fragment = null);
