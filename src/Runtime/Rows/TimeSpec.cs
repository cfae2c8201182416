using RuleCompiler.Runtime.Values;

namespace RuleCompiler.Runtime.Rows;

/// <summary>Where a data source keeps its event time and how it is written; <c>_time</c> is read through it.</summary>
public sealed class TimeSpec(FieldPath field, TimeFormat format)
{
    public FieldPath Field { get; } = field;

    public TimeFormat Format { get; } = format;
}
