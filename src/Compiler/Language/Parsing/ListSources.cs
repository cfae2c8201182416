using RuleCompiler.Compiler.Language.Syntax;
using Sprache;

namespace RuleCompiler.Compiler.Language.Parsing;

/// <summary>What follows <c>in</c>: <c>(a, b)</c>, <c>@named_list</c>, or the name of a <c>let</c>.</summary>
internal static class ListSources
{
    private static readonly Parser<List<Expression>> Items = Tokens.CommaList(
        ExpressionGrammar.Required(ExpressionGrammar.Expression, "a list item"), SyntaxCodes.ExpectedExpression, "a list item after ','");

    private static readonly Parser<ListSource> Literal =
        Tokens.Enclosed("(", Items, ")").Select(list => (ListSource)new ListLiteral([.. list.Value], list.Span));

    public static Parser<ListSource> After(string op) => input =>
    {
        var text = input.Source;
        var position = input.Next();
        if (position < text.Length && text[position] == '(')
        {
            return Literal(input);
        }

        if (position < text.Length && text[position] == '@')
        {
            var name = Tokens.AnyIdentifier(input.Q().At(position + 1));
            if (!name.WasSuccessful || name.Value.Span.Start != position + 1)
            {
                throw Tokens.ErrorAt(input.Q().At(position + 1), SyntaxCodes.ExpectedName, "expected a list name after '@'");
            }

            var span = TextSpan.Between(new TextSpan(position, 1), name.Value.Span);
            return Result.Success<ListSource>(new NamedListReference(name.Value.Name, span), name.Remainder);
        }

        var end = Scanner.ScanIdentifier(text, position);
        if (end > position && SyntaxFacts.IsBareName(text[position..end]))
        {
            return Tokens.Success<ListSource>(new LetListReference(text[position..end], new TextSpan(position, end - position)), input, end);
        }

        throw Tokens.ErrorAt(input, SyntaxCodes.ExpectedList, $"expected '(', @list_name or a let name after '{op}'");
    };
}
