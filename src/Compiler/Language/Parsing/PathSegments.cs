using System.Globalization;
using RuleCompiler.Compiler.Language.Syntax;
using Sprache;

namespace RuleCompiler.Compiler.Language.Parsing;

/// <summary>Path segments after a primary: <c>.name</c>, <c>[0]</c>, <c>[-1]</c>, <c>["x-y"]</c>.</summary>
internal static class PathSegments
{
    /// <summary>The index that <see cref="BracketContent"/> gives for <c>[*]</c> (never a parsed index: those fit in 32 bits).</summary>
    private const long EachIndex = long.MinValue;

    private static readonly Parser<(string? Name, long Index)> BracketContent = input =>
    {
        var quoted = LiteralParsers.StringValue(input);
        if (quoted.WasSuccessful)
        {
            return Result.Success<(string?, long)>((quoted.Value.Value, 0), quoted.Remainder);
        }

        var text = input.Source;
        var start = input.Next();
        if (start < text.Length && text[start] == '*')
        {
            return Tokens.Success<(string?, long)>((null, EachIndex), input, start + 1);
        }

        var digits = start < text.Length && text[start] == '-' ? start + 1 : start;
        var end = digits;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        if (end == digits)
        {
            throw Tokens.ErrorAt(input, SyntaxCodes.InvalidIndex, "expected an integer index, '*' or a quoted name inside '[ ]'");
        }

        if (!int.TryParse(text.AsSpan(start, end - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
        {
            throw new SyntaxError(SyntaxCodes.InvalidIndex, $"the index {text[start..end]} does not fit in 32 bits", new TextSpan(start, end - start));
        }

        return Tokens.Success<(string?, long)>((null, index), input, end);
    };

    private static readonly Parser<((string? Name, long Index) Value, TextSpan Span)> EnclosedContent = Tokens.Enclosed("[", BracketContent, "]");

    /// <summary><c>[0]</c>, <c>[-1]</c>, <c>[*]</c> or <c>["quoted name"]</c>.</summary>
    public static readonly Parser<PathSegment> Bracketed = input =>
    {
        var segment = EnclosedContent(input);
        if (!segment.WasSuccessful)
        {
            return Result.Failure<PathSegment>(segment.Remainder, segment.Message, segment.Expectations);
        }

        var (content, span) = segment.Value;
        PathSegment result = content switch
        {
            { Name: { } name } => new MemberSegment(name, true, span),
            { Index: EachIndex } => new EachSegment(span),
            _ => new IndexSegment((int)content.Index, span),
        };
        return Result.Success(result, segment.Remainder);
    };

    public static readonly Parser<PathSegment> Postfix = input =>
    {
        var text = input.Source;
        var position = input.Next();
        if (position < text.Length && text[position] == '.' && !(position + 1 < text.Length && text[position + 1] == '.'))
        {
            var name = Tokens.AnyIdentifier(input.Q().At(position + 1));
            if (!name.WasSuccessful)
            {
                throw Tokens.ErrorAt(input.Q().At(position + 1), SyntaxCodes.ExpectedName, "expected a field name after '.'");
            }

            var span = TextSpan.Between(new TextSpan(position, 1), name.Value.Span);
            return Result.Success<PathSegment>(new MemberSegment(name.Value.Name, false, span), name.Remainder);
        }

        if (position < text.Length && text[position] == '[')
        {
            return Bracketed(input);
        }

        return Tokens.Failure<PathSegment>(input, "'.' or '['");
    };


}
