using System.Text;
using System.Text.RegularExpressions;
using RuleCompiler.Backends.Splunk.Spl;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Language.Printing;

namespace RuleCompiler.Importers.Escu;

/// <summary>
/// Eval functions whose SPL meaning depends on what a value looks like or on the search's time zone: translated where
/// the canonical form says the same (numbers, event times, a trimmed character set), refused with the reason otherwise.
/// </summary>
internal sealed partial class SplEvalTranslator
{
    // floor(x) and ceil(x): bin(x, 1) rounds down (and -bin(-x, 1) up) as SPL does; floor(x/N) keeps x and N so that a
    // following *N makes bin(x, N), the form the Splunk backend writes a bin as.
    private static Part Rounded(SplToken name, Part value)
    {
        var down = name.Value.Equals("floor", StringComparison.OrdinalIgnoreCase);
        if (down && value.Dividend is { } dividend && value.Divisor is { } divisor)
        {
            var time = dividend.IsDateTime;
            return new Part(time ? "" : $"bin({value.Text}, 1)", Primary, Numeric: !time, BinSize: divisor, IsDateTime: time,
                Binned: time ? $"bin({dividend.Text}, {divisor}s)" : $"bin({AsNumeric(dividend)}, {divisor})", Dividend: time ? dividend : null);
        }

        if (value.IsDateTime)
        {
            // An event time is a datetime: whole seconds, a bin of one second.
            return down
                ? new Part($"bin({value.Text}, 1s)", Primary, IsDateTime: true)
                : throw new SplTranslationException(name, EscuDiagnosticCodes.UnsupportedFunction, $"{name.Value}() of an event time (whole seconds up) has no canonical translation");
        }

        return down
            ? new Part($"bin({AsNumeric(value)}, 1)", Primary, Numeric: true)
            : new Part($"-bin(-{Wrap(new Part(AsNumeric(value), value.Numeric ? value.Precedence : Primary), Unary)}, 1)", Unary, Numeric: true);
    }

    /// <summary>A floor(x/N) not multiplied back by N: the rounded quotient (refused for the event time, a datetime).</summary>
    private static Part Settled(Part part, SplToken at)
    {
        if (part.BinSize is null)
        {
            return part;
        }

        if (part.Text.Length == 0)
        {
            throw new SplTranslationException(at, EscuDiagnosticCodes.UnsupportedFunction, "floor(t/N) of a time is translated only as floor(t/N)*N, a bin of N seconds");
        }

        return part with { BinSize = null, Binned = null };
    }

    /// <summary>
    /// Arithmetic with a datetime: SPL's times are epoch seconds, so a time plus or minus a whole number is the time moved
    /// by that many seconds, and a time minus a time is the seconds between them, (a - b) / 1s, a real number.
    /// </summary>
    private static Part? TimeArithmetic(Part left, SplToken op, Part right)
    {
        static string? Seconds(Part part) =>
            part.IsNumber && long.TryParse(part.Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _) ? part.Text + "s" : null;

        return (left.IsDateTime, right.IsDateTime, op.Value) switch
        {
            (true, false, "+" or "-") when Seconds(right) is { } span => new Part($"{Wrap(left, Add)} {op.Value} {span}", Add, IsDateTime: true),
            (false, true, "+") when Seconds(left) is { } span => new Part($"{Wrap(right, Add)} + {span}", Add, IsDateTime: true),
            (true, true, "-") => new Part($"({Wrap(left, Add)} - {Wrap(right, Add + 1)}) / 1s", Multiply, Numeric: true, TimeDifference: true),
            _ => null,
        };
    }

    // relative_time(t, "-7d@d+1h"): an offset, a snap down to a unit (in UTC, as ESCU assumes the search's time zone is),
    // another offset. Units of fixed length only: months, quarters and years, and snaps to weeks, are calendar-dependent.
    private Part RelativeTime((SplToken Token, Part Value) time, (SplToken Token, Part Value) modifier)
    {
        if (!time.Value.IsDateTime)
        {
            throw new SplTranslationException(time.Token, EscuDiagnosticCodes.UntranslatedTimeFormat,
                $"relative_time of '{time.Token.Text}': only now() or an event time (_time, or a stats min, max, earliest or latest of it) is translated");
        }

        var match = modifier.Value.Literal is { } text ? RelativeModifier().Match(text) : null;
        long? Unit(string name, bool snap) => name.ToLowerInvariant() switch
        {
            "s" or "sec" or "secs" or "second" or "seconds" => 1,
            "m" or "min" or "mins" or "minute" or "minutes" => 60,
            "h" or "hr" or "hrs" or "hour" or "hours" => 3600,
            "d" or "day" or "days" => 86400,
            "w" or "week" or "weeks" when !snap => 604800,
            _ => null,
        };
        string Offset(string expression, Group offset, Group unit)
        {
            var seconds = long.Parse(offset.Value[1..], System.Globalization.CultureInfo.InvariantCulture) * (Unit(unit.Value, false) ?? throw Refused());
            return $"{expression} {offset.Value[0]} {seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}s";
        }

        SplTranslationException Refused() => new(modifier.Token, EscuDiagnosticCodes.UntranslatedTimeFormat,
            $"the relative_time modifier {modifier.Token.Text} is not translated: only a literal offset and snap in seconds, minutes, hours, days or weeks (no snap to a week, month or year, whose length or start depends on the calendar)");
        if (match is not { Success: true } || match.Length == 0)
        {
            throw Refused();
        }

        var result = time.Value.Text;
        var precedence = time.Value.Precedence;
        if (match.Groups["offset"].Success)
        {
            (result, precedence) = (Offset(Wrap(time.Value, Add), match.Groups["offset"], match.Groups["unit"]), Add);
        }

        if (match.Groups["snap"].Success)
        {
            var unit = Unit(match.Groups["snap"].Value, true) ?? throw Refused();
            Note(modifier.Token, EscuDiagnosticCodes.FidelityNote, "relative_time snaps in the search's time zone, which ESCU assumes is UTC: bin() of the UTC time");
            (result, precedence) = ($"bin({result}, {unit.ToString(System.Globalization.CultureInfo.InvariantCulture)}s)", Primary);
        }

        if (match.Groups["after"].Success)
        {
            (result, precedence) = (Offset(precedence < Add ? $"({result})" : result, match.Groups["after"], match.Groups["afterUnit"]), Add);
        }

        return new Part(result, precedence, IsDateTime: true);
    }

    private static string AsNumeric(Part part) => part.Numeric ? part.Text : $"todouble({part.Text})";

    /// <summary>
    /// <c>x IN (a, b)</c> and <c>in(x, a, b)</c> in eval and where: true when x equals one of the values, compared as eval's
    /// = does (case-sensitively), so the canonical case-sensitive <c>in</c>. Only literal values translate.
    /// </summary>
    private Part Membership(SplToken at, Part value, List<(SplToken Token, Part Value)> values)
    {
        var computed = values.FirstOrDefault(v => v.Value.Literal is null && !v.Value.IsNumber).Token;
        if (values.Count == 0 || computed is not null)
        {
            throw new SplTranslationException(computed ?? at, EscuDiagnosticCodes.UnsupportedFunction, "IN is translated with a list of literal values only");
        }

        if (value.MemberList is { } multivalue)
        {
            report(at, EscuDiagnosticCodes.UndocumentedMultivalueComparison,
                $"eval 'IN' with the multivalue field '{multivalue}': Splunk documents no value-by-value meaning for it; written as the canonical membership, which is true when any value is in the list", DiagnosticSeverity.Warning);
        }

        return new Part($"{Wrap(value, Add)} in ({string.Join(", ", values.Select(v => v.Value.Text))})", Compare);
    }

    // min() and max() compare numbers numerically and other values as text, value by value: only numbers translate.
    private static Part Extreme(SplToken name, List<(SplToken Token, Part Value)> args)
    {
        if (args.Count == 0)
        {
            throw new SplTranslationException(name, EscuDiagnosticCodes.UnsupportedFunction, $"{name.Value}() without arguments");
        }

        if (args.FirstOrDefault(a => !a.Value.Numeric) is { Token: { } other })
        {
            throw new SplTranslationException(other, EscuDiagnosticCodes.UnsupportedFunction,
                $"{name.Value}() of '{other.Text}': SPL compares each value as a number when it looks like one and as text otherwise (so \"10\" and \"9\" order either way), which min_of/max_of over one type cannot say; write tonumber({other.Text}) for a numeric comparison");
        }

        var function = name.Value.Equals("min", StringComparison.OrdinalIgnoreCase) ? "min_of" : "max_of";
        return new Part($"{function}({string.Join(", ", args.Select(a => a.Value.Text))})", Primary, Numeric: true);
    }

    private Part Strftime(SplToken name, (SplToken Token, Part Value) time, (SplToken Token, Part Value) format)
    {
        var datetime = time.Value.IsDateTime ? time.Value.Text : time.Value.EpochSecondsOfEvent ? "_time"
            : throw new SplTranslationException(time.Token, EscuDiagnosticCodes.UntranslatedTimeFormat,
                $"strftime of '{time.Token.Text}': only an event time (_time, or a stats min, max, earliest or latest of it) is translated; SPL formats a number of seconds, where format_datetime would read text as a date");
        if (format.Value.Literal is not { } pattern)
        {
            throw new SplTranslationException(format.Token, EscuDiagnosticCodes.UntranslatedTimeFormat, "strftime with a format that is not a literal is not translated");
        }

        Note(name, EscuDiagnosticCodes.FidelityNote, "strftime formats in the search's time zone, which ESCU assumes is UTC: the time's UTC " + pattern switch { "%H" => "hour", "%A" => "day name", _ => "text" });
        return pattern switch
        {
            "%H" => new Part($"format_datetime({datetime}, \"HH\")", Primary, IsString: true, NumericText: true),
            "%A" => new Part(DayName(datetime), Primary, IsString: true),
            _ => new Part($"format_datetime({datetime}, {StringLiterals.Quote(StrftimeFormats.Canonical(pattern) ?? throw StrftimeFormats.Refused(format.Token))})", Primary, IsString: true),
        };
    }

    // trim(x, set) removes the characters of a set (by default space and tab) from both ends, ltrim and rtrim from one:
    // a replace of a run of the set's characters at the start (^) or the very end (\z; PCRE's $ would also match before a final newline).
    private static Part Trimmed(SplToken name, List<(SplToken Token, Part Value)> args)
    {
        var set = args.Count == 2
            ? args[1].Value.Literal ?? throw new SplTranslationException(args[1].Token, EscuDiagnosticCodes.UnsupportedFunction, $"{name.Value}() with a character set that is not a literal is not translated")
            : " \t";
        if (CharacterClass(set) is not { } characters)
        {
            throw new SplTranslationException(args[1].Token, EscuDiagnosticCodes.UnsupportedFunction, $"{name.Value}() with an empty character set, or one with control characters other than tab, newline and carriage return, is not translated");
        }

        var pattern = name.Value.ToLowerInvariant() switch
        {
            "ltrim" => $"^{characters}+",
            "rtrim" => $@"{characters}+\z",
            _ => $@"^{characters}+|{characters}+\z",
        };
        return new Part($"replace_regex({args[0].Value.Text}, {StringLiterals.Quote(pattern)}, \"\")", Primary, IsString: true);
    }

    [GeneratedRegex(@"^(?:(?<offset>[+-]\d+)(?<unit>[A-Za-z]+))?(?:@(?<snap>[A-Za-z]+))?(?:(?<after>[+-]\d+)(?<afterUnit>[A-Za-z]+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex RelativeModifier();

    /// <summary>A regular-expression character class of the characters of a text, or null for none or a control character.</summary>
    internal static string? CharacterClass(string characters)
    {
        if (characters.Length == 0)
        {
            return null;
        }

        var result = new StringBuilder("[");
        foreach (var ch in characters.Distinct())
        {
            switch (ch)
            {
                case '\t': result.Append(@"\t"); break;
                case '\n': result.Append(@"\n"); break;
                case '\r': result.Append(@"\r"); break;
                case '\\' or ']' or '[' or '^' or '-': result.Append('\\').Append(ch); break;
                case var c when char.IsControl(c) || char.IsSurrogate(c): return null;
                default: result.Append(ch); break;
            }
        }

        return result.Append(']').ToString();
    }
}

/// <summary>Why an SPL eval function has no canonical translation, for the ones detection searches commonly use.</summary>
internal static class UntranslatedFunctions
{
    private static readonly Dictionary<string, string> Reasons = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mvappend"] = "it flattens multivalue arguments and skips null ones, where pack_array keeps each argument as one element",
        ["mvdedup"] = "the canonical language has no function that removes repeated values of an array",
        ["mvsort"] = "the canonical language has no function that sorts an array",
        ["mvfilter"] = "the canonical language has no function that filters an array by a condition",
        ["mvzip"] = "the canonical language has no function that pairs the values of two arrays",
        ["mvmap"] = "the canonical language has no function that maps an array",
        ["mvrange"] = "the canonical language has no function that makes a range of numbers",
        ["printf"] = "its C-style formats (widths, precisions, padding) have no canonical form",
        ["searchmatch"] = "it runs a search string against the event, a full-text search the canonical language cannot express",
        ["md5"] = "the catalogue has no hash functions",
        ["sha1"] = "the catalogue has no hash functions",
        ["sha256"] = "the catalogue has no hash functions",
        ["sha512"] = "the catalogue has no hash functions",
        ["ln"] = "the catalogue has no logarithm",
        ["log"] = "the catalogue has no logarithm",
        ["exp"] = "the catalogue has no exponential",
        ["sqrt"] = "the catalogue has no square root",
        ["exact"] = "the canonical arithmetic is double precision, not exact",
        ["strptime"] = "its formats read text in the search's time zone; todatetime reads ISO 8601 only",
        ["typeof"] = "SPL's types (Number, String, Boolean, Invalid) are not the canonical language's",
        ["isnum"] = "SPL decides from what a value looks like, which no canonical function tests",
        ["isint"] = "SPL decides from what a value looks like, which no canonical function tests",
        ["isstr"] = "SPL decides from what a value looks like, which no canonical function tests",
        ["isbool"] = "SPL decides from what a value looks like, which no canonical function tests",
        ["json_extract"] = "its paths read JSON text that the canonical form reads as parse_json(x) with a member path, written by hand",
        ["spath"] = "its paths read JSON text that the canonical form reads as parse_json(x) with a member path, written by hand",
        ["json_object"] = "its key order and value types differ from bag_pack's",
        ["random"] = "a random number makes the rule's result differ on every run",
        ["sigfig"] = "significant-figure rounding has no canonical function",
    };

    public static string Why(string function) => Reasons.TryGetValue(function, out var reason) ? ": " + reason : "";
}
