using System.Collections.Immutable;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Language.Tests.Binding;

/// <summary>
/// Builds ASTs in code for binder tests. Every node gets a distinct span (a running offset), so a test can check
/// that a diagnostic points at the node it is about.
/// </summary>
internal static class Ast
{
    private static int _offset;

    private static TextSpan Next(int length = 1) => new(Interlocked.Add(ref _offset, length + 1) - length, length);

    public static FieldExpression F(string dotted)
    {
        var segments = dotted.Split('.').Select(PathSegment (name) => new MemberSegment(name, false, Next(name.Length))).ToImmutableArray();
        return new FieldExpression(segments, TextSpan.Between(segments[0].Span, segments[^1].Span));
    }

    public static FieldExpression Path(params object[] segments) =>
        new([.. segments.Select(PathSegment (s) => s is int i ? new IndexSegment(i, Next()) : new MemberSegment((string)s, false, Next()))], Next());

    public static LiteralExpression S(string text) => new(LiteralKind.String, text, Next(text.Length + 2));

    public static LiteralExpression L(long value) => new(LiteralKind.Long, value, Next());

    public static LiteralExpression Bool(bool value) => new(LiteralKind.Bool, value, Next());

    public static LiteralExpression Null() => new(LiteralKind.Null, null, Next());

    public static LiteralExpression Dur(TimeSpan value) => new(LiteralKind.Duration, value, Next());

    public static FunctionCallExpression Call(string name, params Expression[] arguments) => new(name, [.. arguments], Next(name.Length));

    public static BinaryExpression Bin(BinaryOperator op, Expression left, Expression right) => new(op, left, right, Next());

    public static BinaryExpression Eq(Expression left, Expression right) => Bin(BinaryOperator.Equal, left, right);

    public static BinaryExpression And(Expression left, Expression right) => Bin(BinaryOperator.And, left, right);

    public static JoinSideExpression LeftSide(string name) => new(JoinSide.Left, F(name), Next());

    public static JoinSideExpression RightSide(string name) => new(JoinSide.Right, F(name), Next());

    public static WildcardExpression Star() => new(Next());

    public static Assignment A(Expression value) => new(null, value, Next());

    public static Assignment A(string name, Expression value) => new(name, value, Next());

    public static WhereStage Where(Expression predicate) => new(predicate, Next());

    public static ExtendStage Extend(params Assignment[] columns) => new([.. columns], Next());

    public static ProjectStage Project(params Assignment[] columns) => new([.. columns], Next());

    public static ProjectAwayStage ProjectAway(params string[] names) => new([.. names.Select(F)], Next());

    public static ProjectRenameStage Rename(string newName, string old) => new([new Rename(newName, F(old), Next())], Next());

    public static MvExpandStage MvExpand(string? name, Expression array) => new(name, array, Next());

    public static SummarizeStage Summarize(Assignment[] aggregates, params Assignment[] by) => new([.. aggregates], [.. by], Next());

    public static DistinctStage Distinct(params Assignment[] columns) => new([.. columns], Next());

    public static SortStage Sort(Expression key) => new([new SortKey(key, true, Next())], Next());

    public static FillNullStage FillNull(LiteralExpression value, params string[] columns) => new(value, [.. columns.Select(F)], Next());

    public static JoinStage Join(JoinKind kind, Pipeline right, params Expression[] on) => new(kind, right, [.. on], Next());

    public static UnionStage Union(params Pipeline[] pipelines) => new([.. pipelines], Next());

    public static InvokeStage Invoke(string name) => new(name, Next(name.Length));

    public static InExpression In(Expression value, InOperator op, ListSource list) => new(value, op, list, Next());

    public static ListLiteral List(params Expression[] items) => new([.. items], Next());

    public static Pipeline Pipe(params Stage[] stages) => new(new DataSourceInput(Next()), [.. stages], Next());

    public static Pipeline PipeFrom(string let, params Stage[] stages) => new(new LetPipelineInput(let, Next(let.Length)), [.. stages], Next());

    public static Query Q(params Stage[] stages) => new([], Pipe(stages), Next());

    public static Query Q(LetStatement[] lets, params Stage[] stages) => new([.. lets], Pipe(stages), Next());

    public static LetExpression Let(string name, Expression value) => new(name, value, Next());

    public static LetPipeline Let(string name, Pipeline value) => new(name, value, Next());
}
