using System.Collections.Immutable;
using RuleCompiler.Backends.Splunk.Spl;

namespace RuleCompiler.Importers.Escu;

/// <summary>
/// Reads the argument tokens of one command. A field name the tokenizer split at dots inside an expression
/// (<c>userIdentity</c> <c>.</c> <c>userName</c>, written without spaces) is read back as one dotted name.
/// </summary>
internal sealed class SplTokenCursor
{
    private readonly ImmutableArray<SplToken> _tokens;
    private int _index;

    public SplTokenCursor(IEnumerable<SplToken> tokens, SplToken end)
    {
        _tokens = [.. JoinDottedNames([.. tokens])];
        End = end;
    }

    /// <summary>Where a diagnostic about a missing token points: the command's last token.</summary>
    public SplToken End { get; }

    public bool AtEnd => _index >= _tokens.Length;

    public SplToken? Peek(int ahead = 0) => _index + ahead < _tokens.Length ? _tokens[_index + ahead] : null;

    public SplToken Next() => AtEnd
        ? throw new SplTranslationException(End, EscuDiagnosticCodes.SplSyntax, "the command ends too early")
        : _tokens[_index++];

    public bool IsWord(string word, int ahead = 0) =>
        Peek(ahead) is { Kind: SplTokenKind.Word } t && t.Value.Equals(word, StringComparison.OrdinalIgnoreCase);

    public bool Is(SplTokenKind kind, int ahead = 0) => Peek(ahead)?.Kind == kind;

    public bool IsOperator(string op, int ahead = 0) => Peek(ahead) is { Kind: SplTokenKind.Operator } t && t.Value == op;

    public SplToken Expect(SplTokenKind kind, string what)
    {
        var token = Peek() ?? End;
        if (AtEnd || token.Kind != kind)
        {
            throw new SplTranslationException(token, EscuDiagnosticCodes.SplSyntax, $"expected {what}");
        }

        return Next();
    }

    private static IEnumerable<SplToken> JoinDottedNames(List<SplToken> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            while (token.Kind == SplTokenKind.Word && i + 2 < tokens.Count
                && tokens[i + 1] is { Kind: SplTokenKind.Operator, Value: "." } dot && dot.Offset == token.Offset + token.Text.Length
                && tokens[i + 2] is { Kind: SplTokenKind.Word } next && next.Offset == dot.Offset + 1
                && !char.IsAsciiDigit(token.Text[0]) && !char.IsAsciiDigit(next.Text[0]))
            {
                var text = token.Text + "." + next.Text;
                token = token with { Text = text, Value = text };
                i += 2;
            }

            yield return token;
        }
    }
}
