using System.Collections.Immutable;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Language.Syntax;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Backends.Tests.CSharp;

/// <summary>Builds ASTs by hand for backend tests (spans are irrelevant here).</summary>
internal static class Ast
{
    private static readonly TextSpan S = default;

    public static FieldExpression F(string dotted) =>
        new(dotted.Split('.').Select(p => (PathSegment)new MemberSegment(p, false, S)).ToImmutableArray(), S);

    public static FieldExpression Path(params object[] parts) =>
        new(parts.Select(p => p is int i ? (PathSegment)new IndexSegment(i, S) : new MemberSegment((string)p, false, S)).ToImmutableArray(), S);

    public static LiteralExpression Str(string s) => new(LiteralKind.String, s, S);

    public static LiteralExpression Long(long l) => new(LiteralKind.Long, l, S);

    public static LiteralExpression Bool(bool b) => new(LiteralKind.Bool, b, S);

    public static LiteralExpression Null() => new(LiteralKind.Null, null, S);

    public static LiteralExpression Duration(TimeSpan t) => new(LiteralKind.Duration, t, S);

    public static BinaryExpression Bin(BinaryOperator op, Expression l, Expression r) => new(op, l, r, S);

    public static BinaryExpression Eq(Expression l, Expression r) => Bin(BinaryOperator.Equal, l, r);

    public static BinaryExpression And(Expression l, Expression r) => Bin(BinaryOperator.And, l, r);

    public static BinaryExpression Or(Expression l, Expression r) => Bin(BinaryOperator.Or, l, r);

    public static UnaryExpression Not(Expression e) => new(UnaryOperator.Not, e, S);

    public static FunctionCallExpression Call(string name, params Expression[] args) => new(name, args.ToImmutableArray(), S);

    public static InExpression In(Expression value, InOperator op, params Expression[] items) =>
        new(value, op, new ListLiteral(items.ToImmutableArray(), S), S);

    public static InExpression InList(Expression value, InOperator op, string list) => new(value, op, new NamedListReference(list, S), S);

    public static BetweenExpression Between(Expression value, Expression low, Expression high, bool negated = false) => new(value, low, high, negated, S);

    public static Assignment As(string? name, Expression value) => new(name, value, S);

    public static WhereStage Where(Expression predicate) => new(predicate, S);

    public static ExtendStage Extend(params Assignment[] columns) => new(columns.ToImmutableArray(), S);

    public static ProjectStage Project(params Assignment[] columns) => new(columns.ToImmutableArray(), S);

    public static ProjectAwayStage ProjectAway(params string[] columns) => new(columns.Select(F).ToImmutableArray(), S);

    public static ProjectRenameStage Rename(string newName, string old) => new([new Rename(newName, F(old), S)], S);

    public static MvExpandStage MvExpand(string? name, Expression array) => new(name, array, S);

    public static SummarizeStage Summarize(Assignment[] aggregates, params Assignment[] by) => new(aggregates.ToImmutableArray(), by.ToImmutableArray(), S);

    public static DistinctStage Distinct(params string[] columns) => new(columns.Select(c => As(null, F(c))).ToImmutableArray(), S);

    public static SortStage Sort(Expression key, bool descending) => new([new SortKey(key, descending, S)], S);

    public static TakeStage Take(long n) => new(n, S);

    public static FillNullStage FillNull(LiteralExpression value, params string[] columns) => new(value, columns.Select(F).ToImmutableArray(), S);

    public static JoinStage Join(JoinKind kind, Pipeline right, params Expression[] on) => new(kind, right, on.ToImmutableArray(), S);

    public static JoinSideExpression Left(string field) => new(JoinSide.Left, F(field), S);

    public static JoinSideExpression Right(string field) => new(JoinSide.Right, F(field), S);

    public static UnionStage Union(params Pipeline[] pipelines) => new(pipelines.ToImmutableArray(), S);

    public static InvokeStage Invoke(string fragment) => new(fragment, S);

    public static Pipeline Pipe(params Stage[] stages) => new(new DataSourceInput(S), stages.ToImmutableArray(), S);

    public static Pipeline PipeFrom(string let, params Stage[] stages) => new(new LetPipelineInput(let, S), stages.ToImmutableArray(), S);

    public static Query Query(params Stage[] stages) => new([], Pipe(stages), S);

    public static Query Query(LetStatement[] lets, Pipeline body) => new(lets.ToImmutableArray(), body, S);

    public static LetExpression Let(string name, Expression value) => new(name, value, S);

    public static LetPipeline LetPipe(string name, Pipeline value) => new(name, value, S);

    /// <summary>The repository's real CloudTrail data source (rules/data_sources/aws_cloudtrail.yml): cases bind against it.</summary>
    public static readonly DataSource CloudTrail = Compiler.Loading.DocumentLoader.LoadDataSource(
        System.IO.Path.Combine(RepositoryPaths.Root, "rules", "data_sources", "aws_cloudtrail.yml")).Model
        ?? throw new InvalidOperationException("rules/data_sources/aws_cloudtrail.yml does not load");

    /// <summary>A data source of just these fields (for tests about values rather than CloudTrail).</summary>
    public static DataSource Fields(params (string Name, FieldType Type)[] fields) => CloudTrail with
    {
        Name = "test_fields",
        TimeField = "eventTime",
        Fields = [.. fields.Append(("eventTime", FieldType.DateTime)).Select(f => new FieldDefinition(f.Item1, f.Item2, false, null, null, null, SourceSpan.File("test")))],
    };
}
