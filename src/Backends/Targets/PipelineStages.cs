using RuleCompiler.Compiler.Language.Bound;

namespace RuleCompiler.Backends.Targets;

/// <summary>The stages a target runs for a pipeline: a let source's stages first, then its own, fragments inlined.</summary>
public static class PipelineStages
{
    public static List<BoundStage> Flatten(BoundPipeline pipeline)
    {
        var stages = pipeline.Source is BoundLetPipelineInput let ? Flatten(let.Let.Pipeline) : [];
        Inline(pipeline.Stages, stages);
        return stages;
    }

    /// <summary>Where the pipeline's rows come from once let sources are followed: the data source, a table, or unresolved.</summary>
    public static BoundSource Root(BoundPipeline pipeline) =>
        pipeline.Source is BoundLetPipelineInput let ? Root(let.Let.Pipeline) : pipeline.Source;

    private static void Inline(IEnumerable<BoundStage> source, List<BoundStage> into)
    {
        foreach (var stage in source)
        {
            if (stage is BoundInvoke invoke)
            {
                Inline(invoke.Stages, into);
            }
            else
            {
                into.Add(stage);
            }
        }
    }
}
