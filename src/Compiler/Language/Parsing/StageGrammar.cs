using System.Collections.Immutable;
using RuleCompiler.Compiler.Language.Syntax;
using Sprache;

namespace RuleCompiler.Compiler.Language.Parsing;

/// <summary>One parser per stage keyword; each parses the stage's body after the keyword.</summary>
internal static class StageGrammar
{
    private static readonly Parser<Expression> Expression = ExpressionGrammar.Expression;

    private static readonly Dictionary<string, Func<TextSpan, Parser<Stage>>> Bodies = new(StringComparer.Ordinal)
    {
        ["where"] = Where,
        ["extend"] = keyword => Assignments("extend", keyword, (columns, span) => new ExtendStage(columns, span)),
        ["project"] = keyword => Assignments("project", keyword, (columns, span) => new ProjectStage(columns, span)),
        ["distinct"] = keyword => Assignments("distinct", keyword, (columns, span) => new DistinctStage(columns, span)),
        ["project-away"] = ProjectAway,
        ["project-rename"] = ProjectRename,
        ["mv-expand"] = MvExpand,
        ["summarize"] = Summarize,
        ["sort"] = Sort,
        ["take"] = Take,
        ["fill-null"] = FillNull,
        ["join"] = Join,
        ["union"] = Union,
        ["invoke"] = Invoke,
    };

    private static readonly Parser<((string Value, TextSpan Span) Value, TextSpan Span)> QuotedName = Tokens.Enclosed("[", LiteralParsers.StringValue, "]");

    /// <summary>A column name being defined: a bare name, or <c>["quoted name"]</c>.</summary>
    public static readonly Parser<(string Name, TextSpan Span)> ColumnName = input =>
    {
        var text = input.Source;
        var position = input.Next();
        if (position < text.Length && text[position] == '[')
        {
            var quoted = QuotedName(input);
            return quoted.WasSuccessful
                ? Result.Success((quoted.Value.Value.Value, quoted.Value.Span), quoted.Remainder)
                : Result.Failure<(string, TextSpan)>(quoted.Remainder, quoted.Message, quoted.Expectations);
        }

        var end = Scanner.ScanIdentifier(text, position);
        return end > position && SyntaxFacts.IsBareName(text[position..end])
            ? Tokens.Success((text[position..end], new TextSpan(position, end - position)), input, end)
            : Tokens.Failure<(string, TextSpan)>(input, "a column name");
    };

    private static readonly Parser<TextSpan> EqualsSign = Tokens.Symbol("=");

    private static readonly Parser<(string Name, TextSpan Span)> NameAndEquals =
        from name in ColumnName
        from equalsSign in EqualsSign
        select name;

    /// <summary><c>name = expr</c>, or a bare expression whose output name derives from it.</summary>
    private static readonly Parser<Assignment> Assignment = input =>
    {
        var name = NameAndEquals(input);
        if (name.WasSuccessful)
        {
            var value = Expression(name.Remainder);
            if (!value.WasSuccessful)
            {
                throw Tokens.Missing(name.Remainder, $"an expression after '{name.Value.Name} ='");
            }

            return Result.Success(new Assignment(name.Value.Name, value.Value, TextSpan.Between(name.Value.Span, value.Value.Span)), value.Remainder);
        }

        var bare = Expression(input);
        return bare.WasSuccessful
            ? Result.Success(new Assignment(null, bare.Value, bare.Value.Span), bare.Remainder)
            : Result.Failure<Assignment>(bare.Remainder, bare.Message, bare.Expectations);
    };

    /// <summary>A column reference: a field path such as <c>a</c>, <c>a.b</c> or <c>["x-y"]</c>.</summary>
    private static readonly Parser<FieldExpression> ColumnReference = input =>
    {
        var value = Expression(input);
        if (!value.WasSuccessful)
        {
            return Result.Failure<FieldExpression>(value.Remainder, value.Message, value.Expectations);
        }

        return value.Value is FieldExpression field
            ? Result.Success(field, value.Remainder)
            : throw new SyntaxError(SyntaxCodes.ExpectedName, "expected a column name, found an expression", value.Value.Span);
    };

    private static readonly Parser<SortKey> SortKeyParser = input =>
    {
        var value = Tokens.Require(Expression, "a sort key")(input);
        var descending = Tokens.Word("desc")(value.Remainder);
        if (descending.WasSuccessful)
        {
            return Result.Success(new SortKey(value.Value, true, TextSpan.Between(value.Value.Span, descending.Value)), descending.Remainder);
        }

        var ascending = Tokens.Word("asc")(value.Remainder);
        return ascending.WasSuccessful
            ? Result.Success(new SortKey(value.Value, false, TextSpan.Between(value.Value.Span, ascending.Value)), ascending.Remainder)
            : Result.Success(new SortKey(value.Value, true, value.Value.Span), value.Remainder);
    };


    /// <summary>A stage: its keyword, then its body. An unknown keyword is an error with a suggestion.</summary>
    public static readonly Parser<Stage> Stage = input =>
    {
        var text = input.Source;
        var position = input.Next();
        var end = Scanner.ScanStageWord(text, position);
        if (end == position)
        {
            return Tokens.Failure<Stage>(input, "a stage");
        }

        var word = text[position..end];
        if (!Bodies.TryGetValue(word, out var body))
        {
            throw UnknownStage(word, new TextSpan(position, end - position));
        }

        return body(new TextSpan(position, end - position))(input.Q().At(end));
    };

    public static SyntaxError UnknownStage(string word, TextSpan span)
    {
        if (ForeignSpellings.Find(ForeignSpellingKind.Stage, word) is { } foreign)
        {
            return new SyntaxError(SyntaxCodes.ForeignStage, $"unknown stage '{word}': {foreign.Advice}", span);
        }

        var suggestion = Spelling.Suggest(word, SyntaxFacts.StageKeywords);
        var advice = suggestion is null ? $"one of {string.Join(", ", SyntaxFacts.StageKeywords)}" : $"did you mean '{suggestion}'?";
        return new SyntaxError(SyntaxCodes.UnknownStage, $"expected a stage, found unknown stage '{word}' ({advice})", span);
    }

    private static IResult<Stage> Done(Stage stage, IInput remainder) => Result.Success(stage, remainder);

    private static TextSpan SpanFrom(TextSpan keyword, IInput remainder) => new(keyword.Start, remainder.Position - keyword.Start);

    private static Parser<Stage> Where(TextSpan keyword) => input =>
    {
        var predicate = Tokens.Require(Expression, "a predicate after 'where'")(input);
        return Done(new WhereStage(predicate.Value, SpanFrom(keyword, predicate.Remainder)), predicate.Remainder);
    };

    private static Parser<Stage> Assignments(string stage, TextSpan keyword, Func<ImmutableArray<Assignment>, TextSpan, Stage> create) => input =>
    {
        var columns = RequiredList(Assignment, $"a column after '{stage}'", "a column after ','")(input);
        return Done(create([.. columns.Value], SpanFrom(keyword, columns.Remainder)), columns.Remainder);
    };

    private static Parser<Stage> ProjectAway(TextSpan keyword) => input =>
    {
        var columns = RequiredList(ColumnReference, "a column after 'project-away'", "a column after ','")(input);
        return Done(new ProjectAwayStage([.. columns.Value], SpanFrom(keyword, columns.Remainder)), columns.Remainder);
    };

    private static Parser<Stage> ProjectRename(TextSpan keyword) => input =>
    {
        var rename =
            from name in ColumnName
            from equalsSign in EqualsSign.Expect(SyntaxCodes.ExpectedToken, $"'=' after the new name")
            from old in Tokens.Require(ColumnReference, "the column to rename", SyntaxCodes.ExpectedName)
            select new Rename(name.Name, old, TextSpan.Between(name.Span, old.Span));
        var renames = RequiredList(rename, "'new_name = old_name' after 'project-rename'", "'new_name = old_name' after ','", SyntaxCodes.ExpectedName)(input);
        return Done(new ProjectRenameStage([.. renames.Value], SpanFrom(keyword, renames.Remainder)), renames.Remainder);
    };

    private static Parser<Stage> MvExpand(TextSpan keyword) => input =>
    {
        var name = NameAndEquals(input);
        var rest = name.WasSuccessful ? name.Remainder : input;
        var array = Tokens.Require(Expression, "the array to expand")(rest);
        var stage = new MvExpandStage(name.WasSuccessful ? name.Value.Name : null, array.Value, SpanFrom(keyword, array.Remainder));
        return Done(stage, array.Remainder);
    };

    private static Parser<Stage> Summarize(TextSpan keyword) => input =>
    {
        var by = Tokens.Word("by");
        var aggregates = by(input).WasSuccessful ? Result.Success(new List<Assignment>(), input) : ListOf(Assignment)(input);
        if (!aggregates.WasSuccessful)
        {
            throw Tokens.ErrorAt(input, SyntaxCodes.ExpectedExpression, "expected an aggregate or 'by' after 'summarize'");
        }

        var byToken = by(aggregates.Remainder);
        if (!byToken.WasSuccessful)
        {
            var next = aggregates.Remainder.Next();
            var text = input.Source;
            if (next < text.Length && (SyntaxFacts.IsIdentifierStart(text[next]) || text[next] == '['))
            {
                throw Tokens.ErrorAt(aggregates.Remainder, SyntaxCodes.MissingBy, "expected 'by', ',' or '|' after the aggregates");
            }

            return Done(new SummarizeStage([.. aggregates.Value], [], SpanFrom(keyword, aggregates.Remainder)), aggregates.Remainder);
        }

        var keys = RequiredList(Assignment, "a group-by column after 'by'", "a group-by column after ','")(byToken.Remainder);
        return Done(new SummarizeStage([.. aggregates.Value], [.. keys.Value], SpanFrom(keyword, keys.Remainder)), keys.Remainder);
    };

    private static Parser<Stage> Sort(TextSpan keyword) => input =>
    {
        var by = Tokens.Word("by").Expect(SyntaxCodes.MissingBy, "'by' after 'sort'")(input);
        var keys = RequiredList(SortKeyParser, "a sort key after 'by'", "a sort key after ','")(by.Remainder);
        return Done(new SortStage([.. keys.Value], SpanFrom(keyword, keys.Remainder)), keys.Remainder);
    };

    private static Parser<Stage> Take(TextSpan keyword) => input =>
    {
        var count = LiteralParsers.Number(input);
        if (!count.WasSuccessful || count.Value is not LiteralExpression { Kind: LiteralKind.Long, Value: long n })
        {
            throw Tokens.ErrorAt(input, SyntaxCodes.InvalidTakeCount, "expected a whole number of rows after 'take'");
        }

        return Done(new TakeStage(n, SpanFrom(keyword, count.Remainder)), count.Remainder);
    };

    private static Parser<Stage> FillNull(TextSpan keyword) => input =>
    {
        var value = FillValue(input);
        var inKeyword = Tokens.Word("in")(value.Remainder);
        if (!inKeyword.WasSuccessful)
        {
            return Done(new FillNullStage(value.Value, [], SpanFrom(keyword, value.Remainder)), value.Remainder);
        }

        var columns = RequiredList(ColumnReference, "a column after 'in'", "a column after ','")(inKeyword.Remainder);
        return Done(new FillNullStage(value.Value, [.. columns.Value], SpanFrom(keyword, columns.Remainder)), columns.Remainder);
    };

    /// <summary>The constant <c>fill-null</c> writes: a literal, numbers with an optional sign.</summary>
    private static readonly Parser<LiteralExpression> FillValue = input =>
    {
        var number = LiteralParsers.SignedNumber(input);
        if (number.WasSuccessful)
        {
            return number;
        }

        var primary = PrimaryParsers.Primary(input);
        if (primary.WasSuccessful && primary.Value.Value is LiteralExpression literal && !primary.Value.Parenthesized)
        {
            return Result.Success(literal, primary.Remainder);
        }

        throw Tokens.ErrorAt(input, SyntaxCodes.InvalidFillValue, "expected a literal value (string, number, bool, duration or datetime) after 'fill-null'");
    };

    private static Parser<Stage> Join(TextSpan keyword) => input =>
    {
        var kind = JoinKindClause(input);
        var rest = kind.Remainder;
        var right = Tokens.Symbol("(")(rest).WasSuccessful
            ? PipelineGrammar.Parenthesized(rest)
            : throw Tokens.ErrorAt(rest, SyntaxCodes.ExpectedToken, "expected '(' and the right-hand pipeline after 'join'");
        var on = Tokens.Word("on").Expect(SyntaxCodes.MissingOn, "'on' and the join keys after the right-hand pipeline")(right.Remainder);
        var keys = RequiredList(Expression, "a join key after 'on'", "a join key after ','")(on.Remainder);
        return Done(new JoinStage(kind.Value, right.Value, [.. keys.Value], SpanFrom(keyword, keys.Remainder)), keys.Remainder);
    };

    private static readonly Parser<JoinKind> JoinKindClause = input =>
    {
        var kindWord = Tokens.Word("kind")(input);
        if (!kindWord.WasSuccessful)
        {
            return Result.Success(JoinKind.InnerUnique, input);
        }

        var equals = EqualsSign.Expect(SyntaxCodes.ExpectedToken, "'=' after 'kind'")(kindWord.Remainder);
        var name = Tokens.AnyIdentifier(equals.Remainder);
        var known = Enum.GetValues<JoinKind>().Select(k => k.ToString().ToLowerInvariant()).ToArray();
        if (!name.WasSuccessful || !known.Contains(name.Value.Name))
        {
            var found = name.WasSuccessful ? name.Value.Name : null;
            var suggestion = found is null ? null : Spelling.Suggest(found, known);
            var advice = suggestion is null ? $"one of {string.Join(", ", known)}" : $"did you mean '{suggestion}'?";
            throw Tokens.ErrorAt(equals.Remainder, SyntaxCodes.InvalidJoinKind, $"expected a join kind ({advice})");
        }

        var kind = Enum.Parse<JoinKind>(name.Value.Name, ignoreCase: true);
        return Result.Success(kind, name.Remainder);
    };

    private static Parser<Stage> Union(TextSpan keyword) => input =>
    {
        var pipeline = Tokens.Require(PipelineGrammar.Parenthesized, "'(' and a pipeline after 'union'", SyntaxCodes.ExpectedToken);
        var pipelines = Tokens.CommaList(pipeline, SyntaxCodes.ExpectedToken, "'(' and a pipeline after ','")(input);
        return Done(new UnionStage([.. pipelines.Value], SpanFrom(keyword, pipelines.Remainder)), pipelines.Remainder);
    };

    private static Parser<Stage> Invoke(TextSpan keyword) => input =>
    {
        var invocation =
            from name in Tokens.AnyIdentifier.Expect(SyntaxCodes.ExpectedName, "a fragment name after 'invoke'")
            from open in Tokens.Symbol("(").Expect(SyntaxCodes.ExpectedToken, $"'(' after '{name.Name}'")
            from close in Tokens.Symbol(")").Expect(SyntaxCodes.UnbalancedParentheses, $"')' after '{name.Name}(' (fragments take no arguments)")
            select name.Name;
        var result = invocation(input);
        return Done(new InvokeStage(result.Value, SpanFrom(keyword, result.Remainder)), result.Remainder);
    };

    private static Parser<List<T>> ListOf<T>(Parser<T> item) => Tokens.CommaList(item, SyntaxCodes.ExpectedExpression, "an item after ','");

    /// <summary>A comma list whose first item is required as well.</summary>
    private static Parser<List<T>> RequiredList<T>(Parser<T> item, string first, string next, string code = SyntaxCodes.ExpectedExpression) =>
        Tokens.Require(Tokens.CommaList(item, code, next), first, code);
}
