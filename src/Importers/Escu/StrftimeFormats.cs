using System.Text;
using RuleCompiler.Backends.Splunk.Spl;

namespace RuleCompiler.Importers.Escu;

/// <summary>
/// SPL strftime formats as the canonical format_datetime's: the directives of a year, month, day, hour, minute,
/// second and millisecond (%Y %m %d %H %M %S %3N, and %F %T for their ISO groups), between the separators every
/// target formats as themselves (space / - : , . _ [ ]). Anything else (names of days and months, 12-hour clocks,
/// time zones, other letters) has no canonical form, and so does a directive next to one of its own letter, which
/// would read as one longer pattern (dddd, a day name).
/// </summary>
internal static class StrftimeFormats
{
    private static readonly Dictionary<char, string> Directives = new()
    {
        ['Y'] = "yyyy", ['m'] = "MM", ['d'] = "dd", ['H'] = "HH", ['M'] = "mm", ['S'] = "ss",
        ['F'] = "yyyy-MM-dd", ['T'] = "HH:mm:ss",
    };

    private const string Separators = " /-:,._[]";

    /// <summary>The canonical format of a strftime format, or null when it has none.</summary>
    public static string? Canonical(string format)
    {
        var result = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            var ch = format[i];
            string piece;
            if (ch != '%')
            {
                if (!Separators.Contains(ch, StringComparison.Ordinal))
                {
                    return null;
                }

                piece = ch.ToString();
            }
            else if (i + 2 < format.Length && format[i + 1] == '3' && format[i + 2] == 'N')
            {
                piece = "fff";
                i += 2;
            }
            else if (i + 1 < format.Length && Directives.TryGetValue(format[i + 1], out var directive))
            {
                piece = directive;
                i++;
            }
            else
            {
                return null;
            }

            if (result.Length > 0 && char.IsAsciiLetter(piece[0]) && result[^1] == piece[0])
            {
                return null;
            }

            result.Append(piece);
        }

        return result.Length == 0 ? null : result.ToString();
    }

    public static SplTranslationException Refused(SplToken at) => new(at, EscuDiagnosticCodes.UntranslatedTimeFormat,
        $"the time format \"{at.Value}\" has no canonical form: format_datetime takes %Y %m %d %H %M %S %3N (%F, %T) and the separators space / - : , . _ [ ] (not names of days or months, a 12-hour clock, a time zone or other text)");
}
