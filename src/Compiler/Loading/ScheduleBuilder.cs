using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Model;
using RuleCompiler.Compiler.Semantics;
using RuleCompiler.Compiler.Yaml;

namespace RuleCompiler.Compiler.Loading;

/// <summary>Reads <c>schedule</c>, parsing its durations; a missing schedule is <see cref="RuleSchedule.Default"/>.</summary>
internal static class ScheduleBuilder
{
    public static RuleSchedule Read(YamlMapping? schedule, SourceSpan ruleSpan, ICollection<Diagnostic> diagnostics)
    {
        var defaults = RuleSchedule.Default(ruleSpan);
        if (schedule is null)
        {
            return defaults;
        }

        var s = new MappingReader(schedule);
        var frequency = Duration(s, "frequency", diagnostics) ?? defaults.Frequency with { Span = schedule.Span };
        var lookback = Duration(s, "lookback", diagnostics) ?? frequency with { Span = schedule.Span };
        var trigger = defaults.Trigger;
        if (s.Map("trigger") is { } triggerMap)
        {
            var t = new MappingReader(triggerMap);
            trigger = new ScheduleTrigger(Operator(t.String("operator")) ?? trigger.Operator, t.Int("threshold") ?? trigger.Threshold);
        }

        var suppression = s.Map("suppression") is { } suppressionMap ? Duration(new MappingReader(suppressionMap), "duration", diagnostics) : null;
        return new RuleSchedule(s.Enum<ScheduleKind>("kind") ?? ScheduleKind.Scheduled, frequency, lookback, s.Located("cron"), trigger, suppression, schedule.Span);
    }

    public static Located<TimeSpan>? Duration(MappingReader reader, string key, ICollection<Diagnostic> diagnostics)
    {
        if (reader.Scalar(key) is not { } scalar)
        {
            return null;
        }

        if (DurationText.TryParse(scalar.Value, out var duration))
        {
            return new Located<TimeSpan>(duration, scalar.Span);
        }

        diagnostics.Add(Diagnostic.Error(SemanticDiagnosticCodes.InvalidDuration,
            $"'{scalar.Value}' is not a duration; write a whole number and a unit (ms, s, m, h, d) such as 5m, 1h or 1d, or ISO 8601 such as PT1H",
            scalar.Span));
        return null;
    }

    private static TriggerOperator? Operator(string? text) => text switch
    {
        "gt" => TriggerOperator.GreaterThan,
        "lt" => TriggerOperator.LessThan,
        "eq" => TriggerOperator.Equal,
        "ne" => TriggerOperator.NotEqual,
        _ => null,
    };
}
