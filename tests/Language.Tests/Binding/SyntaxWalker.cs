using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Language.Tests.Binding;

/// <summary>Enumerates the expressions written in a query (not those of fragments it invokes), in source order.</summary>
internal static class SyntaxWalker
{
    public static IEnumerable<Expression> Expressions(Query query) =>
        query.Lets.SelectMany(Let).Concat(Pipeline(query.Body)).OrderBy(e => e.Span.Start);

    private static IEnumerable<Expression> Let(LetStatement let) => let switch
    {
        LetExpression constant => Walk(constant.Value),
        LetPipeline pipeline => Pipeline(pipeline.Value),
        _ => [],
    };

    private static IEnumerable<Expression> Pipeline(Pipeline pipeline) => pipeline.Stages.SelectMany(Stage);

    private static IEnumerable<Expression> Stage(Stage stage) => stage switch
    {
        WhereStage where => Walk(where.Predicate),
        ExtendStage extend => extend.Columns.SelectMany(a => Walk(a.Value)),
        ProjectStage project => project.Columns.SelectMany(a => Walk(a.Value)),
        DistinctStage distinct => distinct.Columns.SelectMany(a => Walk(a.Value)),
        ProjectAwayStage away => away.Columns,
        ProjectRenameStage rename => rename.Renames.Select(r => r.Old),
        MvExpandStage expand => Walk(expand.Array),
        SummarizeStage summarize => summarize.Aggregates.Concat(summarize.By).SelectMany(a => Walk(a.Value)),
        SortStage sort => sort.Keys.SelectMany(k => Walk(k.Value)),
        FillNullStage fill => fill.Columns,
        JoinStage join => Pipeline(join.Right).Concat(join.On.SelectMany(Walk)),
        UnionStage union => union.Pipelines.SelectMany(Pipeline),
        _ => [],
    };

    private static IEnumerable<Expression> Walk(Expression expression)
    {
        yield return expression;
        var children = expression switch
        {
            UnaryExpression unary => [unary.Operand],
            BinaryExpression binary => [binary.Left, binary.Right],
            InExpression membership => membership.List is ListLiteral list ? [membership.Value, .. list.Items] : [membership.Value],
            BetweenExpression between => [between.Value, between.Low, between.High],
            FunctionCallExpression call => [.. call.Arguments],
            ArrayExpression array => [.. array.Items],
            PathAccessExpression access => [access.Target],
            JoinSideExpression side => [side.Field],
            _ => Array.Empty<Expression>(),
        };
        foreach (var child in children.SelectMany(Walk)) yield return child;
    }
}
