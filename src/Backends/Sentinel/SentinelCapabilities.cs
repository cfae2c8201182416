using System.Collections.Frozen;
using RuleCompiler.Backends.Sentinel.Emit;
using RuleCompiler.Backends.Targets;
using RuleCompiler.Compiler.Language.Syntax;
using static RuleCompiler.Backends.Targets.Capability;

namespace RuleCompiler.Backends.Sentinel;

/// <summary>
/// The Sentinel target's capability table: how each construct is spelled in KQL. The language is KQL-flavoured, so
/// nearly everything maps to the construct of the same name; the differences that depend on how a construct is used
/// (null strings, multi-valued operands, <c>has</c> needles, mv-expand of null and objects) are handled or reported by
/// <see cref="KqlEmitter"/>. docs/sentinel-backend.md explains every entry.
/// </summary>
public static class SentinelCapabilities
{
    public static readonly CapabilityTable Table = new(
        "sentinel",
        new Dictionary<StageKind, Capability>
        {
            [StageKind.Where] = As("where"),
            [StageKind.Extend] = As("extend"),
            [StageKind.Project] = As("project"),
            [StageKind.ProjectAway] = As("project-away"),
            [StageKind.ProjectRename] = As("project-rename"),
            [StageKind.MvExpand] = As("mv-expand"),
            [StageKind.Summarize] = As("summarize"),
            [StageKind.Distinct] = As("distinct"),
            [StageKind.Sort] = As("sort"),
            [StageKind.Take] = As("take"),
            // fill-null is an extend of iif(isempty(c), value, c) per column.
            [StageKind.FillNull] = As("extend"),
            [StageKind.Join] = As("join"),
            [StageKind.Union] = Differs("union", KqlDiagnostics.UnionColumnTypes,
                "a column whose type differs between the inputs becomes one column per type (name_string, name_long) instead of one dynamic column"),
            // Fragments are inlined: their stages are emitted in place.
            [StageKind.Invoke] = As("inline"),
        }.ToFrozenDictionary(),
        new Dictionary<string, Capability>
        {
            ["or"] = As("or"),
            ["and"] = As("and"),
            ["not"] = As("not"),
            ["-x"] = As("-"),
            ["=="] = As("=="),
            ["!="] = As("!="),
            ["=~"] = As("=~"),
            ["!~"] = As("!~"),
            ["<"] = As("<"),
            ["<="] = As("<="),
            [">"] = As(">"),
            [">="] = As(">="),
            ["contains"] = As("contains"),
            ["!contains"] = As("!contains"),
            ["contains_cs"] = As("contains_cs"),
            ["!contains_cs"] = As("!contains_cs"),
            ["startswith"] = As("startswith"),
            ["!startswith"] = As("!startswith"),
            ["startswith_cs"] = As("startswith_cs"),
            ["!startswith_cs"] = As("!startswith_cs"),
            ["endswith"] = As("endswith"),
            ["!endswith"] = As("!endswith"),
            ["endswith_cs"] = As("endswith_cs"),
            ["!endswith_cs"] = As("!endswith_cs"),
            // The language's has is KQL's term match (docs/semantics.md).
            ["has"] = As("has"),
            ["!has"] = As("!has"),
            ["has_cs"] = As("has_cs"),
            ["!has_cs"] = As("!has_cs"),
            ["matches regex"] = As("matches regex"),
            ["+"] = As("+"),
            ["-"] = As("-"),
            ["*"] = As("*"),
            ["/"] = As("/"),
            ["%"] = As("%"),
            ["in"] = As("in"),
            ["in~"] = As("in~"),
            ["!in"] = As("!in"),
            ["!in~"] = As("!in~"),
            // The binder writes has_any / has_all as one has per term, joined by or / and (docs/semantics.md).
            ["has_any"] = As("has ... or has ..."),
            ["has_all"] = As("has ... and has ..."),
            [OperatorSpellings.Between] = As("between"),
            [OperatorSpellings.NotBetween] = As("!between"),
        }.ToFrozenDictionary(StringComparer.Ordinal),
        new Dictionary<string, Capability>
        {
            ["strcat"] = As("strcat"),
            ["strcat_delim"] = As("strcat_delim"),
            ["tolower"] = As("tolower"),
            ["toupper"] = As("toupper"),
            ["strlen"] = As("strlen"),
            ["substring"] = As("substring"),
            ["replace_string"] = As("replace_string"),
            ["replace_regex"] = As("replace_regex"),
            ["trim"] = As("trim"),
            ["indexof"] = As("indexof"),
            ["indexof_regex"] = As("indexof_regex"),
            ["extract"] = As("extract"),
            ["split"] = As("split"),
            ["strcat_array"] = As("strcat_array"),
            ["tostring"] = As("tostring"),
            ["base64_decode_tostring"] = As("base64_decode_tostring"),
            ["url_decode"] = As("url_decode"),
            ["isempty"] = As("isempty"),
            ["isnotempty"] = As("isnotempty"),
            // Of a string argument these are isempty/isnotempty: a missing string is "" in Sentinel (decision 1).
            ["isnull"] = As("isnull"),
            ["isnotnull"] = As("isnotnull"),
            ["coalesce"] = As("coalesce"),
            ["iif"] = As("iif"),
            ["case"] = As("case"),
            // not(coalesce(b, false)) for a bool that may be null (decision 4).
            ["not"] = As("not"),
            // The language has one integer type: toint gives a long, as KQL's tolong does (KQL's toint is 32-bit).
            ["toint"] = As("tolong"),
            ["tolong"] = As("tolong"),
            ["toreal"] = As("toreal"),
            ["tobool"] = As("tobool"),
            ["todatetime"] = As("todatetime"),
            ["totimespan"] = As("totimespan"),
            ["parse_json"] = As("parse_json"),
            ["now"] = As("now"),
            ["ago"] = As("ago"),
            ["bin"] = As("bin"),
            ["hourofday"] = As("hourofday"),
            // KQL's dayofweek is the language's: a timespan, 0d Sunday to 6d Saturday.
            ["dayofweek"] = As("dayofweek"),
            ["dayofmonth"] = As("dayofmonth"),
            ["getmonth"] = As("getmonth"),
            ["getyear"] = As("getyear"),
            ["startofday"] = As("startofday"),
            ["format_datetime"] = As("format_datetime"),
            ["datetime_diff"] = As("datetime_diff"),
            ["abs"] = As("abs"),
            ["round"] = As("round"),
            ["max_of"] = As("max_of"),
            ["min_of"] = As("min_of"),
            ["ipv4_is_in_range"] = As("ipv4_is_in_range"),
            ["ipv4_is_private"] = As("ipv4_is_private"),
            ["geo_info_from_ip_address"] = As("geo_info_from_ip_address"),
            ["array_length"] = As("array_length"),
            ["set_has_element"] = As("set_has_element"),
            ["pack_array"] = As("pack_array"),
            ["bag_pack"] = As("bag_pack"),
            ["count"] = As("count"),
            ["countif"] = As("countif"),
            ["dcount"] = Differs("dcount", KqlDiagnostics.DcountEstimate,
                "KQL's dcount is an estimate (HyperLogLog, about 1 % error at the default accuracy); the language counts exactly"),
            ["min"] = As("min"),
            ["max"] = As("max"),
            ["sum"] = As("sum"),
            ["sumif"] = As("sumif"),
            ["avg"] = As("avg"),
            ["stdev"] = As("stdev"),
            ["variance"] = As("variance"),
            ["make_set"] = As("make_set"),
            ["make_list"] = As("make_list"),
            ["take_any"] = As("take_any"),
            ["arg_min"] = As("arg_min"),
            ["arg_max"] = As("arg_max"),
        }.ToFrozenDictionary(StringComparer.Ordinal));
}
