using System.Collections.Concurrent;
using RuleCompiler.Compiler.Language.Syntax;
using Sprache;

namespace RuleCompiler.Compiler.Language.Parsing;

/// <summary>
/// Small named Sprache parsers for tokens. Each skips the trivia before its token and returns the token's span,
/// so node spans never include whitespace or comments. A failure names what was expected, which
/// <see cref="Expect{T}"/> turns into an "expected X, found Y" error at the exact offset.
/// </summary>
internal static class Tokens
{
    public static QueryInput Q(this IInput input) => (QueryInput)input;

    /// <summary>The offset of the next token after <paramref name="input"/>.</summary>
    public static int Next(this IInput input) => Scanner.SkipTrivia(input.Source, input.Position);

    public static IResult<T> Success<T>(T value, IInput input, int position) => Result.Success(value, input.Q().At(position));

    // Token parsers and failure texts are cached: grammar rules ask for them on every call, and a parse tries
    // many alternatives that fail.
    private static readonly ConcurrentDictionary<string, Parser<TextSpan>> WordParsers = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Parser<TextSpan>> SymbolParsers = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, (string Message, string[] Expectations)> FailureTexts = new(StringComparer.Ordinal);

    public static IResult<T> Failure<T>(IInput input, string expected)
    {
        var (message, expectations) = FailureTexts.GetOrAdd(expected, e => ($"expected {e}", [e]));
        return Result.Failure<T>(input.Q().At(input.Next()), message, expectations);
    }

    /// <summary>A keyword such as <c>by</c>; it must not continue as a longer word.</summary>
    public static Parser<TextSpan> Word(string word) => WordParsers.GetOrAdd(word, CreateWord);

    private static Parser<TextSpan> CreateWord(string word)
    {
        var expected = $"'{word}'";
        return input =>
        {
            var start = input.Next();
            return Scanner.IsWordAt(input.Source, start, word)
                ? Success(new TextSpan(start, word.Length), input, start + word.Length)
                : Failure<TextSpan>(input, expected);
        };
    }

    /// <summary>
    /// A punctuation token. <c>=</c> is not the start of <c>==</c> or <c>=~</c>; <c>.</c> is not the start of <c>..</c>;
    /// <c>|</c> is not the start of <c>||</c>.
    /// </summary>
    public static Parser<TextSpan> Symbol(string symbol) => SymbolParsers.GetOrAdd(symbol, CreateSymbol);

    private static Parser<TextSpan> CreateSymbol(string symbol)
    {
        var expected = $"'{symbol}'";
        return input =>
        {
            var text = input.Source;
            var start = input.Next();
            var end = start + symbol.Length;
            var matches = end <= text.Length && string.CompareOrdinal(text, start, symbol, 0, symbol.Length) == 0
                && !(symbol == "=" && end < text.Length && text[end] is '=' or '~')
                && !(symbol == "." && end < text.Length && text[end] == '.');
            return matches ? Success(new TextSpan(start, symbol.Length), input, end) : Failure<TextSpan>(input, expected);
        };
    }

    /// <summary>An identifier, reserved words included (used after a dot and for function names).</summary>
    public static readonly Parser<(string Name, TextSpan Span)> AnyIdentifier = input =>
    {
        var start = input.Next();
        var end = Scanner.ScanIdentifier(input.Source, start);
        return end > start
            ? Success((input.Source[start..end], new TextSpan(start, end - start)), input, end)
            : Failure<(string, TextSpan)>(input, "a name");
    };

    /// <summary>
    /// Turns a failure of <paramref name="parser"/> into a committed error: "expected X, found Y" at the offset of
    /// the next token.
    /// </summary>
    public static Parser<T> Expect<T>(this Parser<T> parser, string code, string expected) => input =>
    {
        var result = parser(input);
        if (result.WasSuccessful)
        {
            return result;
        }

        throw ErrorAt(input, code, $"expected {expected}");
    };

    /// <summary>
    /// A committed item: its absence is "expected {what}, found X" (code <paramref name="code"/>), or, when X is a
    /// keyword, the advice to quote it if a field of that name was meant.
    /// </summary>
    public static Parser<T> Require<T>(Parser<T> parser, string what, string code = SyntaxCodes.ExpectedExpression) => input =>
    {
        var result = parser(input);
        return result.WasSuccessful ? result : throw Missing(input, what, code);
    };

    /// <summary>The committed error for a required item that is absent after <paramref name="input"/> (see <see cref="Require{T}"/>).</summary>
    public static SyntaxError Missing(IInput input, string what, string code = SyntaxCodes.ExpectedExpression)
    {
        var position = input.Next();
        var end = Scanner.ScanIdentifier(input.Source, position);
        var word = input.Source[position..end];
        if (code == SyntaxCodes.ExpectedExpression && SyntaxFacts.IsReservedWord(word))
        {
            return new SyntaxError(
                SyntaxCodes.KeywordAsName,
                $"expected {what}, found the keyword '{word}' (write [\"{word}\"] for a field of that name)",
                new TextSpan(position, end - position));
        }

        return ErrorAt(input, code, $"expected {what}");
    }

    /// <summary>A committed error describing the token after <paramref name="input"/>.</summary>
    public static SyntaxError ErrorAt(IInput input, string code, string expectation)
    {
        var position = input.Next();
        return new SyntaxError(code, $"{expectation}, found {Scanner.Describe(input.Source, position)}", Scanner.FoundSpan(input.Source, position));
    }

    /// <summary>Counts nesting so that deep input gives a diagnostic instead of exhausting the stack.</summary>
    public static Parser<T> Guard<T>(Parser<T> parser) => input =>
    {
        var context = input.Q().Context;
        if (context.Depth >= ParseContext.MaxDepth)
        {
            var position = input.Next();
            throw new SyntaxError(
                SyntaxCodes.NestingTooDeep,
                $"the query nests deeper than {ParseContext.MaxDepth} levels of parentheses, operators or sub-pipelines",
                Scanner.FoundSpan(input.Source, position));
        }

        context.Depth++;
        try
        {
            return parser(input);
        }
        finally
        {
            context.Depth--;
        }
    };

    /// <summary>
    /// <c>item ("," item)*</c> where every item after a comma is committed; at least one item.
    /// </summary>
    public static Parser<List<T>> CommaList<T>(Parser<T> item, string code, string expected)
    {
        var committed = Require(item, expected, code);
        var comma = Symbol(",");
        return input =>
        {
            var first = item(input);
            if (!first.WasSuccessful)
            {
                return Result.Failure<List<T>>(first.Remainder, first.Message, first.Expectations);
            }

            var items = new List<T> { first.Value };
            var rest = first.Remainder;
            while (true)
            {
                var separator = comma(rest);
                if (!separator.WasSuccessful)
                {
                    return Result.Success(items, rest);
                }

                var next = committed(separator.Remainder);
                items.Add(next.Value);
                rest = next.Remainder;
            }
        };
    }

    /// <summary><c>open inner close</c> where a missing close is an unbalanced-parentheses error naming where it opened.</summary>
    public static Parser<(T Value, TextSpan Span)> Enclosed<T>(string open, Parser<T> inner, string close)
    {
        var openToken = Symbol(open);
        var closeToken = Symbol(close);
        var code = open == "(" ? SyntaxCodes.UnbalancedParentheses : SyntaxCodes.UnbalancedBrackets;
        return input =>
        {
            var opened = openToken(input);
            if (!opened.WasSuccessful)
            {
                return Result.Failure<(T, TextSpan)>(opened.Remainder, opened.Message, opened.Expectations);
            }

            var value = inner(opened.Remainder);
            if (!value.WasSuccessful)
            {
                return Result.Failure<(T, TextSpan)>(value.Remainder, value.Message, value.Expectations);
            }

            var closed = closeToken(value.Remainder);
            if (!closed.WasSuccessful)
            {
                throw ErrorAt(value.Remainder, code, $"expected '{close}' to close {Opening(input.Source, opened.Value.Start)}");
            }

            return Result.Success((value.Value, TextSpan.Between(opened.Value, closed.Value)), closed.Remainder);
        };
    }

    /// <summary>The opening bracket and a little of what follows it, so the message says which one is unclosed.</summary>
    private static string Opening(string text, int start)
    {
        var end = text.IndexOf('\n', start);
        var snippet = text[start..(end < 0 ? text.Length : end)].TrimEnd();
        return snippet.Length > 24 ? $"'{snippet[..21]}...'" : $"'{snippet}'";
    }
}
