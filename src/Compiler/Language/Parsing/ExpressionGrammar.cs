using RuleCompiler.Compiler.Language.Syntax;
using Sprache;

namespace RuleCompiler.Compiler.Language.Parsing;

/// <summary>
/// Expressions, lowest to highest precedence: <c>or</c>; <c>and</c>; prefix <c>not</c>; one relational operator
/// (comparison, string operator, <c>matches regex</c>, <c>in</c>, <c>between</c>); <c>+ -</c>; <c>* / %</c>;
/// prefix <c>-</c>; postfix <c>.name</c> / <c>[i]</c>; primary.
/// </summary>
internal static class ExpressionGrammar
{
    /// <summary>Longest chain of one binary operator (<c>a or b or ...</c>) accepted, bounding the tree's depth for visitors.</summary>
    public const int MaxChainLength = 1000;

    private static readonly Parser<Expression> MultiplicativeExpression = LeftChain(
        UnaryExpression,
        Operators.Symbols(("*", BinaryOperator.Multiply), ("/", BinaryOperator.Divide), ("%", BinaryOperator.Modulo)));

    private static readonly Parser<Expression> AdditiveExpression = LeftChain(
        MultiplicativeExpression,
        Operators.Symbols(("+", BinaryOperator.Add), ("-", BinaryOperator.Subtract)));

    private static readonly Parser<Expression> AndExpression = LeftChain(NotExpression, Operators.Word("and", BinaryOperator.And));

    private static readonly Parser<Expression> OrExpression = LeftChain(AndExpression, Operators.Word("or", BinaryOperator.Or));

    public static readonly Parser<Expression> Expression = Tokens.Guard(OrExpression);

    private static readonly Parser<Expression> GuardedNot = Tokens.Guard<Expression>(NotExpression);

    private static readonly Parser<Expression> GuardedUnary = Tokens.Guard<Expression>(UnaryExpression);

    private static IResult<Expression> NotExpression(IInput input)
    {
        var keyword = Tokens.Word("not")(input);
        if (!keyword.WasSuccessful)
        {
            return Relational(input);
        }

        var operand = Required(GuardedNot, "an expression after 'not'")(keyword.Remainder);
        var span = TextSpan.Between(keyword.Value, operand.Value.Span);
        return Result.Success<Expression>(new UnaryExpression(UnaryOperator.Not, operand.Value, span), operand.Remainder);
    }


    private static IResult<Expression> UnaryExpression(IInput input)
    {
        var minus = Tokens.Symbol("-")(input);
        if (!minus.WasSuccessful)
        {
            return PostfixExpression(input);
        }

        var operand = Required(GuardedUnary, "an expression after '-'")(minus.Remainder);
        var span = TextSpan.Between(minus.Value, operand.Value.Span);
        return Result.Success<Expression>(new UnaryExpression(UnaryOperator.Negate, operand.Value, span), operand.Remainder);
    }


    private static IResult<Expression> PostfixExpression(IInput input)
    {
        var primary = PrimaryParsers.Primary(input);
        if (!primary.WasSuccessful)
        {
            return Result.Failure<Expression>(primary.Remainder, primary.Message, primary.Expectations);
        }

        var (expression, parenthesized) = primary.Value;
        var rest = primary.Remainder;
        for (var segments = 1; ; segments++)
        {
            var segment = PathSegments.Postfix(rest);
            if (!segment.WasSuccessful)
            {
                return Result.Success(expression, rest);
            }

            // Bounded before the path grows: each segment copies the path so far, and binding resolves prefixes.
            if (segments >= Limits.MaxPathSegments)
            {
                throw new SyntaxError(SyntaxCodes.NestingTooDeep,
                    $"a field path of more than {Limits.MaxPathSegments} segments", TextSpan.Between(expression.Span, segment.Value.Span));
            }

            expression = Append(expression, parenthesized, segment.Value);
            parenthesized = false;
            rest = segment.Remainder;
        }
    }


    /// <summary>A relational expression over additive operands; at most one relational operator.</summary>
    private static IResult<Expression> Relational(IInput input)
    {
        var left = AdditiveExpression(input);
        if (!left.WasSuccessful)
        {
            return left;
        }

        var op = Operators.Relational(left.Remainder);
        if (!op.WasSuccessful)
        {
            RejectAssignmentAsComparison(left.Remainder);
            return left;
        }

        var rest = op.Remainder;
        var value = left.Value;
        switch (op.Value.Kind)
        {
            case RelationalKind.Binary:
            {
                var right = AdditiveExpression(rest);
                if (!right.WasSuccessful)
                {
                    throw Tokens.Missing(rest, $"an expression after '{op.Value.Text}'");
                }

                return Result.Success<Expression>(new BinaryExpression(op.Value.Binary, value, right.Value, TextSpan.Between(value.Span, right.Value.Span)), right.Remainder);
            }

            case RelationalKind.MatchesRegex:
            {
                var regex = Tokens.Word("regex").Expect(SyntaxCodes.ExpectedToken, "'regex' after 'matches'")(rest);
                var right = Required(AdditiveExpression, "a pattern after 'matches regex'")(regex.Remainder);
                return Result.Success<Expression>(new BinaryExpression(BinaryOperator.MatchesRegex, value, right.Value, TextSpan.Between(value.Span, right.Value.Span)), right.Remainder);
            }

            case RelationalKind.In:
            {
                var list = ListSources.After(op.Value.Text)(rest);
                return Result.Success<Expression>(new InExpression(value, op.Value.In, list.Value, TextSpan.Between(value.Span, list.Value.Span)), list.Remainder);
            }

            default:
            {
                var range = BetweenRange(op.Value.Text)(rest);
                var (low, high) = range.Value.Value;
                var span = TextSpan.Between(value.Span, range.Value.Span);
                return Result.Success<Expression>(new BetweenExpression(value, low, high, op.Value.Negated, span), range.Remainder);
            }
        }
    }


    /// <summary>
    /// A committed expression: its absence is "expected {what}, found X", or, when X is a keyword, the advice to
    /// quote it if a field of that name was meant.
    /// </summary>
    public static Parser<Expression> Required(Parser<Expression> parser, string what) => Tokens.Require(parser, what);

    private static Parser<Expression> LeftChain(Parser<Expression> operand, Parser<(BinaryOperator Operator, string Text, TextSpan Span)> op) => input =>
    {
        var first = operand(input);
        if (!first.WasSuccessful)
        {
            return first;
        }

        var left = first.Value;
        var rest = first.Remainder;
        for (var length = 1; ; length++)
        {
            var token = op(rest);
            if (!token.WasSuccessful)
            {
                return Result.Success(left, rest);
            }

            if (length >= MaxChainLength)
            {
                throw new SyntaxError(
                    SyntaxCodes.NestingTooDeep,
                    $"more than {MaxChainLength} operands joined by '{token.Value.Text}': use 'in (...)' or a list",
                    token.Value.Span);
            }

            var right = operand(token.Remainder);
            if (!right.WasSuccessful)
            {
                throw Tokens.Missing(token.Remainder, $"an expression after '{token.Value.Text}'");
            }

            left = new BinaryExpression(token.Value.Operator, left, right.Value, TextSpan.Between(left.Span, right.Value.Span));
            rest = right.Remainder;
        }
    };

    private static Parser<((Expression Low, Expression High) Value, TextSpan Span)> BetweenRange(string keyword)
    {
        var range =
            from low in Required(AdditiveExpression, "the low bound of the range")
            from dots in Tokens.Symbol("..").Expect(SyntaxCodes.ExpectedToken, "'..' between the bounds")
            from high in Required(AdditiveExpression, "the high bound of the range")
            select (low, high);
        var enclosed = Tokens.Enclosed("(", range, ")");
        return input => Tokens.Symbol("(")(input).WasSuccessful
            ? enclosed(input)
            : throw Tokens.ErrorAt(input, SyntaxCodes.ExpectedToken, $"expected '(' after '{keyword}'");
    }

    /// <summary><c>where a = 1</c> is a common slip; say so instead of a vague error later.</summary>
    private static void RejectAssignmentAsComparison(IInput input)
    {
        var position = input.Next();
        var text = input.Source;
        if (position < text.Length && text[position] == '=' && !(position + 1 < text.Length && text[position + 1] is '=' or '~'))
        {
            throw new SyntaxError(SyntaxCodes.ExpectedToken, "expected a comparison operator, found '=' (write '==' to compare)", new TextSpan(position, 1));
        }
    }

    private static Expression Append(Expression target, bool parenthesized, PathSegment segment)
    {
        var span = TextSpan.Between(target.Span, segment.Span);
        return (target, parenthesized) switch
        {
            (FieldExpression field, false) => new FieldExpression(field.Path.Add(segment), span),
            (JoinSideExpression side, false) => new JoinSideExpression(side.Side, new FieldExpression(side.Field.Path.Add(segment), TextSpan.Between(side.Field.Span, segment.Span)), span),
            (PathAccessExpression access, false) => new PathAccessExpression(access.Target, access.Path.Add(segment), span),
            _ => new PathAccessExpression(target, [segment], span),
        };
    }
}
