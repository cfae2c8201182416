using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Compiler.Language.Syntax;
using Xunit;

namespace RuleCompiler.Language.Tests.Parsing;

public class ParserTests
{
    private static Expression Expr(string text)
    {
        var result = QueryParser.ParseExpression(text);
        Assert.True(result.Diagnostics.IsEmpty, string.Join("\n", result.Diagnostics));
        return result.Value!;
    }

    private static Query Parse(string text)
    {
        var result = QueryParser.Parse(text);
        Assert.True(result.Diagnostics.IsEmpty, string.Join("\n", result.Diagnostics));
        return result.Query!;
    }

    private static T Single<T>(string query)
        where T : Stage => Assert.IsType<T>(Assert.Single(Parse(query).Body.Stages));

    [Fact]
    public void Precedence_goes_or_and_not_relational_additive_multiplicative_unary()
    {
        var or = Assert.IsType<BinaryExpression>(Expr("a or b and not c == d + e * -f"));
        Assert.Equal(BinaryOperator.Or, or.Operator);
        var and = Assert.IsType<BinaryExpression>(or.Right);
        Assert.Equal(BinaryOperator.And, and.Operator);
        var not = Assert.IsType<UnaryExpression>(and.Right);
        Assert.Equal(UnaryOperator.Not, not.Operator);
        var equal = Assert.IsType<BinaryExpression>(not.Operand);
        Assert.Equal(BinaryOperator.Equal, equal.Operator);
        var add = Assert.IsType<BinaryExpression>(equal.Right);
        Assert.Equal(BinaryOperator.Add, add.Operator);
        var multiply = Assert.IsType<BinaryExpression>(add.Right);
        Assert.Equal(BinaryOperator.Multiply, multiply.Operator);
        Assert.Equal(UnaryOperator.Negate, Assert.IsType<UnaryExpression>(multiply.Right).Operator);
    }

    [Fact]
    public void Binary_operators_of_one_level_associate_to_the_left()
    {
        var outer = Assert.IsType<BinaryExpression>(Expr("a - b - c"));
        Assert.IsType<BinaryExpression>(outer.Left);
        Assert.IsType<FieldExpression>(outer.Right);
    }

    [Theory]
    [InlineData("==", BinaryOperator.Equal)]
    [InlineData("!=", BinaryOperator.NotEqual)]
    [InlineData("=~", BinaryOperator.EqualCi)]
    [InlineData("!~", BinaryOperator.NotEqualCi)]
    [InlineData("<", BinaryOperator.Less)]
    [InlineData("<=", BinaryOperator.LessOrEqual)]
    [InlineData(">", BinaryOperator.Greater)]
    [InlineData(">=", BinaryOperator.GreaterOrEqual)]
    [InlineData("contains", BinaryOperator.Contains)]
    [InlineData("!contains", BinaryOperator.NotContains)]
    [InlineData("contains_cs", BinaryOperator.ContainsCs)]
    [InlineData("!contains_cs", BinaryOperator.NotContainsCs)]
    [InlineData("startswith", BinaryOperator.StartsWith)]
    [InlineData("!startswith", BinaryOperator.NotStartsWith)]
    [InlineData("startswith_cs", BinaryOperator.StartsWithCs)]
    [InlineData("!startswith_cs", BinaryOperator.NotStartsWithCs)]
    [InlineData("endswith", BinaryOperator.EndsWith)]
    [InlineData("!endswith", BinaryOperator.NotEndsWith)]
    [InlineData("endswith_cs", BinaryOperator.EndsWithCs)]
    [InlineData("!endswith_cs", BinaryOperator.NotEndsWithCs)]
    [InlineData("has", BinaryOperator.Has)]
    [InlineData("!has", BinaryOperator.NotHas)]
    [InlineData("has_cs", BinaryOperator.HasCs)]
    [InlineData("!has_cs", BinaryOperator.NotHasCs)]
    [InlineData("matches regex", BinaryOperator.MatchesRegex)]
    public void Relational_operators_parse(string op, BinaryOperator expected)
    {
        var binary = Assert.IsType<BinaryExpression>(Expr($"userAgent {op} \"x\""));
        Assert.Equal(expected, binary.Operator);
    }

    [Fact]
    public void Word_operators_need_a_word_boundary()
    {
        var field = Assert.IsType<FieldExpression>(Expr("hasValue"));
        Assert.Equal("hasValue", Assert.IsType<MemberSegment>(Assert.Single(field.Path)).Name);
    }

    [Fact]
    public void In_takes_a_list_a_named_list_or_a_let_name()
    {
        var literal = Assert.IsType<InExpression>(Expr("eventName in (\"a\", \"b\")"));
        Assert.Equal(InOperator.In, literal.Operator);
        Assert.Equal(2, Assert.IsType<ListLiteral>(literal.List).Items.Length);

        var named = Assert.IsType<InExpression>(Expr("user !in~ @aws_ecr_users_asl"));
        Assert.Equal(InOperator.NotInCi, named.Operator);
        Assert.Equal("aws_ecr_users_asl", Assert.IsType<NamedListReference>(named.List).Name);

        var let = Assert.IsType<InExpression>(Expr("user in~ admins"));
        Assert.Equal(InOperator.InCi, let.Operator);
        Assert.Equal("admins", Assert.IsType<LetListReference>(let.List).Name);

        Assert.Equal(InOperator.NotIn, Assert.IsType<InExpression>(Expr("x !in (1)")).Operator);
    }

    [Fact]
    public void Between_and_not_between()
    {
        var between = Assert.IsType<BetweenExpression>(Expr("n between (1 .. 10)"));
        Assert.False(between.Negated);
        Assert.Equal(10L, Assert.IsType<LiteralExpression>(between.High).Value);
        Assert.True(Assert.IsType<BetweenExpression>(Expr("n !between (1..10)")).Negated);
    }

    [Theory]
    [InlineData("500ms", 0, 0, 0, 0, 500)]
    [InlineData("30s", 0, 0, 0, 30, 0)]
    [InlineData("5m", 0, 0, 5, 0, 0)]
    [InlineData("1h", 0, 1, 0, 0, 0)]
    [InlineData("14d", 14, 0, 0, 0, 0)]
    [InlineData("1.5h", 0, 1, 30, 0, 0)]
    public void Durations_are_timespans(string text, int days, int hours, int minutes, int seconds, int milliseconds)
    {
        var literal = Assert.IsType<LiteralExpression>(Expr(text));
        Assert.Equal(LiteralKind.Duration, literal.Kind);
        Assert.Equal(new TimeSpan(days, hours, minutes, seconds, milliseconds), literal.Value);
    }

    [Fact]
    public void Numbers_booleans_and_null()
    {
        Assert.Equal(42L, Assert.IsType<LiteralExpression>(Expr("42")).Value);
        Assert.Equal(1.5e-3, Assert.IsType<LiteralExpression>(Expr("1.5e-3")).Value);
        Assert.Equal(LiteralKind.Real, Assert.IsType<LiteralExpression>(Expr("2.0")).Kind);
        Assert.Equal(true, Assert.IsType<LiteralExpression>(Expr("true")).Value);
        Assert.Equal(LiteralKind.Null, Assert.IsType<LiteralExpression>(Expr("null")).Kind);
    }

    [Fact]
    public void Datetime_literals_are_utc()
    {
        var literal = Assert.IsType<LiteralExpression>(Expr("datetime(2024-05-25T23:14:00+02:00)"));
        Assert.Equal(LiteralKind.DateTime, literal.Kind);
        Assert.Equal(new DateTimeOffset(2024, 5, 25, 21, 14, 0, TimeSpan.Zero), literal.Value);
        Assert.Equal(TimeSpan.Zero, ((DateTimeOffset)literal.Value!).Offset);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), Assert.IsType<LiteralExpression>(Expr("datetime(\"2024-01-01\")")).Value);
    }

    [Theory]
    [InlineData("\"a\\\"b\"", "a\"b")]
    [InlineData("'a\\'b'", "a'b")]
    [InlineData("\"tab\\tnl\\ncr\\rbs\\\\\"", "tab\tnl\ncr\rbs\\")]
    [InlineData("\"\\u0041\\u00e9\"", "Aé")]
    [InlineData("'say \"hi\"'", "say \"hi\"")]
    [InlineData("@\"c:\\temp\\new\"", "c:\\temp\\new")]
    [InlineData("@'it''s'", "it's")]
    [InlineData("\"\"", "")]
    public void String_literals_decode_escapes(string text, string expected)
    {
        var literal = Assert.IsType<LiteralExpression>(Expr(text));
        Assert.Equal(expected, literal.Value);
    }

    [Fact]
    public void Field_paths_hold_members_indexes_and_quoted_segments()
    {
        var field = Assert.IsType<FieldExpression>(Expr("a.b[0][\"x-y\"][-1].where"));
        Assert.Collection(
            field.Path,
            s => Assert.Equal("a", Assert.IsType<MemberSegment>(s).Name),
            s => Assert.Equal("b", Assert.IsType<MemberSegment>(s).Name),
            s => Assert.Equal(0, Assert.IsType<IndexSegment>(s).Index),
            s => Assert.True(Assert.IsType<MemberSegment>(s) is { Name: "x-y", Quoted: true }),
            s => Assert.Equal(-1, Assert.IsType<IndexSegment>(s).Index),
            s => Assert.Equal("where", Assert.IsType<MemberSegment>(s).Name));

        var keyword = Assert.IsType<FieldExpression>(Expr("[\"where\"]"));
        Assert.Equal("where", Assert.IsType<MemberSegment>(Assert.Single(keyword.Path)).Name);
    }

    [Fact]
    public void Join_sides_hold_a_field_path()
    {
        var equal = Assert.IsType<BinaryExpression>(Expr("$left.a.b == $right[\"c-d\"]"));
        var left = Assert.IsType<JoinSideExpression>(equal.Left);
        Assert.Equal(JoinSide.Left, left.Side);
        Assert.Equal(2, left.Field.Path.Length);
        var right = Assert.IsType<JoinSideExpression>(equal.Right);
        Assert.Equal(JoinSide.Right, right.Side);
        Assert.Equal("c-d", Assert.IsType<MemberSegment>(Assert.Single(right.Field.Path)).Name);
    }

    [Fact]
    public void Postfix_segments_apply_to_calls_and_parenthesised_expressions()
    {
        var access = Assert.IsType<PathAccessExpression>(Expr("parse_json(x)[0].ARN"));
        Assert.IsType<FunctionCallExpression>(access.Target);
        Assert.Equal(2, access.Path.Length);

        var parenthesised = Assert.IsType<PathAccessExpression>(Expr("(a.b)[0]"));
        Assert.IsType<FieldExpression>(parenthesised.Target);
    }

    [Fact]
    public void Calls_take_wildcards_and_arrays()
    {
        var call = Assert.IsType<FunctionCallExpression>(Expr("arg_max(_time, *)"));
        Assert.IsType<WildcardExpression>(call.Arguments[1]);
        Assert.Empty(Assert.IsType<FunctionCallExpression>(Expr("count()")).Arguments);
        var array = Assert.IsType<ArrayExpression>(Expr("dynamic([\"a\", 1, dynamic([])])"));
        Assert.Equal(3, array.Items.Length);
    }

    [Fact]
    public void Every_stage_parses()
    {
        var query = Parse("""
            where a == 1
            | extend b = 2, tostring(c)
            | project a, renamed = b
            | project-away c, d.e
            | project-rename new_name = old_name, ["x-y"] = z
            | mv-expand finding = responseElements.findings
            | mv-expand resources
            | summarize count(), n = dcount(user) by awsRegion, hour = bin(_time, 1h)
            | summarize by awsRegion
            | summarize count()
            | distinct awsRegion, user
            | sort by n, awsRegion asc
            | take 10
            | fill-null "unknown"
            | fill-null -1 in a, b
            | join kind=leftanti (where x == 1) on a, $left.b == $right.c
            | join (other) on a
            | union (where y == 2), (other | take 1)
            | invoke aws_account_name()
            """);
        var stages = query.Body.Stages;
        Assert.Equal(19, stages.Length);
        Assert.Null(Assert.IsType<ExtendStage>(stages[1]).Columns[1].Name);
        Assert.Equal("x-y", Assert.IsType<ProjectRenameStage>(stages[4]).Renames[1].NewName);
        Assert.Null(Assert.IsType<MvExpandStage>(stages[6]).Name);
        Assert.Empty(Assert.IsType<SummarizeStage>(stages[8]).Aggregates);
        Assert.Empty(Assert.IsType<SummarizeStage>(stages[9]).By);
        var sort = Assert.IsType<SortStage>(stages[11]);
        Assert.True(sort.Keys[0].Descending);
        Assert.False(sort.Keys[1].Descending);
        Assert.Equal(10, Assert.IsType<TakeStage>(stages[12]).Count);
        Assert.Empty(Assert.IsType<FillNullStage>(stages[13]).Columns);
        Assert.Equal(-1L, Assert.IsType<FillNullStage>(stages[14]).Value.Value);
        var join = Assert.IsType<JoinStage>(stages[15]);
        Assert.Equal(JoinKind.LeftAnti, join.Kind);
        Assert.Equal(2, join.On.Length);
        Assert.Equal(JoinKind.InnerUnique, Assert.IsType<JoinStage>(stages[16]).Kind);
        Assert.Equal("other", Assert.IsType<LetPipelineInput>(Assert.IsType<JoinStage>(stages[16]).Right.Source).Name);
        Assert.Equal(2, Assert.IsType<UnionStage>(stages[17]).Pipelines.Length);
        Assert.Equal("aws_account_name", Assert.IsType<InvokeStage>(stages[18]).FragmentName);
    }

    [Fact]
    public void Let_statements_bind_constants_lists_and_sub_pipelines()
    {
        var query = Parse("""
            // policies created, then attached
            let window = 14d;
            let admins = dynamic(["a", "b"]);
            let created = (where eventName == "CreatePolicy" | project policyArn = responseElements.policy.arn);
            let total = (1 + 2);
            created
            | join kind=inner (where eventName == "AttachUserPolicy") on policyArn
            | where _time >= ago(window) and user !in admins
            """);
        Assert.Equal(["window", "admins", "created", "total"], query.Lets.Select(l => l.Name));
        Assert.IsType<LetExpression>(query.Lets[0]);
        Assert.IsType<ArrayExpression>(Assert.IsType<LetExpression>(query.Lets[1]).Value);
        Assert.Equal(2, Assert.IsType<LetPipeline>(query.Lets[2]).Value.Stages.Length);
        Assert.IsType<BinaryExpression>(Assert.IsType<LetExpression>(query.Lets[3]).Value);
        Assert.Equal("created", Assert.IsType<LetPipelineInput>(query.Body.Source).Name);
    }

    [Fact]
    public void Comments_and_newlines_are_trivia()
    {
        var query = Parse("where a == 1 // first\n// a whole line\n  | take 1 // last");
        Assert.Equal(2, query.Body.Stages.Length);
    }

    [Fact]
    public void Fragment_stages_parse_without_a_source()
    {
        var result = QueryParser.ParseStages("extend AccountName = tostring(split(userIdentity.arn, \"/\")[-1])\n| extend AccountUPNSuffix = \"\"");
        Assert.Empty(result.Diagnostics);
        Assert.Equal(2, result.Value!.Stages.Length);
        Assert.IsType<DataSourceInput>(result.Value.Source);

        var withSource = QueryParser.ParseStages("created | take 1");
        Assert.Equal(SyntaxCodes.UnknownStage, Assert.Single(withSource.Diagnostics).Code);
    }

    [Fact]
    public void Keywords_are_ordinary_member_names_after_a_dot()
    {
        var field = Assert.IsType<FieldExpression>(Expr("api.by.where"));
        Assert.Equal(3, field.Path.Length);
    }
}
