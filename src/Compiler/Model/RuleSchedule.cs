using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Compiler.Model;

/// <summary>
/// When the rule runs and over which window. A rule without a <c>schedule</c> gets <see cref="Default"/>:
/// scheduled every hour over the last hour, alerting when there is more than zero results.
/// </summary>
public sealed record RuleSchedule(
    ScheduleKind Kind,
    Located<TimeSpan> Frequency,
    Located<TimeSpan> Lookback,
    Located<string>? Cron,
    ScheduleTrigger Trigger,
    Located<TimeSpan>? Suppression,
    SourceSpan Span)
{
    public static RuleSchedule Default(SourceSpan ruleSpan) => new(
        ScheduleKind.Scheduled,
        new Located<TimeSpan>(TimeSpan.FromHours(1), ruleSpan),
        new Located<TimeSpan>(TimeSpan.FromHours(1), ruleSpan),
        null,
        ScheduleTrigger.AnyResult,
        null,
        ruleSpan);
}

public enum ScheduleKind
{
    Scheduled,
    Nrt,
}

/// <summary>Alert when the number of results compares with <c>Threshold</c> by <c>Operator</c>.</summary>
public sealed record ScheduleTrigger(TriggerOperator Operator, int Threshold)
{
    public static readonly ScheduleTrigger AnyResult = new(TriggerOperator.GreaterThan, 0);
}

public enum TriggerOperator
{
    GreaterThan,
    LessThan,
    Equal,
    NotEqual,
}
