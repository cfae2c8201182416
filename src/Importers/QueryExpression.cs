namespace RuleCompiler.Importers;

/// <summary>
/// A boolean condition of the canonical language being assembled by an importer; <see cref="Print"/> writes it
/// with the parentheses the precedence (not, then and, then or) needs.
/// </summary>
public abstract record QueryExpression
{
    public static QueryExpression AllOf(IReadOnlyList<QueryExpression> parts) => parts.Count == 1 ? parts[0] : new AndExpression(parts);

    public static QueryExpression AnyOf(IReadOnlyList<QueryExpression> parts) => parts.Count == 1 ? parts[0] : new OrExpression(parts);

    public abstract string Print();
}

/// <summary>A comparison or call, already in canonical text (its literals quoted by StringLiterals.Quote).</summary>
public sealed record TermExpression(string Text) : QueryExpression
{
    public override string Print() => Text;
}

public sealed record AndExpression(IReadOnlyList<QueryExpression> Parts) : QueryExpression
{
    public override string Print() => string.Join(" and ", Parts.Select(p => p is OrExpression ? $"({p.Print()})" : p.Print()));
}

public sealed record OrExpression(IReadOnlyList<QueryExpression> Parts) : QueryExpression
{
    // An and inside an or needs no parentheses by precedence, but gets them so no reader has to know it.
    public override string Print() => string.Join(" or ", Parts.Select(p => p is AndExpression ? $"({p.Print()})" : p.Print()));
}

public sealed record NotExpression(QueryExpression Operand) : QueryExpression
{
    // A term that is one parenthesised group already (the add-on's errorCode term) gets no second pair.
    public override string Print() => Operand.Print() is var operand && QueryParentheses.IsOneGroup(operand) ? $"not {operand}" : $"not ({operand})";
}
