using System.Collections.Immutable;
using CsCheck;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Language.Tests.Printing;

/// <summary>
/// CsCheck generators of syntax trees the parser can produce: every node kind, adversarial strings (quotes,
/// backslashes, control characters, surrogates), names that need quoting, and nesting that exercises precedence.
/// Spans are left at their default; <see cref="SyntaxEquality"/> ignores them.
/// </summary>
internal static class SyntaxGenerators
{
    private static readonly TextSpan NoSpan = default;

    private static readonly string[] CommonNames =
        ["eventName", "eventSource", "userIdentity", "arn", "_time", "x", "a1", "requestParameters", "resources", "mv", "fill", "kind", "count_"];

    private static readonly string[] AwkwardNames =
        ["where", "and", "by", "not", "true", "null", "in", "has_cs", "x-y", "a.b", "with space", "", "\"", "'", "\\", "é", "1abc", "datetime", "dynamic"];

    private static readonly Gen<string> Identifier = Gen.Frequency(
        (3, Gen.OneOf(CommonNames.Select(Gen.Const).ToArray())),
        (2, Gen.Select(Gen.Char["abcxyz_ABZ"], Gen.String[Gen.Char["abcxyz_019"], 0, 8], (first, rest) => first + rest)));

    /// <summary>Names written bare where a name is required (let names, functions, lists, fragments).</summary>
    public static readonly Gen<string> BareName = Identifier.Where(n => SyntaxFacts.IsBareName(n) && n is not ("datetime" or "dynamic"));

    /// <summary>Any string as a column or member name: printed bare when it can be, quoted otherwise.</summary>
    public static readonly Gen<string> AnyName = Gen.Frequency(
        (4, Identifier),
        (2, Gen.OneOf(AwkwardNames.Select(Gen.Const).ToArray())),
        (1, AdversarialString()));

    public static Gen<string> AdversarialString() => Gen.Frequency(
        (3, Gen.String[Gen.Char["ab \"'\\\n\r\t/|;$@[](),.=~!é中😀"], 0, 12]),
        (1, Gen.String[Gen.Char, 0, 6]),
        (1, Gen.OneOf(Gen.Const("\ud800"), Gen.Const("a\udc00b"), Gen.Const("\u2028\u0085\u0000\u001f\u007f"), Gen.Const("\\u0041\\n"))));

    private static Gen<ImmutableArray<T>> ArrayOf<T>(Gen<T> item, int min, int max) => item.Array[min, max].Select(items => items.ToImmutableArray());

    private static readonly Gen<Expression> NonNegativeLiteral = Gen.Frequency(
        (3, AdversarialString().Select(s => Literal(LiteralKind.String, s))),
        (2, Gen.Long[0, long.MaxValue].Select(l => Literal(LiteralKind.Long, l))),
        (1, Gen.Int[0, 1000].Select(i => Literal(LiteralKind.Long, (long)i))),
        (2, Gen.Double.Where(d => double.IsFinite(d) && (d > 0 || d == 0 && !double.IsNegative(d))).Select(d => Literal(LiteralKind.Real, d))),
        (1, Gen.Bool.Select(b => Literal(LiteralKind.Bool, b))),
        (1, Gen.Const(Literal(LiteralKind.Null, null))),
        (2, Gen.Long[0, TimeSpan.MaxValue.Ticks].Select(t => Literal(LiteralKind.Duration, TimeSpan.FromTicks(t)))),
        (1, Gen.Int[0, 100_000].Select(ms => Literal(LiteralKind.Duration, TimeSpan.FromMilliseconds(ms)))),
        (2, Gen.Long[DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks].Select(t => Literal(LiteralKind.DateTime, new DateTimeOffset(t, TimeSpan.Zero)))));

    /// <summary>Constants <c>fill-null</c> accepts: any literal, negative numbers and durations included.</summary>
    public static readonly Gen<LiteralExpression> FillValue = Gen.Frequency(
        (3, NonNegativeLiteral.Select(e => (LiteralExpression)e)),
        (1, Gen.Long.Select(l => (LiteralExpression)Literal(LiteralKind.Long, l))),
        (1, Gen.Double.Where(double.IsFinite).Select(d => (LiteralExpression)Literal(LiteralKind.Real, d))),
        (1, Gen.Long[-TimeSpan.MaxValue.Ticks, TimeSpan.MaxValue.Ticks].Select(t => (LiteralExpression)Literal(LiteralKind.Duration, TimeSpan.FromTicks(t)))));

    private static readonly Gen<PathSegment> Segment = Gen.Frequency(
        (4, AnyName.Select(n => (PathSegment)new MemberSegment(n, false, NoSpan))),
        (1, Gen.Int.Select(i => (PathSegment)new IndexSegment(i, NoSpan))),
        (1, Gen.Int[-3, 3].Select(i => (PathSegment)new IndexSegment(i, NoSpan))));

    private static readonly Gen<FieldExpression> Field =
        Gen.Select(AnyName, ArrayOf(Segment, 0, 3), (first, rest) => new FieldExpression(rest.Insert(0, new MemberSegment(first, false, NoSpan)), NoSpan));

    private static readonly Gen<Expression> Leaf = Gen.Frequency(
        (3, NonNegativeLiteral),
        (4, Field.Select(f => (Expression)f)),
        (1, Gen.Select(Gen.Enum<JoinSide>(), Field, (side, field) => (Expression)new JoinSideExpression(side, field, NoSpan))));

    private static readonly Gen<Expression>[] ExpressionsByDepth = BuildExpressions(4);

    public static Gen<Expression> Expression(int depth) => ExpressionsByDepth[Math.Clamp(depth, 0, ExpressionsByDepth.Length - 1)];

    private static Gen<Expression>[] BuildExpressions(int maxDepth)
    {
        var byDepth = new Gen<Expression>[maxDepth + 1];
        byDepth[0] = Leaf;
        for (var depth = 1; depth <= maxDepth; depth++)
        {
            var sub = byDepth[depth - 1];
            var argument = Gen.Frequency((6, sub), (1, Gen.Const((Expression)new WildcardExpression(NoSpan))));
            byDepth[depth] = Gen.Frequency(
                (3, Leaf),
                (4, Gen.Select(Gen.Enum<BinaryOperator>(), sub, sub, (op, left, right) => (Expression)new BinaryExpression(op, left, right, NoSpan))),
                (2, Gen.Select(Gen.Enum<UnaryOperator>(), sub, (op, operand) => (Expression)new UnaryExpression(op, operand, NoSpan))),
                (2, Gen.Select(sub, Gen.Enum<InOperator>(), ListSource(sub), (value, op, list) => (Expression)new InExpression(value, op, list, NoSpan))),
                (1, Gen.Select(sub, sub, sub, Gen.Bool, (value, low, high, negated) => (Expression)new BetweenExpression(value, low, high, negated, NoSpan))),
                (2, Gen.Select(BareName, ArrayOf(argument, 0, 3), (name, args) => (Expression)new FunctionCallExpression(name, args, NoSpan))),
                (1, ArrayOf(sub, 0, 3).Select(items => (Expression)new ArrayExpression(items, NoSpan))),
                (1, Gen.Select(sub, ArrayOf(Segment, 1, 2), (target, path) => (Expression)new PathAccessExpression(target, path, NoSpan))));
        }

        return byDepth;
    }

    private static Gen<ListSource> ListSource(Gen<Expression> items) => Gen.Frequency(
        (3, ArrayOf(items, 1, 3).Select(list => (ListSource)new ListLiteral(list, NoSpan))),
        (1, Identifier.Select(name => (ListSource)new NamedListReference(name, NoSpan))),
        (1, BareName.Select(name => (ListSource)new LetListReference(name, NoSpan))));

    private static readonly Gen<string?> OptionalName = Gen.Frequency((2, AnyName.Select(n => (string?)n)), (1, Gen.Const((string?)null)));

    private static Gen<Assignment> AssignmentOf(Gen<Expression> value) =>
        Gen.Select(OptionalName, value, (name, v) => new Assignment(name, v, NoSpan));

    private static Gen<Stage> Stage(int depth)
    {
        var expression = Expression(3);
        var assignments = ArrayOf(AssignmentOf(expression), 1, 3);
        var fields = ArrayOf(Field, 1, 3);
        var stages = new List<(int, IGen<Stage>)>
        {
            (4, expression.Select(e => (Stage)new WhereStage(e, NoSpan))),
            (2, assignments.Select(a => (Stage)new ExtendStage(a, NoSpan))),
            (1, assignments.Select(a => (Stage)new ProjectStage(a, NoSpan))),
            (1, fields.Select(f => (Stage)new ProjectAwayStage(f, NoSpan))),
            (1, ArrayOf(Gen.Select(AnyName, Field, (name, old) => new Rename(name, old, NoSpan)), 1, 3).Select(r => (Stage)new ProjectRenameStage(r, NoSpan))),
            (1, Gen.Select(OptionalName, expression, (name, array) => (Stage)new MvExpandStage(name, array, NoSpan))),
            (2, Gen.Select(ArrayOf(AssignmentOf(expression), 0, 3), ArrayOf(AssignmentOf(expression), 0, 3))
                .Where((aggregates, by) => aggregates.Length + by.Length > 0)
                .Select((aggregates, by) => (Stage)new SummarizeStage(aggregates, by, NoSpan))),
            (1, assignments.Select(a => (Stage)new DistinctStage(a, NoSpan))),
            (1, ArrayOf(Gen.Select(expression, Gen.Bool, (value, descending) => new SortKey(value, descending, NoSpan)), 1, 3).Select(k => (Stage)new SortStage(k, NoSpan))),
            (1, Gen.Long[0, long.MaxValue].Select(n => (Stage)new TakeStage(n, NoSpan))),
            (1, Gen.Select(FillValue, ArrayOf(Field, 0, 2), (value, columns) => (Stage)new FillNullStage(value, columns, NoSpan))),
            (1, BareName.Select(name => (Stage)new InvokeStage(name, NoSpan))),
        };
        if (depth > 0)
        {
            var nested = Pipeline(depth - 1, allowEmptyLetSource: true);
            stages.Add((1, Gen.Select(Gen.Enum<JoinKind>(), nested, ArrayOf(expression, 1, 2), (kind, right, on) => (Stage)new JoinStage(kind, right, on, NoSpan))));
            stages.Add((1, ArrayOf(nested, 1, 2).Select(p => (Stage)new UnionStage(p, NoSpan))));
        }

        return Gen.Frequency([.. stages]);
    }

    /// <summary>
    /// A pipeline: over the data source (at least one stage), or over a let name (possibly without stages where the
    /// text stays a pipeline, i.e. inside join and union).
    /// </summary>
    public static Gen<Pipeline> Pipeline(int depth, bool allowEmptyLetSource)
    {
        var stage = Stage(depth);
        var overDataSource = ArrayOf(stage, 1, 4).Select(s => new Pipeline(new DataSourceInput(NoSpan), s, NoSpan));
        var overLet = Gen.Select(BareName, ArrayOf(stage, allowEmptyLetSource ? 0 : 1, 3), (name, s) => new Pipeline(new LetPipelineInput(name, NoSpan), s, NoSpan));
        return Gen.Frequency((3, overDataSource), (1, overLet));
    }

    private static readonly Gen<LetStatement> Let = Gen.Frequency(
        (2, Gen.Select(BareName, Expression(3), (name, value) => (LetStatement)new LetExpression(name, value, NoSpan))),
        (1, Gen.Select(BareName, Pipeline(1, allowEmptyLetSource: false), (name, value) => (LetStatement)new LetPipeline(name, value, NoSpan))));

    public static readonly Gen<Query> Query =
        Gen.Select(ArrayOf(Let, 0, 2), Pipeline(1, allowEmptyLetSource: true), (lets, body) => new Query(lets, body, NoSpan));

    private static Expression Literal(LiteralKind kind, object? value) => new LiteralExpression(kind, value, NoSpan);
}
