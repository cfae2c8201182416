using System.Collections.Immutable;
using RuleCompiler.Compiler.Language.Syntax;
using Sprache;

namespace RuleCompiler.Compiler.Language.Parsing;

/// <summary>Pipelines, <c>let</c> statements and the whole query.</summary>
internal static class PipelineGrammar
{
    /// <summary>A pipeline inside a stage (<c>join</c>, <c>union</c>) or a <c>let</c>: <c>( ... )</c>.</summary>
    public static readonly Parser<Pipeline> Parenthesized =
        Tokens.Enclosed("(", Tokens.Guard(Pipeline(nested: true)), ")").Select(p => p.Value);

    public static readonly Parser<Query> Query = input =>
    {
        var lets = ImmutableArray.CreateBuilder<LetStatement>();
        var rest = input;
        while (true)
        {
            var keyword = Tokens.Word("let")(rest);
            if (!keyword.WasSuccessful)
            {
                break;
            }

            var statement = Let(keyword.Value)(keyword.Remainder);
            lets.Add(statement.Value);
            rest = statement.Remainder;
        }

        var body = Pipeline(nested: false)(rest);
        RequireEnd(body.Remainder);
        var start = lets.Count > 0 ? lets[0].Span : body.Value.Span;
        return Result.Success(new Query(lets.ToImmutable(), body.Value, TextSpan.Between(start, body.Value.Span)), body.Remainder);
    };

    /// <summary>A fragment's stages: a pipeline over the rule's data source, without <c>let</c>s.</summary>
    public static readonly Parser<Pipeline> Stages = input =>
    {
        var pipeline = Pipeline(nested: false)(input);
        if (pipeline.Value.Source is LetPipelineInput or TableInput)
        {
            var source = pipeline.Value.Source.Span;
            throw new SyntaxError(SyntaxCodes.UnknownStage, $"expected a stage, found '{input.Source.Substring(source.Start, source.Length)}' (a fragment's stages start with a stage, not a source)", source);
        }

        RequireEnd(pipeline.Remainder);
        return pipeline;
    };

    /// <summary>Anything after a complete pipeline is an error; a stray ')' is reported as unbalanced.</summary>
    public static void RequireEnd(IInput input)
    {
        var position = input.Next();
        if (position >= input.Source.Length)
        {
            return;
        }

        if (string.CompareOrdinal(input.Source, position, "&&", 0, 2) == 0)
        {
            throw new SyntaxError(SyntaxCodes.UnexpectedCharacter, "expected '|' or the end of the query, found '&&' (write 'and' to combine conditions)", new TextSpan(position, 2));
        }

        if (input.Source[position] == ')')
        {
            throw new SyntaxError(SyntaxCodes.UnbalancedParentheses, "expected '|' or the end of the query, found ')' without a matching '('", new TextSpan(position, 1));
        }

        throw Tokens.ErrorAt(input, SyntaxCodes.TrailingInput, "expected '|' or the end of the query");
    }

    private static Parser<LetStatement> Let(TextSpan keyword) => input =>
    {
        var name = Tokens.Require(StageGrammar.ColumnName, "a name after 'let'", SyntaxCodes.ExpectedName)(input);
        if (!SyntaxFacts.IsBareName(name.Value.Name) || input.Source[name.Value.Span.Start] == '[')
        {
            throw new SyntaxError(SyntaxCodes.ExpectedName, $"expected a name after 'let', found '{input.Source.Substring(name.Value.Span.Start, name.Value.Span.Length)}'", name.Value.Span);
        }

        var equals = Tokens.Symbol("=").Expect(SyntaxCodes.ExpectedToken, $"'=' after 'let {name.Value.Name}'")(name.Remainder);
        if (UnparenthesizedPipeline(equals.Remainder) is { } bare)
        {
            var first = input.Source.Substring(bare.Start, bare.Length);
            var shape = SyntaxFacts.IsStageKeyword(first) ? $"{first} ..." : first == SyntaxFacts.TableSourceWord ? "table(...) | ..." : $"{first} | ...";
            throw new SyntaxError(SyntaxCodes.LetPipelineNeedsParentheses, $"a let sub-pipeline is written in parentheses: let {name.Value.Name} = ({shape});", bare);
        }

        LetStatement statement;
        IInput rest;
        if (StartsPipeline(equals.Remainder))
        {
            var pipeline = Parenthesized(equals.Remainder);
            statement = new LetPipeline(name.Value.Name, pipeline.Value, default);
            rest = pipeline.Remainder;
        }
        else
        {
            var value = Tokens.Require(ExpressionGrammar.Expression, $"a value after 'let {name.Value.Name} ='")(equals.Remainder);
            statement = new LetExpression(name.Value.Name, value.Value, default);
            rest = value.Remainder;
        }

        var semicolon = Tokens.Symbol(";").Expect(SyntaxCodes.MissingSemicolon, $"';' after the value of 'let {name.Value.Name}'")(rest);
        var span = TextSpan.Between(keyword, semicolon.Value);
        LetStatement result = statement switch
        {
            LetPipeline p => p with { Span = span },
            LetExpression e => e with { Span = span },
            _ => statement,
        };
        return Result.Success(result, semicolon.Remainder);
    };

    /// <summary>
    /// The first word of <c>let x = where ...</c> or <c>let x = other | ...</c>: a pipeline written the KQL way, without
    /// the parentheses this language needs to tell it from an expression. Null for anything else.
    /// </summary>
    private static TextSpan? UnparenthesizedPipeline(IInput input)
    {
        var text = input.Source;
        var wordStart = input.Next();
        var stageEnd = Scanner.ScanStageWord(text, wordStart);
        if (stageEnd > wordStart && SyntaxFacts.IsStageKeyword(text[wordStart..stageEnd]))
        {
            return new TextSpan(wordStart, stageEnd - wordStart);
        }

        var identifierEnd = Scanner.ScanIdentifier(text, wordStart);
        var next = Scanner.SkipTrivia(text, identifierEnd);
        var pipeFollows = next < text.Length && text[next] == '|' && !(next + 1 < text.Length && text[next + 1] == '|');
        return identifierEnd > wordStart && (pipeFollows || IsTableSource(text, wordStart, identifierEnd)) ? new TextSpan(wordStart, identifierEnd - wordStart) : null;
    }

    /// <summary><c>let x = (where ...)</c> or <c>let x = (other | ...)</c> is a sub-pipeline; <c>let x = (1 + 2)</c> is an expression.</summary>
    private static bool StartsPipeline(IInput input)
    {
        var text = input.Source;
        var open = input.Next();
        if (open >= text.Length || text[open] != '(')
        {
            return false;
        }

        var wordStart = Scanner.SkipTrivia(text, open + 1);
        var stageEnd = Scanner.ScanStageWord(text, wordStart);
        if (SyntaxFacts.IsStageKeyword(text[wordStart..stageEnd]))
        {
            return true;
        }

        var identifierEnd = Scanner.ScanIdentifier(text, wordStart);
        var next = Scanner.SkipTrivia(text, identifierEnd);
        return identifierEnd > wordStart && next < text.Length && (text[next] == '|' || IsTableSource(text, wordStart, identifierEnd));
    }

    /// <summary><c>table(</c>: a pipeline that reads a lookup table (the word alone is an ordinary name).</summary>
    private static bool IsTableSource(string text, int wordStart, int identifierEnd) =>
        text.AsSpan(wordStart, identifierEnd - wordStart).SequenceEqual(SyntaxFacts.TableSourceWord)
        && Scanner.SkipTrivia(text, identifierEnd) is var open && open < text.Length && text[open] == '(';

    /// <summary><c>table(name)</c> at the start of a pipeline.</summary>
    private static (TableInput Source, IInput Remainder) TableSource(IInput input, int wordStart, int identifierEnd)
    {
        var open = Tokens.Symbol("(")(input.Q().At(identifierEnd));
        var name = Tokens.Require(StageGrammar.ColumnName, "a table name in table(...)", SyntaxCodes.ExpectedName)(open.Remainder);
        if (!SyntaxFacts.IsBareName(name.Value.Name) || input.Source[name.Value.Span.Start] == '[')
        {
            throw new SyntaxError(SyntaxCodes.ExpectedName, $"expected a table name in table(...), found '{input.Source.Substring(name.Value.Span.Start, name.Value.Span.Length)}'", name.Value.Span);
        }

        var close = Tokens.Symbol(")").Expect(SyntaxCodes.ExpectedToken, $"')' after 'table({name.Value.Name}'")(name.Remainder);
        var span = new TextSpan(wordStart, close.Value.End - wordStart);
        return (new TableInput(name.Value.Name, name.Value.Span, span), close.Remainder);
    }

    /// <summary>
    /// Stages separated by <c>|</c>. The source is the rule's data source when the pipeline starts with a stage,
    /// or a let-bound sub-pipeline when it starts with another name followed by <c>|</c> (or the end).
    /// </summary>
    private static Parser<Pipeline> Pipeline(bool nested) => input =>
    {
        var text = input.Source;
        var start = input.Next();
        var rest = input;
        if (start < text.Length && text[start] == '|' && !(start + 1 < text.Length && text[start + 1] == '|'))
        {
            rest = input.Q().At(start + 1);
        }

        var wordStart = rest.Next();
        var stageEnd = Scanner.ScanStageWord(text, wordStart);
        var identifierEnd = Scanner.ScanIdentifier(text, wordStart);
        var stages = ImmutableArray.CreateBuilder<Stage>();
        PipelineSource source;
        if (stageEnd > wordStart && SyntaxFacts.IsStageKeyword(text[wordStart..stageEnd]))
        {
            source = new DataSourceInput(new TextSpan(wordStart, 0));
            var first = StageGrammar.Stage(rest);
            stages.Add(first.Value);
            rest = first.Remainder;
        }
        else if (identifierEnd > wordStart && rest == input && IsTableSource(text, wordStart, identifierEnd))
        {
            (source, rest) = TableSource(input, wordStart, identifierEnd);
        }
        else if (identifierEnd > wordStart && rest == input && IsSourceName(text, identifierEnd, nested))
        {
            source = new LetPipelineInput(text[wordStart..identifierEnd], new TextSpan(wordStart, identifierEnd - wordStart));
            rest = input.Q().At(identifierEnd);
        }
        else if (stageEnd > wordStart)
        {
            throw StageGrammar.UnknownStage(text[wordStart..stageEnd], new TextSpan(wordStart, stageEnd - wordStart));
        }
        else
        {
            throw Tokens.ErrorAt(rest, SyntaxCodes.EmptyPipeline, nested ? "expected a stage or a let name" : "expected a stage");
        }

        while (true)
        {
            var pipe = Tokens.Symbol("|")(rest);
            if (!pipe.WasSuccessful)
            {
                break;
            }

            if (pipe.Value.End < text.Length && text[pipe.Value.End] == '|')
            {
                throw new SyntaxError(SyntaxCodes.UnexpectedCharacter, "expected a stage after '|', found '||' (write 'or' to combine conditions)", new TextSpan(pipe.Value.Start, 2));
            }

            var stage = StageGrammar.Stage(pipe.Remainder);
            if (!stage.WasSuccessful)
            {
                throw Tokens.ErrorAt(pipe.Remainder, SyntaxCodes.MissingStageAfterPipe, "expected a stage after '|'");
            }

            stages.Add(stage.Value);
            rest = stage.Remainder;
        }

        var end = stages.Count > 0 ? stages[^1].Span : source.Span;
        var span = TextSpan.Between(source.Span, end);
        return Result.Success(new Pipeline(source, stages.ToImmutable(), span), rest);
    };

    /// <summary>A name is a sub-pipeline source when a pipe, the closing parenthesis or the end follows it.</summary>
    private static bool IsSourceName(string text, int identifierEnd, bool nested)
    {
        var next = Scanner.SkipTrivia(text, identifierEnd);
        return next >= text.Length || text[next] == '|' || nested && text[next] == ')';
    }
}
