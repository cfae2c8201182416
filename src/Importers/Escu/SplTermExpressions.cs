using System.Collections.Immutable;

namespace RuleCompiler.Importers.Escu;

/// <summary>
/// A search term that keeps events whose eventName equals one of these values, ignoring case (<c>eventName=X</c>,
/// <c>eventName IN (...)</c>): the first search's such terms bound the event names that reach later commands.
/// </summary>
internal sealed record EventNameTerm(ImmutableArray<string> Values, string Text) : QueryExpression
{
    public override string Print() => Text;

    /// <summary>
    /// The value sets a condition requires of eventName: each conjunct that is such a term, or an or of such terms.
    /// An event that passes the condition has an eventName equal, ignoring case, to a value of every set.
    /// </summary>
    public static ImmutableArray<ImmutableArray<string>> Required(QueryExpression condition)
    {
        var required = ImmutableArray.CreateBuilder<ImmutableArray<string>>();
        foreach (var part in Conjuncts(condition))
        {
            if (part is EventNameTerm term)
            {
                required.Add(term.Values);
            }
            else if (part is OrExpression or && or.Parts.All(p => p is EventNameTerm))
            {
                required.Add([.. or.Parts.Cast<EventNameTerm>().SelectMany(t => t.Values)]);
            }
        }

        return required.ToImmutable();
    }

    private static IEnumerable<QueryExpression> Conjuncts(QueryExpression condition) =>
        condition is AndExpression and ? and.Parts.SelectMany(Conjuncts) : [condition];
}

/// <summary>A term whose text depends on what the rest of its search command says (the event names it requires).</summary>
internal sealed record DeferredTerm(Func<string> Render) : QueryExpression
{
    public override string Print() => Render();
}

/// <summary><c>field=CASE(value)</c>: equality, case-sensitive.</summary>
internal sealed record CaseSensitiveTerm(string Target, string Value) : QueryExpression
{
    public override string Print() => $"{Target} == {RuleCompiler.Compiler.Language.Printing.StringLiterals.Quote(Value)}";
}
