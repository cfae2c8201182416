using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Backends.Splunk.Emit;

/// <summary>
/// The English full day name of a datetime, which the rule spells as a case over dayofweek (the ESCU importer's
/// translation of strftime's "%A"): SPL says it as <c>strftime(t, "%A")</c>, in the time zone of the user running the
/// search (RC4010), as format_datetime.
/// </summary>
public sealed partial class SplEmitter
{
    /// <summary><c>strftime(t, "%A")</c> for <c>case(dayofweek(t) == 0d, "Sunday", ..., dayofweek(t) == 6d, "Saturday", "")</c>; null for any other case.</summary>
    private string? DayName(BoundCall call)
    {
        var a = call.Arguments;
        if (a.Length != (2 * DayNames.Length) + 1 || a[^1] is not BoundLiteral { Value: "" })
        {
            return null;
        }

        string? time = null;
        BoundExpression? first = null;
        for (var day = 0; day < DayNames.Length; day++)
        {
            if (a[2 * day] is not BoundBinary { Operator: BinaryOperator.Equal, Left: BoundCall { Canonical.Name: "dayofweek", Arguments: [var datetime] }, Right: BoundLiteral { Value: TimeSpan span } }
                || span != TimeSpan.FromDays(day)
                || a[(2 * day) + 1] is not BoundLiteral { Value: string name } || name != char.ToUpperInvariant(DayNames[day][0]) + DayNames[day][1..]
                || Quietly(() => Value(datetime)) is not { } text || (time is not null && text != time))
            {
                return null;
            }

            time = text;
            first ??= datetime;
        }

        Warning(SplDiagnostics.Differs, "the day name differs on splunk: strftime formats in the time zone of the user running the search; the rule means UTC", call.Location);
        return $"strftime({Value(first!)}, \"%A\")";
    }
}
