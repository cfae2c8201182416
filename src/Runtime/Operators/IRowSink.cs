using RuleCompiler.Runtime.Rows;

namespace RuleCompiler.Runtime.Operators;

/// <summary>
/// A pipeline stage that receives rows. Pipelines are push-based so that one pass over the events feeds every
/// rule (and every sub-pipeline of a rule) at once; <see cref="Complete"/> marks the end of the input and lets
/// blocking stages (summarize, sort, join) emit.
/// </summary>
public interface IRowSink
{
    void Push(Row row);

    void Complete();
}

/// <summary>A stage with one downstream sink.</summary>
public abstract class Stage(IRowSink next) : IRowSink
{
    protected IRowSink Next { get; } = next;

    public abstract void Push(Row row);

    public virtual void Complete() => Next.Complete();
}
