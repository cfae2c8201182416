namespace RuleCompiler.Runtime.Operators;

/// <summary>
/// Counts the rows (or groups, or keys) one stage of one running rule holds, and stops that stage when the count
/// passes <see cref="Limits.MaxRowsHeld"/>. Events come from anywhere: without a bound, one rule's summarize over a
/// high-cardinality key, or a join side, grows until the process dies and every other rule's alerts are lost.
/// Past the bound the stage drops what it holds, reports once (the exception becomes the run's RC3010 failure for
/// that rule, at the event that crossed it), and from then on takes and emits nothing more: a blocking stage's
/// results would be incomplete, so none are given.
/// </summary>
public sealed class HeldRows(string stage)
{
    public bool Stopped { get; private set; }

    private long _count;

    /// <summary>One more row held; past the bound, <paramref name="release"/> frees the stage's state and this throws.</summary>
    public void Add(Action release)
    {
        if (++_count <= Limits.MaxRowsHeld)
        {
            return;
        }

        Stopped = true;
        release();
        throw new RowLimitExceededException(stage);
    }
}

/// <summary>A stage of a rule held more rows than <see cref="Limits.MaxRowsHeld"/>; the rule stops.</summary>
public sealed class RowLimitExceededException(string stage)
    : Exception(string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"{stage} holds more than {Limits.MaxRowsHeld:N0} rows, the limit of one stage of a rule (docs/reliability.md); the rule stops here and gives no further results, which would be incomplete"));
