namespace RuleCompiler.Runtime.Values;

/// <summary>
/// "Now" for <c>now()</c> and <c>ago()</c>. Tests and <c>rulec test</c> fix it so that rules with time windows give
/// the same answer on any day; the fixed value flows with the async context.
/// </summary>
public static class EvaluationClock
{
    private static readonly AsyncLocal<DateTime?> Fixed = new();

    public static DateTime UtcNow => Fixed.Value ?? DateTime.UtcNow;

    /// <summary>Fixes now() until the returned scope is disposed.</summary>
    public static IDisposable FixAt(DateTime utc)
    {
        var previous = Fixed.Value;
        Fixed.Value = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return new Restore(previous);
    }

    private sealed class Restore(DateTime? previous) : IDisposable
    {
        public void Dispose() => Fixed.Value = previous;
    }
}
