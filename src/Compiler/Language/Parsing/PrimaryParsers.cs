using RuleCompiler.Compiler.Language.Syntax;
using Sprache;

namespace RuleCompiler.Compiler.Language.Parsing;

/// <summary>
/// Primary expressions: literals, <c>datetime(...)</c>, <c>dynamic([...])</c>, function calls, field paths,
/// <c>$left</c>/<c>$right</c> paths and parenthesised expressions. The flag says whether the primary was written in
/// parentheses, so that <c>(a.b)[0]</c> stays distinct from <c>a.b[0]</c>.
/// </summary>
internal static class PrimaryParsers
{
    private static readonly Parser<Expression> Argument = input =>
    {
        var star = Tokens.Symbol("*")(input);
        return star.WasSuccessful
            ? Result.Success<Expression>(new WildcardExpression(star.Value), star.Remainder)
            : ExpressionGrammar.Required(ExpressionGrammar.Expression, "an argument")(input);
    };

    private static readonly Parser<List<Expression>> Arguments = Tokens.CommaList(
        Argument, SyntaxCodes.ExpectedExpression, "an argument after ','");


    private static readonly Parser<(List<Expression> Value, TextSpan Span)> EnclosedArguments = Tokens.Enclosed("(", Arguments, ")");

    private static readonly Parser<(List<Expression> Value, TextSpan Span)> EnclosedArrayItems = Tokens.Enclosed(
        "[",
        Tokens.CommaList(ExpressionGrammar.Required(ExpressionGrammar.Expression, "an array item"), SyntaxCodes.ExpectedExpression, "an array item after ','"),
        "]");

    private static readonly Parser<(List<Expression> Value, TextSpan Span)> ArgumentList = input =>
    {
        var text = input.Source;
        var open = input.Next();
        var afterOpen = Scanner.SkipTrivia(text, open + 1);
        if (afterOpen < text.Length && text[afterOpen] == ')')
        {
            return Tokens.Success((new List<Expression>(), new TextSpan(open, afterOpen + 1 - open)), input, afterOpen + 1);
        }

        return EnclosedArguments(input);
    };

    private static readonly Parser<(List<Expression> Value, TextSpan Span)> ArrayItems = input =>
    {
        var text = input.Source;
        var open = input.Next();
        var afterOpen = Scanner.SkipTrivia(text, open + 1);
        if (afterOpen < text.Length && text[afterOpen] == ']')
        {
            return Tokens.Success((new List<Expression>(), new TextSpan(open, afterOpen + 1 - open)), input, afterOpen + 1);
        }

        return EnclosedArrayItems(input);
    };

    private static readonly Parser<((List<Expression> Value, TextSpan Span) Value, TextSpan Span)> DynamicBody = Tokens.Enclosed("(", ArrayItems, ")");

    private static readonly Parser<Expression> Parenthesized =
        Tokens.Enclosed("(", ExpressionGrammar.Required(ExpressionGrammar.Expression, "an expression after '('"), ")")
            .Select(e => e.Value);

    public static readonly Parser<(Expression Value, bool Parenthesized)> Primary = input =>
    {
        var text = input.Source;
        var position = input.Next();
        if (position >= text.Length)
        {
            return Tokens.Failure<(Expression, bool)>(input, "an expression");
        }

        var c = text[position];
        IResult<Expression> result;
        if (c is '"' or '\'' || c == '@' && position + 1 < text.Length && text[position + 1] is '"' or '\'')
        {
            result = LiteralParsers.String(input);
        }
        else if (c == '@')
        {
            var name = new TextSpan(position, Scanner.ScanIdentifier(text, position + 1) - position);
            throw new SyntaxError(
                SyntaxCodes.MisplacedListReference,
                $"a list reference such as '{text.Substring(name.Start, name.Length)}' may only follow in, in~, !in or !in~",
                name);
        }
        else if (char.IsAsciiDigit(c))
        {
            result = LiteralParsers.Number(input);
        }
        else if (c == '(')
        {
            var inner = Parenthesized(input);
            return Result.Success((inner.Value, true), inner.Remainder);
        }
        else if (c == '[')
        {
            result = PathSegments.Bracketed(input).Select(segment => segment is MemberSegment
                ? FieldOf(segment)
                : throw new SyntaxError(SyntaxCodes.ExpectedName, "expected a quoted field name such as [\"x-y\"], found an index", segment.Span));
        }
        else if (c == '$')
        {
            result = JoinSideField(input);
        }
        else if (SyntaxFacts.IsIdentifierStart(c))
        {
            result = Named(input, position);
        }
        else
        {
            return Tokens.Failure<(Expression, bool)>(input, "an expression");
        }

        return result.WasSuccessful
            ? Result.Success((result.Value, false), result.Remainder)
            : Result.Failure<(Expression, bool)>(result.Remainder, result.Message, result.Expectations);
    };

    private static IResult<Expression> Select(this IResult<PathSegment> result, Func<PathSegment, Expression> selector) =>
        result.WasSuccessful
            ? Result.Success(selector(result.Value), result.Remainder)
            : Result.Failure<Expression>(result.Remainder, result.Message, result.Expectations);

    private static FieldExpression FieldOf(PathSegment segment) => new([segment], segment.Span);

    /// <summary>A word: literal keyword, <c>datetime(</c>, <c>dynamic(</c>, a function call, or a field name.</summary>
    private static IResult<Expression> Named(IInput input, int position)
    {
        var text = input.Source;
        var end = Scanner.ScanIdentifier(text, position);
        var word = text[position..end];
        var span = new TextSpan(position, end - position);
        var afterWord = input.Q().At(end);
        var callFollows = Scanner.SkipTrivia(text, end) is var next && next < text.Length && text[next] == '(';
        switch (word)
        {
            case "true" or "false":
                return Tokens.Success<Expression>(new LiteralExpression(LiteralKind.Bool, word == "true", span), input, end);
            case "null":
                return Tokens.Success<Expression>(new LiteralExpression(LiteralKind.Null, null, span), input, end);
            case "datetime" when callFollows:
                return LiteralParsers.DateTimeBody(span)(afterWord);
            case "dynamic" when callFollows:
                return Dynamic(afterWord, span);
        }

        if (callFollows && !SyntaxFacts.IsReservedWord(word))
        {
            var arguments = ArgumentList(afterWord);
            var callSpan = TextSpan.Between(span, arguments.Value.Span);
            return Result.Success<Expression>(new FunctionCallExpression(word, [.. arguments.Value.Value], callSpan), arguments.Remainder);
        }

        if (SyntaxFacts.IsReservedWord(word))
        {
            return Tokens.Failure<Expression>(input, "an expression");
        }

        return Tokens.Success<Expression>(FieldOf(new MemberSegment(word, false, span)), input, end);
    }

    private static IResult<Expression> Dynamic(IInput afterKeyword, TextSpan keyword)
    {
        var text = afterKeyword.Source;
        var open = afterKeyword.Next();
        var bracket = Scanner.SkipTrivia(text, open + 1);
        if (bracket >= text.Length || text[bracket] != '[')
        {
            throw Tokens.ErrorAt(afterKeyword.Q().At(open + 1), SyntaxCodes.InvalidDynamic, "expected '[' after 'dynamic(' (dynamic takes an array literal)");
        }

        var array = DynamicBody(afterKeyword);
        var span = TextSpan.Between(keyword, array.Value.Span);
        return Result.Success<Expression>(new ArrayExpression([.. array.Value.Value.Value], span), array.Remainder);
    }

    /// <summary><c>$left.name</c> or <c>$right.name</c>, possibly followed by more segments (added by the postfix rule).</summary>
    private static IResult<Expression> JoinSideField(IInput input)
    {
        var text = input.Source;
        var position = input.Next();
        var end = Scanner.ScanIdentifier(text, position + 1);
        var side = text[(position + 1)..end] switch
        {
            "left" => JoinSide.Left,
            "right" => JoinSide.Right,
            _ => throw Tokens.ErrorAt(input, SyntaxCodes.ExpectedToken, "expected $left or $right"),
        };
        var segment = PathSegments.Postfix(input.Q().At(end));
        if (!segment.WasSuccessful)
        {
            throw Tokens.ErrorAt(input.Q().At(end), SyntaxCodes.ExpectedName, $"expected '.' and a field name after '${text[(position + 1)..end]}'");
        }

        var field = FieldOf(segment.Value);
        var span = new TextSpan(position, segment.Value.Span.End - position);
        return Result.Success<Expression>(new JoinSideExpression(side, field, span), segment.Remainder);
    }
}
