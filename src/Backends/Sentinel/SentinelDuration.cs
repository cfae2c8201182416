using System.Globalization;
using System.Text;

namespace RuleCompiler.Backends.Sentinel;

/// <summary>
/// The two ways Sentinel artifacts write a duration, each with exactly one spelling per value, so that redeploying
/// an unchanged rule shows no drift.
/// </summary>
public static class SentinelDuration
{
    /// <summary>
    /// ISO 8601 for ARM and Bicep: days, then hours, minutes and seconds, each only when not zero, and never months
    /// or years (their length varies): 1 hour is <c>PT1H</c>, 1 day <c>P1D</c>, 70 minutes <c>PT1H10M</c>, 25 hours
    /// <c>P1DT1H</c>, zero <c>PT0S</c>. This is the form .NET's XmlConvert writes and in which the alert-rules API
    /// returns a duration, so a template written this way reads back unchanged (<c>PT70M</c> would come back as
    /// <c>PT1H10M</c> and show as a change on every deployment). Fractions of a second use up to 7 digits.
    /// </summary>
    public static string Iso8601(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        if (duration == TimeSpan.Zero)
        {
            return "PT0S";
        }

        var text = new StringBuilder("P");
        if (duration.Days > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{duration.Days}D");
        }

        var time = duration - TimeSpan.FromDays(duration.Days);
        if (time > TimeSpan.Zero)
        {
            text.Append('T');
            Append(text, time.Hours, 'H');
            Append(text, time.Minutes, 'M');
            var fraction = time.Ticks % TimeSpan.TicksPerSecond;
            if (time.Seconds > 0 || fraction > 0)
            {
                text.Append(time.Seconds.ToString(CultureInfo.InvariantCulture));
                if (fraction > 0)
                {
                    text.Append('.').Append(fraction.ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0'));
                }

                text.Append('S');
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// The Azure-Sentinel repository's YAML form: a whole number of the largest unit among d, h and m that divides the
    /// duration (<c>1d</c>, <c>1h</c>, <c>70m</c>, <c>25h</c>). Null when the duration is not a whole number of minutes,
    /// which that form cannot write.
    /// </summary>
    public static string? Short(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero || duration.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            return null;
        }

        var minutes = duration.Ticks / TimeSpan.TicksPerMinute;
        return minutes switch
        {
            0 => "0m",
            _ when minutes % (24 * 60) == 0 => $"{minutes / (24 * 60)}d",
            _ when minutes % 60 == 0 => $"{minutes / 60}h",
            _ => $"{minutes}m",
        };
    }

    private static void Append(StringBuilder text, int amount, char unit)
    {
        if (amount > 0)
        {
            text.Append(amount.ToString(CultureInfo.InvariantCulture)).Append(unit);
        }
    }
}
