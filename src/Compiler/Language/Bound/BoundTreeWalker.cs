namespace RuleCompiler.Compiler.Language.Bound;

/// <summary>
/// Visits every stage, expression and list of a bound query, depth first, in written order (lets first). Override
/// the <c>On...</c> hooks to look at nodes of one kind; the walk itself is the visitors' (so it stays complete).
/// </summary>
public abstract class BoundTreeWalker : IBoundStageVisitor<bool>, IBoundExpressionVisitor<bool>, IBoundListVisitor<bool>
{
    public void Walk(BoundQuery query)
    {
        foreach (var let in query.Lets)
        {
            switch (let)
            {
                case BoundLetConstant constant:
                    Walk(constant.Value);
                    break;
                case BoundLetPipeline pipeline:
                    Walk(pipeline.Pipeline);
                    break;
            }
        }
        Walk(query.Body);
    }

    public void Walk(BoundPipeline pipeline)
    {
        foreach (var stage in pipeline.Stages) Walk(stage);
    }

    public void Walk(BoundStage stage)
    {
        OnStage(stage);
        stage.Accept(this);
    }

    public void Walk(BoundExpression expression)
    {
        OnExpression(expression);
        expression.Accept(this);
    }

    protected virtual void OnStage(BoundStage stage)
    {
    }

    protected virtual void OnExpression(BoundExpression expression)
    {
    }

    protected virtual void OnList(BoundList list)
    {
    }

    private void Walk(IEnumerable<BoundAssignment> assignments)
    {
        foreach (var assignment in assignments) Walk(assignment.Value);
    }

    bool IBoundStageVisitor<bool>.VisitWhere(BoundWhere where) { Walk(where.Predicate); return true; }
    bool IBoundStageVisitor<bool>.VisitExtend(BoundExtend extend) { Walk(extend.Columns); return true; }
    bool IBoundStageVisitor<bool>.VisitProject(BoundProject project) { Walk(project.Columns); return true; }
    bool IBoundStageVisitor<bool>.VisitProjectAway(BoundProjectAway away) => true;
    bool IBoundStageVisitor<bool>.VisitProjectRename(BoundProjectRename rename) => true;
    bool IBoundStageVisitor<bool>.VisitMvExpand(BoundMvExpand expand) { Walk(expand.Array); return true; }
    bool IBoundStageVisitor<bool>.VisitDistinct(BoundDistinct distinct) { Walk(distinct.Columns); return true; }
    bool IBoundStageVisitor<bool>.VisitTake(BoundTake take) => true;
    bool IBoundStageVisitor<bool>.VisitFillNull(BoundFillNull fill) { Walk(fill.Value); return true; }
    bool IBoundStageVisitor<bool>.VisitJoin(BoundJoin join) { Walk(join.Right); return true; }

    bool IBoundStageVisitor<bool>.VisitSort(BoundSort sort)
    {
        foreach (var key in sort.Keys) Walk(key.Value);
        return true;
    }

    bool IBoundStageVisitor<bool>.VisitSummarize(BoundSummarize summarize)
    {
        Walk(summarize.Keys);
        foreach (var aggregation in summarize.Aggregations)
        {
            switch (aggregation)
            {
                case BoundAggregateValue value:
                    Walk(value.Assignment.Value);
                    break;
                case BoundArgExtreme extreme:
                    Walk(extreme.By.Value);
                    Walk(extreme.Carried);
                    break;
            }
        }
        return true;
    }

    bool IBoundStageVisitor<bool>.VisitUnion(BoundUnion union)
    {
        foreach (var pipeline in union.Pipelines) Walk(pipeline);
        return true;
    }

    bool IBoundStageVisitor<bool>.VisitInvoke(BoundInvoke invoke)
    {
        foreach (var stage in invoke.Stages) Walk(stage);
        return true;
    }

    bool IBoundExpressionVisitor<bool>.VisitLiteral(BoundLiteral literal) => true;
    bool IBoundExpressionVisitor<bool>.VisitField(BoundFieldReference field) => true;
    bool IBoundExpressionVisitor<bool>.VisitUnary(BoundUnary unary) { Walk(unary.Operand); return true; }
    bool IBoundExpressionVisitor<bool>.VisitBinary(BoundBinary binary) { Walk(binary.Left); Walk(binary.Right); return true; }
    bool IBoundExpressionVisitor<bool>.VisitRegex(BoundRegex regex) => true;
    bool IBoundExpressionVisitor<bool>.VisitError(BoundError error) => true;
    bool IBoundExpressionVisitor<bool>.VisitPathAccess(BoundPathAccess access) { Walk(access.Target); return true; }
    bool IBoundExpressionVisitor<bool>.VisitEachPath(BoundEachPath each) { Walk(each.Source); return true; }

    bool IBoundExpressionVisitor<bool>.VisitIn(BoundIn membership)
    {
        Walk(membership.Value);
        OnList(membership.List);
        membership.List.Accept(this);
        return true;
    }

    bool IBoundExpressionVisitor<bool>.VisitBetween(BoundBetween between)
    {
        Walk(between.Value);
        Walk(between.Low);
        Walk(between.High);
        return true;
    }

    bool IBoundExpressionVisitor<bool>.VisitCall(BoundCall call)
    {
        foreach (var argument in call.Arguments) Walk(argument);
        return true;
    }

    bool IBoundExpressionVisitor<bool>.VisitArray(BoundArray array)
    {
        foreach (var item in array.Items) Walk(item);
        return true;
    }

    bool IBoundListVisitor<bool>.VisitItems(BoundListItems items)
    {
        foreach (var item in items.Items) Walk(item);
        return true;
    }

    bool IBoundListVisitor<bool>.VisitNamedList(BoundNamedList list) => true;

    // The constant and the pipeline are walked once, with the lets.
    bool IBoundListVisitor<bool>.VisitLetConstant(BoundLetConstantList list) => true;
    bool IBoundListVisitor<bool>.VisitPipeline(BoundPipelineList list) => true;
}
