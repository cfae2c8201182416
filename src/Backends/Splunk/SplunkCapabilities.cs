using System.Collections.Frozen;
using RuleCompiler.Backends.Splunk.Emit;
using RuleCompiler.Backends.Targets;
using RuleCompiler.Compiler.Language.Syntax;
using static RuleCompiler.Backends.Targets.Capability;

namespace RuleCompiler.Backends.Splunk;

/// <summary>
/// The Splunk target's capability table: how the SPL emitter spells each stage, operator and function, and what
/// SPL cannot say with the rule's meaning (errors) or says with a documented difference (warnings). Spellings name
/// the SPL command or eval function used; docs/splunk-backend.md shows each form. Uses that depend on the
/// arguments (a constant pattern, the time zone of a date) are checked by the emitter itself.
/// </summary>
public static class SplunkCapabilities
{
    private const string Function = SplDiagnostics.FunctionNotPortable;

    /// <summary>Why a join other than eventstats' shape has no SPL form (reported by the emitter at the join).</summary>
    public const string JoinRefusal = "SPL's join runs the right side as a subsearch, capped at 50,000 rows and 60 seconds and keeping one match per row (max=1), so rows would go missing without notice";

    public static readonly CapabilityTable Table = new(
        "splunk",
        new Dictionary<StageKind, Capability>
        {
            [StageKind.Where] = As("search / where"),
            [StageKind.Extend] = As("eval / rename"),
            [StageKind.Project] = As("table"),
            [StageKind.ProjectAway] = As("fields -"),
            [StageKind.ProjectRename] = As("rename"),
            [StageKind.MvExpand] = As("spath + mvexpand"),
            [StageKind.Summarize] = As("stats"),
            [StageKind.Distinct] = As("dedup + table"),
            [StageKind.Sort] = Differs("sort 0", SplDiagnostics.Differs, "Splunk sorts a field numerically when its values are numbers and lexicographically otherwise, and does not place events without the field first (ascending) or last (descending) as the rule does"),
            [StageKind.Take] = As("head"),
            [StageKind.FillNull] = As("fillnull"),
            // Only eventstats' shape (a let's rows joined with their own summarize) has an SPL form: the emitter checks
            // the shape and refuses every other join with RC4001 and JoinRefusal.
            [StageKind.Join] = As("eventstats (the self-join of a summarize), or join [| inputlookup T] (a join on a table, docs/semantics.md §4.3)"),
            // append's subsearch returns at most maxout rows and stops at maxtime (defaults 50,000 and 60 s).
            [StageKind.Union] = Differs("append [search ...]", SplDiagnostics.Differs, "SPL's append runs each branch as a subsearch, which returns at most 50,000 rows and stops after 60 seconds (its maxout and maxtime defaults): a branch with more rows, or a slower one, loses rows in Splunk"),
            [StageKind.Invoke] = As("inlined"),
        }.ToFrozenDictionary(),
        new Dictionary<string, Capability>
        {
            ["or"] = As("OR"),
            ["and"] = As("AND"),
            ["not"] = As("NOT"),
            ["-x"] = As("-"),
            ["=="] = As("=CASE() / =="),
            ["!="] = As("NOT =CASE() / !="),
            ["=~"] = As("= / match (?i)"),
            ["!~"] = As("NOT = / NOT match (?i)"),
            ["<"] = As("<"),
            ["<="] = As("<="),
            [">"] = As(">"),
            [">="] = As(">="),
            ["contains"] = As("=*v* / match (?i)"),
            ["!contains"] = As("NOT =*v* / NOT match (?i)"),
            ["contains_cs"] = As("=CASE(*v*) / match"),
            ["!contains_cs"] = As("NOT =CASE(*v*) / NOT match"),
            ["startswith"] = As("=v* / match (?i)^"),
            ["!startswith"] = As("NOT =v* / NOT match (?i)^"),
            ["startswith_cs"] = As("=CASE(v*) / match ^"),
            ["!startswith_cs"] = As("NOT =CASE(v*) / NOT match ^"),
            ["endswith"] = As("=*v / match (?i)\\z"),
            ["!endswith"] = As("NOT =*v / NOT match (?i)\\z"),
            ["endswith_cs"] = As("=CASE(*v) / match \\z"),
            ["!endswith_cs"] = As("NOT =CASE(*v) / NOT match \\z"),
            ["has"] = As("match (?i) between non-alphanumerics"),
            ["!has"] = As("NOT match (?i) between non-alphanumerics"),
            ["has_cs"] = As("match between non-alphanumerics"),
            ["!has_cs"] = As("NOT match between non-alphanumerics"),
            ["matches regex"] = As("match"),
            ["+"] = As("+"),
            ["-"] = As("-"),
            ["*"] = As("*"),
            ["/"] = As("/ (whole numbers truncated)"),
            ["%"] = As("%"),
            ["in"] = As("=CASE() OR ... / lookup"),
            ["in~"] = As("IN / lookup"),
            ["!in"] = As("NOT (=CASE() OR ...) / lookup"),
            ["!in~"] = As("NOT IN / lookup"),
            // The binder writes has_any / has_all as one has per term, joined by or / and (docs/semantics.md).
            ["has_any"] = As("match (?i) per term, OR"),
            ["has_all"] = As("match (?i) per term, AND"),
            [OperatorSpellings.Between] = As(">= AND <="),
            [OperatorSpellings.NotBetween] = As("NOT (>= AND <=)"),
        }.ToFrozenDictionary(StringComparer.Ordinal),
        new Dictionary<string, Capability>
        {
            ["strcat"] = As("."),
            ["strcat_delim"] = As("."),
            ["tolower"] = As("lower"),
            ["toupper"] = As("upper"),
            ["strlen"] = Differs("len", SplDiagnostics.Differs, "len counts Unicode code points; the rule counts UTF-16 code units (they differ for characters outside the Basic Multilingual Plane)"),
            ["substring"] = As("substr"),
            ["replace_string"] = As("replace"),
            ["replace_regex"] = As("replace"),
            ["trim"] = As("replace"),
            ["indexof"] = NotPortable(Function, "SPL's eval has no substring position function"),
            ["indexof_regex"] = NotPortable(Function, "SPL's eval has no match position function"),
            ["extract"] = As("replace"),
            ["split"] = As("split"),
            ["strcat_array"] = As("mvjoin"),
            ["tostring"] = As("tostring"),
            ["base64_decode_tostring"] = NotPortable(Function, "core SPL has no base64 decoding function"),
            ["url_decode"] = As("urldecode"),
            ["isempty"] = As("isnull OR ==\"\""),
            ["isnotempty"] = As("isnotnull AND !=\"\""),
            ["isnull"] = As("isnull"),
            ["isnotnull"] = As("isnotnull"),
            ["coalesce"] = As("coalesce(nullif)"),
            ["iif"] = As("if"),
            ["case"] = As("case"),
            ["not"] = As("NOT"),
            ["toint"] = As("tonumber"),
            ["tolong"] = As("tonumber"),
            ["toreal"] = As("tonumber"),
            ["tobool"] = As("case"),
            ["todatetime"] = NotPortable(Function, "strptime needs one fixed format; ISO 8601 text has several"),
            ["totimespan"] = NotPortable(Function, "SPL has no timespan parser"),
            // Only a member of a field's JSON text has an SPL form (spath input=f path=p): the emitter refuses the rest (RC4002, RC4007).
            ["parse_json"] = As("spath"),
            ["now"] = As("now"),
            ["ago"] = As("now() -"),
            ["bin"] = As("floor"),
            ["hourofday"] = As("date_hour / floor"),
            ["dayofweek"] = As("date_wday / floor"),
            ["dayofmonth"] = Differs("strftime", SplDiagnostics.Differs, "strftime formats in the time zone of the user running the search; the rule means UTC"),
            ["getmonth"] = Differs("strftime", SplDiagnostics.Differs, "strftime formats in the time zone of the user running the search; the rule means UTC"),
            ["getyear"] = Differs("strftime", SplDiagnostics.Differs, "strftime formats in the time zone of the user running the search; the rule means UTC"),
            ["startofday"] = As("floor"),
            ["format_datetime"] = Differs("strftime", SplDiagnostics.Differs, "strftime formats in the time zone of the user running the search; the rule means UTC"),
            ["datetime_diff"] = As("floor"),
            ["abs"] = As("abs"),
            ["round"] = As("round"),
            ["max_of"] = As("max"),
            ["min_of"] = As("min"),
            ["ipv4_is_in_range"] = As("cidrmatch"),
            ["ipv4_is_private"] = As("cidrmatch"),
            ["geo_info_from_ip_address"] = As("iplocation"),
            ["array_length"] = As("mvcount"),
            ["set_has_element"] = As("mvfind"),
            ["pack_array"] = Differs("mvappend", SplDiagnostics.Differs, "mvappend leaves out null values, so the array can be shorter"),
            ["bag_pack"] = NotPortable(Function, "SPL fields hold text and multivalues, not objects"),
            ["count"] = As("count"),
            ["countif"] = As("count(eval())"),
            ["dcount"] = As("dc"),
            ["min"] = As("min"),
            ["max"] = As("max"),
            ["sum"] = As("sum"),
            ["sumif"] = As("sum(eval(if()))"),
            ["avg"] = As("avg"),
            ["stdev"] = As("stdev"),
            ["variance"] = As("var"),
            ["make_set"] = Differs("values", SplDiagnostics.Differs, "values() returns the distinct values sorted lexicographically, not in first-seen order"),
            ["make_list"] = Differs("list", SplDiagnostics.Differs, "list() keeps at most 100 values per group (limits.conf list_maxsize)"),
            ["take_any"] = As("first"),
            ["arg_min"] = NotPortable(Function, "stats has no row choice: earliest()/first() pick each column's value separately, from different rows when some are null"),
            ["arg_max"] = NotPortable(Function, "stats has no row choice: latest()/last() pick each column's value separately, from different rows when some are null"),
        }.ToFrozenDictionary(StringComparer.Ordinal));
}
