using System.Collections.Immutable;
using RuleCompiler.Compiler.Language.Syntax;
using Sprache;

namespace RuleCompiler.Compiler.Language.Parsing;

/// <summary>
/// Entry points of the rule-language parser. They never throw: every problem, including input nested too deeply
/// to parse safely, is returned as a <see cref="QueryDiagnostic"/> with a stable RC2xxx code at an exact offset.
/// </summary>
public static class QueryParser
{
    /// <summary>Parses a rule's <c>search</c>: <c>let</c> statements, then a pipeline.</summary>
    public static ParseResult Parse(string text)
    {
        var result = Run(text, PipelineGrammar.Query);
        return new ParseResult(result.Value, result.Diagnostics);
    }

    /// <summary>Parses a fragment's <c>stages</c>: a pipeline over the rule's data source, without a source name.</summary>
    public static ParseResult<Pipeline> ParseStages(string text) => Run(text, PipelineGrammar.Stages);

    /// <summary>Parses one expression (tools, importers and tests).</summary>
    public static ParseResult<Expression> ParseExpression(string text) => Run(text, input =>
    {
        var expression = Tokens.Require(ExpressionGrammar.Expression, "an expression")(input);
        PipelineGrammar.RequireEnd(expression.Remainder);
        return expression;
    });

    private static ParseResult<T> Run<T>(string text, Parser<T> parser)
        where T : class
    {
        text ??= "";
        try
        {
            var result = parser(new QueryInput(text, 0, new ParseContext()));
            if (result.WasSuccessful)
            {
                return new ParseResult<T>(result.Value, []);
            }

            // Grammar rules commit with a SyntaxError; a plain failure reaching here is still reported, never lost.
            var position = Math.Min(result.Remainder.Position, text.Length);
            var diagnostic = QueryDiagnostic.Error(
                SyntaxCodes.ExpectedToken,
                $"{result.Message}, found {Scanner.Describe(text, position)}",
                Scanner.FoundSpan(text, position));
            return new ParseResult<T>(null, [diagnostic]);
        }
        catch (SyntaxError error)
        {
            return new ParseResult<T>(null, [error.ToDiagnostic()]);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            var diagnostic = QueryDiagnostic.Error(
                SyntaxCodes.InternalError,
                $"internal parser error ({exception.GetType().Name}: {exception.Message}); please report this query",
                new TextSpan(0, 0));
            return new ParseResult<T>(null, ImmutableArray.Create(diagnostic));
        }
    }
}
