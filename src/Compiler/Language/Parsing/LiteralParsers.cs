using System.Globalization;
using System.Text;
using RuleCompiler.Compiler.Language.Syntax;
using Sprache;

namespace RuleCompiler.Compiler.Language.Parsing;

/// <summary>Literals: strings (with escapes, and verbatim <c>@"..."</c>), numbers, durations and <c>datetime(...)</c>.</summary>
internal static class LiteralParsers
{
    private static readonly (string Unit, long Ticks)[] DurationUnits =
    [
        ("ms", TimeSpan.TicksPerMillisecond),
        ("s", TimeSpan.TicksPerSecond),
        ("m", TimeSpan.TicksPerMinute),
        ("h", TimeSpan.TicksPerHour),
        ("d", TimeSpan.TicksPerDay),
    ];

    /// <summary>A string literal's value and span: <c>"..."</c>, <c>'...'</c>, <c>@"..."</c>, <c>@'...'</c>.</summary>
    public static readonly Parser<(string Value, TextSpan Span)> StringValue = input =>
    {
        var text = input.Source;
        var start = input.Next();
        if (start < text.Length && text[start] is '"' or '\'')
        {
            return ScanEscaped(input, text, start);
        }

        if (start + 1 < text.Length && text[start] == '@' && text[start + 1] is '"' or '\'')
        {
            return ScanVerbatim(input, text, start);
        }

        return Tokens.Failure<(string, TextSpan)>(input, "a string");
    };

    public static readonly Parser<Expression> String =
        StringValue.Select(s => (Expression)new LiteralExpression(LiteralKind.String, s.Value, s.Span));

    /// <summary>An integer, a real, or a duration (a number directly followed by a unit: <c>500ms 30s 5m 1h 14d</c>).</summary>
    public static readonly Parser<Expression> Number = input =>
    {
        var text = input.Source;
        var start = input.Next();
        if (start >= text.Length || !char.IsAsciiDigit(text[start]))
        {
            return Tokens.Failure<Expression>(input, "a number");
        }

        var (literal, end) = ScanNumber(text, start, negative: false);
        return Tokens.Success<Expression>(literal, input, end);
    };

    /// <summary>A literal with an optional minus sign, as <c>fill-null</c> takes it (a constant, not an expression).</summary>
    public static readonly Parser<LiteralExpression> SignedNumber = input =>
    {
        var text = input.Source;
        var start = input.Next();
        var digits = start < text.Length && text[start] == '-' ? Scanner.SkipTrivia(text, start + 1) : start;
        if (digits >= text.Length || !char.IsAsciiDigit(text[digits]))
        {
            return Tokens.Failure<LiteralExpression>(input, "a number");
        }

        var (literal, end) = ScanNumber(text, digits, negative: digits != start);
        return Tokens.Success(literal with { Span = new TextSpan(start, end - start) }, input, end);
    };

    /// <summary>The part of <c>datetime(...)</c> after the keyword: an ISO 8601 date and time, bare or quoted.</summary>
    public static Parser<Expression> DateTimeBody(TextSpan keyword) => input =>
    {
        var text = input.Source;
        var open = input.Next();
        var contentStart = Scanner.SkipTrivia(text, open + 1);
        string content;
        TextSpan contentSpan;
        int afterContent;
        if (contentStart < text.Length && text[contentStart] is '"' or '\'')
        {
            var quoted = StringValue(input.Q().At(contentStart));
            content = quoted.Value.Value;
            contentSpan = quoted.Value.Span;
            afterContent = quoted.Remainder.Position;
        }
        else
        {
            var end = contentStart;
            while (end < text.Length && text[end] is not (')' or '\n' or '(' or '|'))
            {
                end++;
            }

            content = text[contentStart..end].TrimEnd();
            contentSpan = new TextSpan(contentStart, content.Length);
            afterContent = end;
        }

        var close = Scanner.SkipTrivia(text, afterContent);
        if (close >= text.Length || text[close] != ')')
        {
            throw Tokens.ErrorAt(input.Q().At(afterContent), SyntaxCodes.UnbalancedParentheses, "expected ')' to close 'datetime('");
        }

        if (!TryParseDateTime(content, out var value))
        {
            throw new SyntaxError(
                SyntaxCodes.InvalidDateTime,
                $"expected an ISO 8601 date and time such as 2024-05-25T21:14:00Z, found '{content}'",
                contentSpan.Length == 0 ? new TextSpan(contentStart, 0) : contentSpan);
        }

        var span = new TextSpan(keyword.Start, close + 1 - keyword.Start);
        return Tokens.Success<Expression>(new LiteralExpression(LiteralKind.DateTime, value, span), input, close + 1);
    };

    private static bool TryParseDateTime(string content, out DateTimeOffset value)
    {
        if (content.Length > 0 && char.IsAsciiDigit(content[0])
            && DateTimeOffset.TryParse(content, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value))
        {
            value = value.ToUniversalTime();
            return true;
        }

        value = default;
        return false;
    }

    private static IResult<(string, TextSpan)> ScanEscaped(IInput input, string text, int start)
    {
        var quote = text[start];
        var builder = new StringBuilder();
        var position = start + 1;
        while (true)
        {
            if (position >= text.Length || text[position] is '\n' or '\r')
            {
                throw new SyntaxError(
                    SyntaxCodes.UnterminatedString,
                    $"unterminated string: expected a closing {quote} before {(position >= text.Length ? "the end of the query" : "the end of the line")}",
                    new TextSpan(start, 1));
            }

            var c = text[position];
            if (c == quote)
            {
                return Tokens.Success((builder.ToString(), new TextSpan(start, position + 1 - start)), input, position + 1);
            }

            if (c != '\\')
            {
                builder.Append(c);
                position++;
                continue;
            }

            position = AppendEscape(text, position, builder);
        }
    }

    /// <summary>Decodes the escape at <paramref name="backslash"/>; returns the offset after it.</summary>
    private static int AppendEscape(string text, int backslash, StringBuilder builder)
    {
        var kind = backslash + 1 < text.Length ? text[backslash + 1] : '\0';
        switch (kind)
        {
            case '"' or '\'' or '\\':
                builder.Append(kind);
                return backslash + 2;
            case 'n':
                builder.Append('\n');
                return backslash + 2;
            case 't':
                builder.Append('\t');
                return backslash + 2;
            case 'r':
                builder.Append('\r');
                return backslash + 2;
            case 'u' when backslash + 6 <= text.Length
                && ushort.TryParse(text.AsSpan(backslash + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                builder.Append((char)code);
                return backslash + 6;
            default:
                var shown = kind is '\0' or '\n' or '\r' ? "\\" : "\\" + kind;
                throw new SyntaxError(
                    SyntaxCodes.InvalidEscape,
                    $"invalid escape sequence '{shown}': expected one of \\\" \\' \\\\ \\n \\t \\r \\uXXXX (or a verbatim string @\"...\")",
                    new TextSpan(backslash, Math.Min(2, text.Length - backslash)));
        }
    }

    /// <summary><c>@"c:\x"</c>: no escapes; the quote character is written twice to include it.</summary>
    private static IResult<(string, TextSpan)> ScanVerbatim(IInput input, string text, int start)
    {
        var quote = text[start + 1];
        var builder = new StringBuilder();
        var position = start + 2;
        while (true)
        {
            if (position >= text.Length || text[position] is '\n' or '\r')
            {
                throw new SyntaxError(SyntaxCodes.UnterminatedString, $"unterminated verbatim string: expected a closing {quote}", new TextSpan(start, 2));
            }

            if (text[position] == quote)
            {
                if (position + 1 < text.Length && text[position + 1] == quote)
                {
                    builder.Append(quote);
                    position += 2;
                    continue;
                }

                return Tokens.Success((builder.ToString(), new TextSpan(start, position + 1 - start)), input, position + 1);
            }

            builder.Append(text[position]);
            position++;
        }
    }

    private static (LiteralExpression Literal, int End) ScanNumber(string text, int start, bool negative)
    {
        var end = start;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        var isReal = false;
        if (end + 1 < text.Length && text[end] == '.' && char.IsAsciiDigit(text[end + 1]))
        {
            isReal = true;
            end++;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }
        }

        if (end < text.Length && text[end] is 'e' or 'E')
        {
            var exponent = end + 1;
            if (exponent < text.Length && text[exponent] is '+' or '-')
            {
                exponent++;
            }

            if (exponent < text.Length && char.IsAsciiDigit(text[exponent]))
            {
                isReal = true;
                end = exponent;
                while (end < text.Length && char.IsAsciiDigit(text[end]))
                {
                    end++;
                }
            }
        }

        var numberText = (negative ? "-" : "") + text[start..end];
        var unitEnd = Scanner.ScanIdentifier(text, end);
        if (unitEnd > end)
        {
            return (Duration(numberText, text, start, end, unitEnd), unitEnd);
        }

        var span = new TextSpan(start, end - start);
        if (isReal)
        {
            var real = double.Parse(numberText, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (!double.IsFinite(real))
            {
                throw new SyntaxError(SyntaxCodes.InvalidNumber, $"the number {numberText} is too large for a real", span);
            }

            return (new LiteralExpression(LiteralKind.Real, real, span), end);
        }

        if (!long.TryParse(numberText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            throw new SyntaxError(SyntaxCodes.InvalidNumber, $"the integer {numberText} does not fit in 64 bits", span);
        }

        return (new LiteralExpression(LiteralKind.Long, integer, span), end);
    }

    private static LiteralExpression Duration(string numberText, string text, int start, int numberEnd, int unitEnd)
    {
        var unit = text[numberEnd..unitEnd];
        var span = new TextSpan(start, unitEnd - start);
        var ticksPerUnit = Array.Find(DurationUnits, u => u.Unit == unit).Ticks;
        if (ticksPerUnit == 0)
        {
            throw new SyntaxError(
                SyntaxCodes.InvalidDurationUnit,
                $"expected a duration unit (ms, s, m, h, d) after {numberText}, found '{unit}'",
                new TextSpan(numberEnd, unitEnd - numberEnd));
        }

        if (!decimal.TryParse(numberText, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)
            || Math.Abs(amount) > TimeSpan.MaxValue.Ticks / (decimal)ticksPerUnit)
        {
            throw new SyntaxError(SyntaxCodes.InvalidNumber, $"the duration {numberText}{unit} is out of range", span);
        }

        var ticks = (long)Math.Round(amount * ticksPerUnit, MidpointRounding.ToEven);
        return new LiteralExpression(LiteralKind.Duration, TimeSpan.FromTicks(ticks), span);
    }
}
