namespace RuleCompiler.Compiler.Language.Bound;

/// <summary>
/// One method per expression kind. A new kind adds a method here, so every visitor that does not handle it stops
/// compiling: no backend can skip a construct by falling into a default branch.
/// </summary>
public interface IBoundExpressionVisitor<out T>
{
    T VisitLiteral(BoundLiteral literal);
    T VisitField(BoundFieldReference field);
    T VisitUnary(BoundUnary unary);
    T VisitBinary(BoundBinary binary);
    T VisitIn(BoundIn membership);
    T VisitBetween(BoundBetween between);
    T VisitCall(BoundCall call);
    T VisitArray(BoundArray array);
    T VisitPathAccess(BoundPathAccess access);
    T VisitEachPath(BoundEachPath each);
    T VisitRegex(BoundRegex regex);
    T VisitError(BoundError error);
}

/// <summary>One method per kind of <c>in</c> list.</summary>
public interface IBoundListVisitor<out T>
{
    T VisitItems(BoundListItems items);
    T VisitNamedList(BoundNamedList list);
    T VisitLetConstant(BoundLetConstantList list);
    T VisitPipeline(BoundPipelineList list);
}

/// <summary>One method per stage kind (see <see cref="IBoundExpressionVisitor{T}"/> for why there is no default).</summary>
public interface IBoundStageVisitor<out T>
{
    T VisitWhere(BoundWhere where);
    T VisitExtend(BoundExtend extend);
    T VisitProject(BoundProject project);
    T VisitProjectAway(BoundProjectAway away);
    T VisitProjectRename(BoundProjectRename rename);
    T VisitMvExpand(BoundMvExpand expand);
    T VisitSummarize(BoundSummarize summarize);
    T VisitDistinct(BoundDistinct distinct);
    T VisitSort(BoundSort sort);
    T VisitTake(BoundTake take);
    T VisitFillNull(BoundFillNull fill);
    T VisitJoin(BoundJoin join);
    T VisitUnion(BoundUnion union);
    T VisitInvoke(BoundInvoke invoke);
}
