using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Importers.Sentinel;

/// <summary>A KQL call's canonical form (<see cref="Expression"/>), or why it has none (<see cref="Refusal"/>).</summary>
internal sealed record KqlFunctionForm(Expression? Expression, string? Refusal);

/// <summary>
/// KQL functions the canonical language writes with its own functions and operators, each exactly:
/// <list type="bullet">
/// <item><c>any</c>, <c>makeset</c>, <c>makelist</c> are KQL's old names of <c>take_any</c>, <c>make_set</c>, <c>make_list</c>;</item>
/// <item>a conditional aggregate <c>fif(x, p)</c> (<c>dcountif</c>, <c>avgif</c>, <c>maxif</c>, <c>minif</c>,
/// <c>make_set_if</c>, <c>make_list_if</c>) is <c>f(iif(p, x, null))</c>: the aggregates skip nulls, so the rows
/// where <c>p</c> does not hold count for nothing;</item>
/// <item><c>datetime_add(part, n, t)</c> of a fixed-length part is <c>t + unit * n</c> (months and years vary in length);</item>
/// <item><c>startofweek(t)</c> is <c>startofday(t) - dayofweek(t)</c> (weeks start on Sunday, UTC) and
/// <c>startofmonth(t)</c> is <c>startofday(t) - 1d * (dayofmonth(t) - 1)</c>;</item>
/// <item><c>datetime_part(part, t)</c> of the year, month, day or hour is <c>getyear</c>, <c>getmonth</c>,
/// <c>dayofmonth</c> or <c>hourofday</c> of t (UTC, as KQL's datetimes are);</item>
/// <item><c>trim_start(re, s)</c> and <c>trim_end(re, s)</c> remove repeated matches at one end, as <c>trim</c> does
/// at both: <c>replace_regex(s, "^(?:re)+", "")</c> and <c>replace_regex(s, "(?:re)+$", "")</c>.</item>
/// </list>
/// Functions the canonical language cannot state exactly carry the reason with the refusal.
/// </summary>
internal static class KqlFunctionForms
{
    private static readonly Dictionary<string, string> OldNames = new(StringComparer.Ordinal)
    {
        ["any"] = "take_any", ["makeset"] = "make_set", ["makelist"] = "make_list",
    };

    private static readonly Dictionary<string, string> Conditional = new(StringComparer.Ordinal)
    {
        ["dcountif"] = "dcount", ["avgif"] = "avg", ["maxif"] = "max", ["minif"] = "min", ["make_set_if"] = "make_set", ["make_list_if"] = "make_list",
    };

    private static readonly Dictionary<string, TimeSpan> FixedParts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["week"] = TimeSpan.FromDays(7), ["day"] = TimeSpan.FromDays(1), ["hour"] = TimeSpan.FromHours(1),
        ["minute"] = TimeSpan.FromMinutes(1), ["second"] = TimeSpan.FromSeconds(1), ["millisecond"] = TimeSpan.FromMilliseconds(1),
    };

    private static readonly Dictionary<string, string> DateParts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["year"] = "getyear", ["month"] = "getmonth", ["day"] = "dayofmonth", ["hour"] = "hourofday",
    };

    /// <summary>Why KQL functions the canonical language does not have cannot be written with its functions.</summary>
    private static readonly Dictionary<string, string> Reasons = new(StringComparer.Ordinal)
    {
        ["percentile"] = "KQL estimates percentiles (t-digest), and the canonical language has no percentile aggregate",
        ["percentiles"] = "KQL estimates percentiles (t-digest), and the canonical language has no percentile aggregate",
        ["percentile_tdigest"] = "KQL estimates percentiles (t-digest), and the canonical language has no percentile aggregate",
        ["toscalar"] = "toscalar runs a second query for one value; write the sub-pipeline as a let and join it",
        ["prev"] = "prev reads the previous row of a serialised table; the canonical language has no row order across rows",
        ["next"] = "next reads the next row of a serialised table; the canonical language has no row order across rows",
        ["row_number"] = "row_number numbers the rows of a serialised table; the canonical language has no row order across rows",
        ["format_timespan"] = "format_timespan has no canonical form; compare timespans, or convert with tolong(t / 1s)",
        ["bin_at"] = "bin_at aligns bins on a given point, which bin (aligned on 1970-01-01) does not; use bin",
        ["ipv4_is_match"] = "ipv4_is_match masks both addresses with the smaller of their prefixes; write ipv4_is_in_range(address, \"a.b.c.d/n\")",
        ["extract_all"] = "extract_all returns every match, which the canonical language has no function for; extract one group with extract",
        ["parse_url"] = "parse_url has no canonical form; extract the parts with extract(regex, group, url)",
        ["parse_path"] = "parse_path has no canonical form; extract the parts with extract(regex, group, path)",
        ["bag_keys"] = "the canonical language has no function for the keys of an object",
        ["set_union"] = "the canonical language has no set functions over arrays; summarize make_set over the values",
        ["set_intersect"] = "the canonical language has no set functions over arrays",
        ["set_difference"] = "the canonical language has no set functions over arrays",
        ["array_concat"] = "the canonical language has no function joining arrays",
        ["hash_sha256"] = "the canonical language has no hash functions",
        ["hash_md5"] = "the canonical language has no hash functions",
        ["hash"] = "KQL's hash values are its own; the canonical language has no hash functions",
        ["startofyear"] = "years vary in length; compare getyear(t) instead",
        ["endofday"] = "write startofday(t) + 1d and compare with <",
        ["dayofyear"] = "the canonical language has no day-of-year function; compare datetimes or getmonth and dayofmonth",
        ["week_of_year"] = "the canonical language has no week-number function (ISO 8601 weeks); compare datetimes instead",
        ["countof"] = "countof counts overlapping or regular-expression matches, which the canonical language has no function for",
        ["column_ifexists"] = "column_ifexists of a name that is not a literal, or of a table column no field maps, is not translated",
        ["make_bag"] = "the canonical language has no aggregate building an object; make_set the values instead",
        ["bag_merge"] = "the canonical language has no function merging objects",
        ["array_sort_asc"] = "the canonical language has no array sorting",
        ["array_sort_desc"] = "the canonical language has no array sorting",
        ["array_slice"] = "the canonical language has no array slicing; index the elements",
    };

    /// <summary>The canonical form of a KQL call, or null when it is written as it is (or the language lacks it).</summary>
    public static KqlFunctionForm? Of(FunctionCallExpression call)
    {
        var args = call.Arguments;
        if (OldNames.TryGetValue(call.Name, out var current))
        {
            return Form(call with { Name = current });
        }

        if (Conditional.TryGetValue(call.Name, out var aggregate))
        {
            if (args.Length < 2)
            {
                return null;
            }

            var kept = new FunctionCallExpression("iif", [args[1], args[0], new LiteralExpression(LiteralKind.Null, null, call.Span)], call.Span);
            return Form(new FunctionCallExpression(aggregate, [kept, .. args[2..]], call.Span));
        }

        switch (call.Name)
        {
            case "replace" when args.Length == 3:
                // KQL's old name of replace_regex, with the text last.
                return Form(call with { Name = "replace_regex", Arguments = [args[2], args[0], args[1]] });
            case "datetime_add" when args.Length == 3:
                return args[0] is LiteralExpression { Kind: LiteralKind.String, Value: string part } && FixedParts.TryGetValue(part, out var unit)
                    ? Form(new BinaryExpression(BinaryOperator.Add, args[2], new BinaryExpression(BinaryOperator.Multiply, Duration(unit, call), args[1], call.Span), call.Span))
                    : Refuse($"datetime_add of '{Text(args[0])}' is not translated: only a fixed-length part (week, day, hour, minute, second, millisecond) is a timespan; months and years vary in length");
            case "datetime_part" when args.Length == 2:
                return args[0] is LiteralExpression { Kind: LiteralKind.String, Value: string name } && DateParts.TryGetValue(name, out var function)
                    ? Form(new FunctionCallExpression(function, [args[1]], call.Span))
                    : Refuse($"datetime_part of '{Text(args[0])}' is not translated: the year, month, day and hour are (getyear, getmonth, dayofmonth, hourofday); the canonical language has no function for the others");
            case "startofweek" or "startofmonth" when args.Length > 1:
                return Refuse($"{call.Name} with an offset is not translated: write the offset as a separate addition of weeks or days");
            case "startofweek":
                return Form(Subtract(StartOfDay(args[0], call), new FunctionCallExpression("dayofweek", [args[0]], call.Span), call));
            case "startofmonth":
                var daysIn = new BinaryExpression(BinaryOperator.Subtract, new FunctionCallExpression("dayofmonth", [args[0]], call.Span), new LiteralExpression(LiteralKind.Long, 1L, call.Span), call.Span);
                return Form(Subtract(StartOfDay(args[0], call), new BinaryExpression(BinaryOperator.Multiply, Duration(TimeSpan.FromDays(1), call), daysIn, call.Span), call));
            case "trim_start" or "trim_end" when args.Length == 2:
                if (args[0] is not LiteralExpression { Kind: LiteralKind.String, Value: string pattern })
                {
                    return Refuse($"{call.Name} of a pattern that is not a constant string is not translated: the canonical form builds an anchored pattern from it");
                }

                var anchored = call.Name == "trim_start" ? $"^(?:{pattern})+" : $"(?:{pattern})+$";
                return Form(new FunctionCallExpression("replace_regex", [args[1], new LiteralExpression(LiteralKind.String, anchored, args[0].Span), new LiteralExpression(LiteralKind.String, "", call.Span)], call.Span));
            default:
                return null;
        }
    }

    /// <summary>Why the canonical language has no form for a KQL function it lacks, or null when there is nothing to add.</summary>
    public static string? WhyNot(string name) => Reasons.GetValueOrDefault(name);

    /// <summary>Whether an aggregate's canonical form needs the name KQL would have given it (KQL names it after itself).</summary>
    public static bool NeedsName(Expression value) => value is FunctionCallExpression call && Conditional.ContainsKey(call.Name);

    private static KqlFunctionForm Form(Expression expression) => new(expression, null);

    private static KqlFunctionForm Refuse(string reason) => new(null, reason);

    private static LiteralExpression Duration(TimeSpan value, Expression at) => new(LiteralKind.Duration, value, at.Span);

    private static FunctionCallExpression StartOfDay(Expression value, Expression at) => new("startofday", [value], at.Span);

    private static BinaryExpression Subtract(Expression left, Expression right, Expression at) => new(BinaryOperator.Subtract, left, right, at.Span);

    private static string Text(Expression expression) => Compiler.Language.Printing.QueryPrinter.Print(expression);
}
