using RuleCompiler.Backends.Splunk.Spl;
using RuleCompiler.Backends.Targets;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Backends.Splunk.Emit;

/// <summary>
/// Catalogue functions as eval expressions. Where SPL's function treats null or empty text differently from the
/// rule's (concatenation, coalesce), the form below makes it agree; constant arguments SPL needs as constants
/// (patterns, units) are checked here.
/// </summary>
public sealed partial class SplEmitter
{
    private static readonly string[] MonthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    /// <summary>The bool-valued functions as conditions; null for the others.</summary>
    private string? CallCondition(BoundCall call)
    {
        var a = call.Arguments;
        switch (call.Canonical.Name)
        {
            // A member list holds only values, and has no field when it has none (semantics §5.2).
            case "isempty" when a[0].MemberList:
                return $"isnull({Value(a[0])})";
            case "isnotempty" when a[0].MemberList:
                return $"isnotnull({Value(a[0])})";
            case "isempty":
                return $"(isnull({Value(a[0])}) OR {Value(a[0])}==\"\")";
            case "isnotempty":
                return $"(isnotnull({Value(a[0])}) AND {Value(a[0])}!=\"\")";
            case "isnull":
                return $"isnull({Value(a[0])})";
            case "isnotnull":
                return $"isnotnull({Value(a[0])})";
            case "not":
                return "NOT " + Condition(a[0]);
            case "ipv4_is_in_range":
                var range = a[1] is BoundLiteral { Value: string cidr } && !cidr.Contains('/') ? SplLiteral.EvalString(cidr + "/32") : Value(a[1]);
                return $"({Guard([a[0]], Value(a[0]))}cidrmatch({range}, {Value(a[0])}))";
            case "ipv4_is_private":
                var ip = Value(a[0]);
                return $"({Guard([a[0]], ip)}(cidrmatch(\"10.0.0.0/8\", {ip}) OR cidrmatch(\"172.16.0.0/12\", {ip}) OR cidrmatch(\"192.168.0.0/16\", {ip})))";
            case "set_has_element":
                if (a[1] is not BoundLiteral literal)
                {
                    Error(SplDiagnostics.NeedsConstant, "SPL tests set_has_element with mvfind, a regular expression: the value must be a constant", a[1].Location);
                    return "false()";
                }

                return $"isnotnull(mvfind({Value(a[0])}, {SplLiteral.EvalString("^" + RegexText(LiteralText(literal)) + @"\z")}))";
            default:
                return null;
        }
    }

    private static string LiteralText(BoundLiteral literal) => literal.Value switch
    {
        bool b => b ? "true" : "false",
        long l => Number(l),
        double d => Number(d),
        _ => literal.Value?.ToString() ?? "",
    };

    public string VisitCall(BoundCall call)
    {
        if (_aggregateNames.TryGetValue(call, out var aggregate))
        {
            return EvalField(aggregate, call.Location);
        }

        if (_table.Function(call.Signature) is Unsupported)
        {
            return "null()"; // reported by the capability pass
        }

        if (call.Type == ScalarType.Bool && CallCondition(call) is not null)
        {
            return BoolValue(call);
        }

        var a = call.Arguments;
        var args = a.Select(Value).ToList();
        switch (call.Canonical.Name)
        {
            case "strcat":
                return "(" + string.Join(".", a.Select((x, i) => Text(x, args[i]))) + ")";
            case "strcat_delim":
                return "(" + string.Join("." + Text(a[0], args[0]) + ".", a.Skip(1).Select((x, i) => Text(x, args[i + 1]))) + ")";
            case "tolower":
                return $"lower({args[0]})";
            case "toupper":
                return $"upper({args[0]})";
            case "strlen":
                return $"coalesce(len({args[0]}), 0)";
            case "substring":
                return args.Count == 3 ? $"substr({args[0]}, max({args[1]}, 0)+1, {args[2]})" : $"substr({args[0]}, max({args[1]}, 0)+1)";
            case "replace_string":
                return ConstantText(a[1], "replace_string") is { } find && ConstantText(a[2], "replace_string") is { } with
                    ? $"replace({args[0]}, {SplLiteral.EvalString(RegexText(find))}, {SplLiteral.EvalString(with.Replace("\\", "\\\\", StringComparison.Ordinal))})"
                    : "null()";
            case "replace_regex":
                return ConstantText(a[2], "replace_regex") is { } replacement
                    ? $"replace({args[0]}, {args[1]}, {SplLiteral.EvalString(SplReplacement(replacement))})"
                    : "null()";
            case "trim":
                var trimmed = ((BoundRegex)a[0]).Pattern;
                return $"replace({args[1]}, {SplLiteral.EvalString("^(?:" + trimmed + ")+|(?:" + trimmed + ")+$")}, \"\")";
            case "extract":
                if (a[1] is not BoundLiteral { Value: long group })
                {
                    Error(SplDiagnostics.NeedsConstant, "SPL extracts with replace(), whose group number must be a constant", a[1].Location);
                    return "null()";
                }

                var pattern = SplLiteral.EvalString("(?s)^.*?(" + ((BoundRegex)a[0]).Pattern + ").*$");
                return $"if(match({args[2]}, {args[0]}), replace({args[2]}, {pattern}, {SplLiteral.EvalString("\\" + Number(group + 1))}), \"\")";
            case "split":
                return args.Count == 3 ? $"mvindex(split({args[0]}, {args[1]}), {args[2]})" : $"split({args[0]}, {args[1]})";
            case "strcat_array":
                return $"mvjoin({args[0]}, {args[1]})";
            case "tostring":
                // Splunk values are text (or multivalue text) already, bools included; numbers are formatted.
                return a[0].Type is ScalarType.Long or ScalarType.Real ? $"tostring({args[0]})" : args[0];
            case "url_decode":
                return $"urldecode({args[0]})";
            case "coalesce":
                return $"coalesce({string.Join(", ", a.Select((x, i) => x.Type is ScalarType.String or ScalarType.Dynamic or ScalarType.Unknown ? $"nullif({args[i]}, \"\")" : args[i]))})";
            case "iif":
                return $"if({Condition(a[0])}, {args[1]}, {args[2]})";
            case "case" when DayName(call) is { } day:
                return day;
            case "case":
                var pairs = Enumerable.Range(0, a.Length / 2).Select(i => $"{Condition(a[2 * i])}, {args[2 * i + 1]}");
                return $"case({string.Join(", ", pairs)}, true(), {args[^1]})";
            case "toint":
            case "tolong":
                return $"if(tonumber({args[0]})<0, ceiling(tonumber({args[0]})), floor(tonumber({args[0]})))";
            case "toreal":
                return $"tonumber({args[0]})";
            case "tobool":
                return $"case(lower({args[0]})==\"true\" OR {args[0]}==\"1\", \"true\", lower({args[0]})==\"false\" OR {args[0]}==\"0\", \"false\")";
            case "now":
                return args.Count == 1 ? $"(now()+{args[0]})" : "now()";
            case "ago":
                return $"(now()-{args[0]})";
            case "bin":
                return $"(floor({args[0]}/{args[1]})*{args[1]})";
            case "hourofday":
                return $"(floor({args[0]}/3600)%24)";
            case "dayofweek":
                return $"(((floor({args[0]}/86400)+4)%7)*86400)";
            case "dayofmonth":
                return DateText(a[0], args[0], "date_mday", "%d");
            case "getmonth":
                return IsRawEventTime(a[0])
                    ? $"case({string.Join(", ", MonthNames.Select((m, i) => $"date_month==\"{m}\", {i + 1}"))})"
                    : $"tonumber(strftime({args[0]}, \"%m\"))";
            case "getyear":
                return DateText(a[0], args[0], "date_year", "%Y");
            case "startofday":
                return $"(floor({args[0]}/86400)*86400)";
            case "format_datetime":
                return ConstantText(a[1], "format_datetime") is { } format ? $"strftime({args[0]}, {SplLiteral.EvalString(StrftimeFormat(format))})" : "null()";
            case "datetime_diff":
                if (a[0] is not BoundLiteral { Value: string unit } || UnitSeconds(unit) is not { } seconds)
                {
                    Error(SplDiagnostics.NeedsConstant, "datetime_diff needs a constant unit (\"day\", \"hour\", \"minute\", \"second\") in SPL", a[0].Location);
                    return "null()";
                }

                return $"(floor({args[1]}/{seconds})-floor({args[2]}/{seconds}))";
            case "abs":
                return $"abs({args[0]})";
            case "round":
                return args.Count == 2 ? $"round({args[0]}, {args[1]})" : $"round({args[0]})";
            case "max_of":
                return $"max({string.Join(", ", args)})";
            case "min_of":
                return $"min({string.Join(", ", args)})";
            case "array_length":
                return $"mvcount({args[0]})";
            case "pack_array":
                return $"mvappend({string.Join(", ", args)})";
            case GeoFunction:
                Error(SplDiagnostics.GeoOutsideExtend, GeoOutsideExtendMessage, call.Location);
                return "null()";
            default:
                Error(SplDiagnostics.FunctionNotPortable, $"the function {call.Signature.Name}() has no SPL form here", call.Location);
                return "null()";
        }
    }

    /// <summary>Text for concatenation: SPL's <c>.</c> gives null when a side is null; the rule reads null as empty.</summary>
    private static string Text(BoundExpression expression, string value) => expression is BoundLiteral ? value : $"coalesce({value}, \"\")";

    private string? ConstantText(BoundExpression argument, string function)
    {
        if (argument is BoundLiteral { Value: string text })
        {
            return text;
        }

        Error(SplDiagnostics.NeedsConstant, $"SPL needs this argument of {function} as a constant string", argument.Location);
        return null;
    }

    private bool IsRawEventTime(BoundExpression argument) =>
        _rawEvent && Source.TimeFormat == TimeFormat.Iso8601 && argument is BoundFieldReference { Resolved.IsEventTime: true };

    /// <summary>date_* fields hold the UTC parts for ISO 8601 (Z) timestamps on raw events; else strftime (table: Differs).</summary>
    private string DateText(BoundExpression argument, string value, string field, string format) =>
        IsRawEventTime(argument) ? $"tonumber({field})" : $"tonumber(strftime({value}, \"{format}\"))";

    private static long? UnitSeconds(string unit) => unit switch
    {
        "second" => 1,
        "minute" => 60,
        "hour" => 3600,
        "day" => 86400,
        _ => null,
    };

    /// <summary>
    /// $1 and ${1} in a replacement are \1 in SPL's replace(); the rule's own \1 (a group, docs/semantics.md decision 6)
    /// and \\ (a backslash) mean the same there and are kept; any other backslash is doubled.
    /// </summary>
    private static string SplReplacement(string replacement) =>
        System.Text.RegularExpressions.Regex.Replace(LoneBackslash().Replace(replacement, @"\\"), @"\$\{?(\d+)\}?", @"\$1");

    // A backslash that starts neither a group reference (\1) nor an escaped backslash (\\).
    [System.Text.RegularExpressions.GeneratedRegex(@"\\\\|\\(?![\d])", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex LoneBackslash();

    /// <summary>The KQL date format parts the catalogue documents, as strftime directives.</summary>
    private static string StrftimeFormat(string format) => format
        .Replace("%", "%%", StringComparison.Ordinal)
        .Replace("yyyy", "%Y", StringComparison.Ordinal)
        .Replace("MM", "%m", StringComparison.Ordinal)
        .Replace("dd", "%d", StringComparison.Ordinal)
        .Replace("HH", "%H", StringComparison.Ordinal)
        .Replace("mm", "%M", StringComparison.Ordinal)
        .Replace("ss", "%S", StringComparison.Ordinal)
        .Replace("fff", "%3N", StringComparison.Ordinal);
}
