using RuleCompiler.Compiler.Language.Syntax;
using Sprache;

namespace RuleCompiler.Compiler.Language.Parsing;

/// <summary>What a relational operator token builds.</summary>
internal enum RelationalKind
{
    Binary,
    MatchesRegex,
    In,
    Between,
}

internal readonly record struct RelationalOperator(RelationalKind Kind, string Text, TextSpan Span, BinaryOperator Binary = default, InOperator In = default, bool Negated = false);

/// <summary>Operator tokens. Word operators must end at a word boundary (<c>has</c> is not the start of <c>hasValue</c>).</summary>
internal static class Operators
{
    // Two-character operators before their one-character prefixes (<= before <).
    private static readonly (string Text, BinaryOperator Operator)[] Symbolic =
    [
        .. new[]
        {
            BinaryOperator.Equal, BinaryOperator.NotEqual, BinaryOperator.EqualCi, BinaryOperator.NotEqualCi,
            BinaryOperator.LessOrEqual, BinaryOperator.GreaterOrEqual, BinaryOperator.Less, BinaryOperator.Greater,
        }.Select(op => (OperatorSpellings.Binary[op], op)),
    ];

    private static readonly Dictionary<string, BinaryOperator> StringOperators = new(OperatorSpellings.WordOperators, StringComparer.Ordinal);

    /// <summary>Comparison, string, <c>matches regex</c>, <c>in</c> and <c>between</c> operators.</summary>
    public static readonly Parser<RelationalOperator> Relational = input =>
    {
        var text = input.Source;
        var start = input.Next();
        foreach (var (symbol, op) in Symbolic)
        {
            if (start + symbol.Length <= text.Length && string.CompareOrdinal(text, start, symbol, 0, symbol.Length) == 0)
            {
                return Tokens.Success(new RelationalOperator(RelationalKind.Binary, symbol, new TextSpan(start, symbol.Length), Binary: op), input, start + symbol.Length);
            }
        }

        var negated = start < text.Length && text[start] == '!';
        var wordStart = negated ? start + 1 : start;
        var wordEnd = Scanner.ScanIdentifier(text, wordStart);
        if (wordEnd == wordStart)
        {
            return Tokens.Failure<RelationalOperator>(input, "an operator");
        }

        var word = text[start..wordEnd];
        if (StringOperators.TryGetValue(word, out var stringOperator))
        {
            return Tokens.Success(new RelationalOperator(RelationalKind.Binary, word, new TextSpan(start, wordEnd - start), Binary: stringOperator), input, wordEnd);
        }

        var core = text[wordStart..wordEnd];
        if (core == "in")
        {
            var caseInsensitive = wordEnd < text.Length && text[wordEnd] == '~';
            var end = caseInsensitive ? wordEnd + 1 : wordEnd;
            var op = (negated, caseInsensitive) switch
            {
                (false, false) => InOperator.In,
                (false, true) => InOperator.InCi,
                (true, false) => InOperator.NotIn,
                (true, true) => InOperator.NotInCi,
            };
            return Tokens.Success(new RelationalOperator(RelationalKind.In, text[start..end], new TextSpan(start, end - start), In: op), input, end);
        }

        if (!negated && core is "has_any" or "has_all")
        {
            var op = core == "has_any" ? InOperator.HasAny : InOperator.HasAll;
            return Tokens.Success(new RelationalOperator(RelationalKind.In, word, new TextSpan(start, wordEnd - start), In: op), input, wordEnd);
        }

        if (core == "between")
        {
            return Tokens.Success(new RelationalOperator(RelationalKind.Between, word, new TextSpan(start, wordEnd - start), Negated: negated), input, wordEnd);
        }

        if (!negated && core == "matches")
        {
            return Tokens.Success(new RelationalOperator(RelationalKind.MatchesRegex, word, new TextSpan(start, wordEnd - start), Binary: BinaryOperator.MatchesRegex), input, wordEnd);
        }

        return Tokens.Failure<RelationalOperator>(input, "an operator");
    };

    public static Parser<(BinaryOperator Operator, string Text, TextSpan Span)> Word(string word, BinaryOperator op) =>
        Tokens.Word(word).Select(span => (op, word, span));

    public static Parser<(BinaryOperator Operator, string Text, TextSpan Span)> Symbols(params (string Text, BinaryOperator Operator)[] symbols) => input =>
    {
        var text = input.Source;
        var start = input.Next();
        foreach (var (symbol, op) in symbols)
        {
            if (start < text.Length && text[start] == symbol[0])
            {
                return Tokens.Success((op, symbol, new TextSpan(start, 1)), input, start + 1);
            }
        }

        return Tokens.Failure<(BinaryOperator, string, TextSpan)>(input, "an operator");
    };
}
