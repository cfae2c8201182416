namespace RuleCompiler.Compiler.Language.Binding;

/// <summary>Where an aggregate function may appear while binding an expression.</summary>
internal enum AggregateMode
{
    /// <summary>Aggregates are an error (where, extend, by keys, ...).</summary>
    Forbidden,
    /// <summary>A summarize aggregate item: aggregates are required, bare columns are an error outside them.</summary>
    SummarizeItem,
    /// <summary>Inside an aggregate's arguments: columns are fine, nested aggregates are an error.</summary>
    AggregateArgument,
}

/// <summary>The columns an expression sees, and for join conditions the two sides.</summary>
internal sealed record ExpressionScope(RowSchema Row, AggregateMode Aggregates, RowSchema? Left = null, RowSchema? Right = null)
{
    /// <summary>A let constant: no row (only earlier lets).</summary>
    public static ExpressionScope Constant { get; } = new(RowSchema.Empty, AggregateMode.Forbidden);

    public static ExpressionScope Rows(RowSchema row) => new(row, AggregateMode.Forbidden);
}
