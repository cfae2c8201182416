using System.Collections.Immutable;
using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Compiler.Language.Binding;

public enum ResolvedFieldKind
{
    /// <summary>A column of the input rows (a source field, <c>_time</c>, or a computed column).</summary>
    Column,
    /// <summary>A dotted prefix of declared source fields (<c>userIdentity</c> when <c>userIdentity.arn</c> is declared): an object.</summary>
    ObjectPrefix,
    /// <summary>A <c>let name = expr;</c> constant.</summary>
    LetConstant,
}

/// <summary>
/// What a field reference names. <see cref="ColumnName"/> is the column (or let) it starts from; the
/// <see cref="Remainder"/> is the path below it, inside a dynamic value (<c>requestParameters.bucketName</c>
/// with column <c>requestParameters</c> and remainder <c>.bucketName</c>).
/// </summary>
public sealed record ResolvedField(
    ResolvedFieldKind Kind,
    string ColumnName,
    Column? Column,
    ImmutableArray<PathStep> Remainder,
    ScalarType Type,
    bool Multivalued)
{
    /// <summary>The let constant, for <see cref="ResolvedFieldKind.LetConstant"/>.</summary>
    public BoundLetConstant? Let { get; init; }

    /// <summary>The data source field, when the column passes one through.</summary>
    public FieldDefinition? SourceField => Column?.SourceField;

    public bool IsEventTime => Column?.Origin == ColumnOrigin.EventTime;
}
