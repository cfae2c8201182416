using RuleCompiler.Backends.Splunk.Spl;

namespace RuleCompiler.Importers.Escu;

/// <summary>
/// <c>isnotnull(L) AND isnotnull(V) AND mvcount(mvdedup(mvappend(L, V)))==mvcount(mvdedup(L))</c>: V is among the
/// values of the multivalue field L, since adding it adds no distinct value (mvappend, mvdedup and mvcount are
/// documented and compare exact text). It is the canonical <c>L == V</c> of a member list (semantics §5.2), and the
/// Splunk backend's form of it for a computed value. Its parts have no canonical meaning of their own, and without
/// the guards a null V is whatever mvappend does with a null, which Splunk does not document: so only the whole,
/// guarded form is read.
/// </summary>
internal sealed partial class SplEvalTranslator
{
    private sealed record ListHoldsTest(string List, string Value, SplToken At);

    private static bool AtListHolds(SplTokenCursor c) =>
        c.IsWord("mvcount") && c.Is(SplTokenKind.OpenParen, 1) && c.IsWord("mvdedup", 2) && c.Is(SplTokenKind.OpenParen, 3);

    private Part ListHolds(SplTokenCursor c)
    {
        var at = c.Peek()!;
        Expect(c, "mvcount", "mvdedup", "mvappend");
        var list = OrExpression(c);
        c.Expect(SplTokenKind.Comma, "','");
        var value = OrExpression(c);
        Close(c, 3);
        if (c.Peek() is not { Kind: SplTokenKind.Operator, Value: "==" or "=" })
        {
            throw Unread(at);
        }

        c.Next();
        Expect(c, "mvcount", "mvdedup");
        var again = OrExpression(c);
        Close(c, 2);
        if (list.MemberList is null || value.MemberList is not null || again.Text != list.Text)
        {
            throw Unread(at);
        }

        return new Part($"{Wrap(list, Add)} == {Wrap(value, Add)}", Compare, Holds: new ListHoldsTest(list.Text, value.Text, at));

        void Expect(SplTokenCursor cursor, params string[] calls)
        {
            foreach (var call in calls)
            {
                if (!cursor.IsWord(call) || !cursor.Is(SplTokenKind.OpenParen, 1))
                {
                    throw Unread(at);
                }

                cursor.Next();
                cursor.Next();
            }
        }

        static void Close(SplTokenCursor cursor, int count)
        {
            for (var i = 0; i < count; i++)
            {
                cursor.Expect(SplTokenKind.CloseParen, "')'");
            }
        }
    }

    /// <summary>The and-chain <c>isnotnull(L) AND isnotnull(V) AND</c> the list-holds test, as the test alone; any other use of the test is refused.</summary>
    private static Part? GuardedListHolds(List<Part> operands)
    {
        if (operands.Select(o => o.Holds).OfType<ListHoldsTest>().FirstOrDefault() is not { } holds)
        {
            return null;
        }

        var guards = operands.Where(o => o.Holds is null).Select(o => o.NotNullOf).ToList();
        if (operands.Count == 3 && operands[^1].Holds is not null && guards.Order(StringComparer.Ordinal).SequenceEqual(new[] { holds.List, holds.Value }.Order(StringComparer.Ordinal)))
        {
            return operands[^1] with { Holds = null };
        }

        throw Unread(holds.At);
    }

    private static SplTranslationException Unread(SplToken at) =>
        new(at, EscuDiagnosticCodes.UnsupportedFunction,
            "mvcount(mvdedup(...)) is read only as isnotnull(L) AND isnotnull(V) AND mvcount(mvdedup(mvappend(L, V)))==mvcount(mvdedup(L)), the test of whether the multivalue field L holds the value V");
}
