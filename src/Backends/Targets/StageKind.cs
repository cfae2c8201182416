using RuleCompiler.Compiler.Language.Bound;

namespace RuleCompiler.Backends.Targets;

/// <summary>The stage kinds of the bound tree, with the keyword each is written with.</summary>
public enum StageKind
{
    Where,
    Extend,
    Project,
    ProjectAway,
    ProjectRename,
    MvExpand,
    Summarize,
    Distinct,
    Sort,
    Take,
    FillNull,
    Join,
    Union,
    Invoke,
}

public static class StageKinds
{
    public static StageKind Of(BoundStage stage) => stage.Accept(KindVisitor.Instance);

    public static string Keyword(this StageKind kind) => kind switch
    {
        StageKind.ProjectAway => "project-away",
        StageKind.ProjectRename => "project-rename",
        StageKind.MvExpand => "mv-expand",
        StageKind.FillNull => "fill-null",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private sealed class KindVisitor : IBoundStageVisitor<StageKind>
    {
        public static readonly KindVisitor Instance = new();

        public StageKind VisitWhere(BoundWhere where) => StageKind.Where;
        public StageKind VisitExtend(BoundExtend extend) => StageKind.Extend;
        public StageKind VisitProject(BoundProject project) => StageKind.Project;
        public StageKind VisitProjectAway(BoundProjectAway away) => StageKind.ProjectAway;
        public StageKind VisitProjectRename(BoundProjectRename rename) => StageKind.ProjectRename;
        public StageKind VisitMvExpand(BoundMvExpand expand) => StageKind.MvExpand;
        public StageKind VisitSummarize(BoundSummarize summarize) => StageKind.Summarize;
        public StageKind VisitDistinct(BoundDistinct distinct) => StageKind.Distinct;
        public StageKind VisitSort(BoundSort sort) => StageKind.Sort;
        public StageKind VisitTake(BoundTake take) => StageKind.Take;
        public StageKind VisitFillNull(BoundFillNull fill) => StageKind.FillNull;
        public StageKind VisitJoin(BoundJoin join) => StageKind.Join;
        public StageKind VisitUnion(BoundUnion union) => StageKind.Union;
        public StageKind VisitInvoke(BoundInvoke invoke) => StageKind.Invoke;
    }
}
