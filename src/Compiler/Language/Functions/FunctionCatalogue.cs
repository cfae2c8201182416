using System.Collections.Frozen;
using System.Collections.Immutable;
using RuleCompiler.Compiler.Language.Binding;

namespace RuleCompiler.Compiler.Language.Functions;

/// <summary>
/// Every function the rule language knows: the binder checks calls against it, the backends map each name to
/// their own spelling, and docs/language.md lists it. Names are case-sensitive (lowercase, as in KQL).
/// </summary>
public static class FunctionCatalogue
{
    /// <summary>The maximum arity of variadic functions.</summary>
    public const int Variadic = 64;

    /// <summary>The members of geo_info_from_ip_address's object, as KQL documents them.</summary>
    public static ImmutableDictionary<string, ScalarType> GeoMembers { get; } = new Dictionary<string, ScalarType>(StringComparer.Ordinal)
    {
        ["country"] = ScalarType.String,
        ["state"] = ScalarType.String,
        ["city"] = ScalarType.String,
        ["latitude"] = ScalarType.Real,
        ["longitude"] = ScalarType.Real,
    }.ToImmutableDictionary(StringComparer.Ordinal);

    // After GeoMembers: static initialisers run in written order, and Build reads it.
    public static ImmutableArray<FunctionSignature> All { get; } = Build();

    private static readonly FrozenDictionary<string, FunctionSignature> ByName =
        All.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    public static FunctionSignature? Find(string name) => ByName.GetValueOrDefault(name);

    public static IEnumerable<string> Names => All.Select(f => f.Name);

    private static ImmutableArray<FunctionSignature> Build()
    {
        var s = ScalarType.String;
        var l = ScalarType.Long;
        var r = ScalarType.Real;
        var b = ScalarType.Bool;
        var dt = ScalarType.DateTime;
        var ts = ScalarType.TimeSpan;
        var d = ScalarType.Dynamic;
        var list = new List<FunctionSignature>
        {
            // Strings
            Fixed("strcat", 1, Variadic, [TypeSet.Any], s, "Concatenates the text of its arguments; null counts as empty.", "strcat(finding.name, \", \", finding.description)"),
            Fixed("strcat_delim", 2, Variadic, [TypeSet.String, TypeSet.Any], s, "Concatenates its arguments after the first, separated by the first.", "strcat_delim(\"/\", awsRegion, eventName)") with { RepeatFrom = 1 },
            Fixed("tolower", 1, 1, [TypeSet.Any], s, "Lower-cases (invariant culture).", "tolower(userIdentity.type)"),
            Fixed("toupper", 1, 1, [TypeSet.Any], s, "Upper-cases (invariant culture).", "toupper(awsRegion)"),
            Fixed("strlen", 1, 1, [TypeSet.Any], l, "Number of characters (Unicode code points); null gives 0.", "strlen(userAgent) > 200"),
            Fixed("substring", 2, 3, [TypeSet.Any, TypeSet.Long, TypeSet.Long], s, "Characters from a 0-based start (a negative start counts from the end), optionally limited to a length; out-of-range parts are dropped.", "substring(userIdentity.accessKeyId, 0, 4)"),
            Fixed("replace_string", 3, 3, [TypeSet.Any, TypeSet.String, TypeSet.String], s, "Replaces every occurrence of a literal string.", "replace_string(userIdentity.arn, \":assumed-role/\", \":role/\")"),
            Fixed("replace_regex", 3, 3, [TypeSet.Any, TypeSet.String, TypeSet.String], s, "Replaces every match of a regular expression; \\1 refers to a group.", "replace_regex(userAgent, @\"\\s+\", \" \")") with { RegexArgument = 1 },
            Fixed("trim", 2, 2, [TypeSet.String, TypeSet.Any], s, "Removes matches of a regular expression from both ends.", "trim(@\"\\s\", requestParameters.userName)") with { RegexArgument = 0 },
            Fixed("indexof", 2, 3, [TypeSet.Any, TypeSet.String, TypeSet.Long], l, "0-based position of a substring (ordinal), or -1.", "indexof(userIdentity.arn, \"/\")"),
            Fixed("indexof_regex", 2, 2, [TypeSet.Any, TypeSet.String], l, "0-based position of the first regular-expression match, or -1.", "indexof_regex(userIdentity.arn, @\"[/:]\")") with { RegexArgument = 1 },
            Fixed("extract", 3, 3, [TypeSet.String, TypeSet.Long, TypeSet.Any], s, "The given capture group (0 is the whole match) of the first match, or empty.", "extract(@\"role/([^/]+)\", 1, userIdentity.arn)") with { RegexArgument = 0 },
            Fixed("split", 2, 3, [TypeSet.Any, TypeSet.String, TypeSet.Long], d, "Splits text on a delimiter into an array; with an index, an array of that one element.", "split(userIdentity.arn, \"/\")[-1]"),
            Fixed("strcat_array", 2, 2, [TypeSet.Dynamic, TypeSet.String], s, "Joins the elements of an array with a delimiter.", "strcat_array(eventCategories, \",\")"),
            Fixed("tostring", 1, 1, [TypeSet.Any], s, "The value's text: strings as they are, JSON for arrays and objects, empty for null.", "tostring(requestParameters.bucketName)"),
            Fixed("base64_decode_tostring", 1, 1, [TypeSet.String], s, "Decodes base64 text as UTF-8.", "base64_decode_tostring(requestParameters.userData)"),
            Fixed("url_decode", 1, 1, [TypeSet.String], s, "Decodes %xx escapes.", "url_decode(requestParameters.policyDocument)"),

            // Emptiness and nulls
            Fixed("isempty", 1, 1, [TypeSet.Any], b, "True for null, a missing field or the empty string.", "isempty(errorCode)"),
            Fixed("isnotempty", 1, 1, [TypeSet.Any], b, "not isempty(x).", "isnotempty(userIdentity.invokedBy)"),
            Fixed("isnull", 1, 1, [TypeSet.Any], b, "True for null, a missing field or the empty string (one value: docs/semantics.md).", "isnull(responseElements)"),
            Fixed("isnotnull", 1, 1, [TypeSet.Any], b, "not isnull(x).", "isnotnull(additionalEventData.MFAUsed)"),
            new("coalesce", FunctionKind.Scalar, 1, Variadic, [TypeSet.Any], ReturnRule.CommonOfAll, ScalarType.Unknown, "The first argument that is not null and not the empty string.", "coalesce(userIdentity.userName, userIdentity.principalId)"),

            // Conditionals
            new("iif", FunctionKind.Scalar, 3, 3, [TypeSet.Bool, TypeSet.Any, TypeSet.Any], ReturnRule.CommonOfIifBranches, ScalarType.Unknown, "The second argument when the condition holds, else the third.", "iif(isempty(errorCode), \"success\", \"failure\")"),
            new("iff", FunctionKind.Scalar, 3, 3, [TypeSet.Bool, TypeSet.Any, TypeSet.Any], ReturnRule.CommonOfIifBranches, ScalarType.Unknown, "Alias of iif.", "iff(userIdentity.type == \"Root\", 1, 0)") { AliasOf = "iif" },
            new("case", FunctionKind.Scalar, 3, Variadic, [TypeSet.Bool, TypeSet.Any], ReturnRule.CommonOfCaseValues, ScalarType.Unknown, "The value after the first condition that holds, else the last argument.", "case(awsRegion == \"us-east-1\", \"home\", awsRegion startswith \"eu-\", \"europe\", \"other\")") { LastParameter = TypeSet.Any, OddArity = true },

            Fixed("not", 1, 1, [TypeSet.Bool], b, "The negation of a bool, as the not operator.", "not(isempty(errorCode))"),

            // Conversions
            Fixed("toint", 1, 1, [TypeSet.Any], l, "Converts to a whole number; null when it cannot (the language has one integer type, long).", "toint(requestParameters.maxResults)"),
            Fixed("tolong", 1, 1, [TypeSet.Any], l, "Converts to a whole number; null when it cannot.", "tolong(responseElements.count)"),
            Fixed("toreal", 1, 1, [TypeSet.Any], r, "Converts to a real number; null when it cannot.", "toreal(finding.score)"),
            Fixed("todouble", 1, 1, [TypeSet.Any], r, "Alias of toreal.", "todouble(finding.score)") with { AliasOf = "toreal" },
            Fixed("tobool", 1, 1, [TypeSet.Any], b, "Converts \"true\"/\"false\" (any case), 1/0 and booleans; null otherwise.", "tobool(additionalEventData.MFAUsed)"),
            Fixed("toboolean", 1, 1, [TypeSet.Any], b, "Alias of tobool.", "toboolean(requestParameters.enabled)") with { AliasOf = "tobool" },
            Fixed("todatetime", 1, 1, [TypeSet.Any], dt, "Parses an ISO 8601 date-time (UTC); null when it cannot.", "todatetime(eventTime)"),
            Fixed("totimespan", 1, 1, [TypeSet.Any], ts, "Parses a timespan (\"1.02:03:04\" or a duration literal's text); null when it cannot.", "totimespan(\"01:00:00\")"),
            Fixed("parse_json", 1, 1, [TypeSet.Any], d, "Parses JSON text into a dynamic value; a dynamic value is returned as is.", "parse_json(requestParameters.policyDocument).Statement"),
            Fixed("todynamic", 1, 1, [TypeSet.Any], d, "Alias of parse_json.", "todynamic(requestParameters.policy)") with { AliasOf = "parse_json" },

            // Date and time
            Fixed("now", 0, 1, [TypeSet.TimeSpan], dt, "The current time (UTC), plus an optional offset; fixed for one run of a query.", "_time > now(-1h)"),
            Fixed("ago", 1, 1, [TypeSet.TimeSpan], dt, "now() minus the given timespan.", "_time >= ago(14d)"),
            new("bin", FunctionKind.Scalar, 2, 2, [TypeSet.Numeric | TypeSet.DateTime | TypeSet.TimeSpan, TypeSet.Numeric | TypeSet.TimeSpan], ReturnRule.FirstArgument, ScalarType.Unknown, "Rounds down to a multiple of the bin size (datetimes from 1970-01-01).", "bin(_time, 1h)"),
            new("floor", FunctionKind.Scalar, 2, 2, [TypeSet.Numeric | TypeSet.DateTime | TypeSet.TimeSpan, TypeSet.Numeric | TypeSet.TimeSpan], ReturnRule.FirstArgument, ScalarType.Unknown, "Alias of bin.", "floor(_time, 1d)") { AliasOf = "bin" },
            Fixed("hourofday", 1, 1, [TypeSet.DateTime], l, "The hour (0..23, UTC).", "hourofday(_time) between (0 .. 5)"),
            Fixed("dayofweek", 1, 1, [TypeSet.DateTime], ts, "Days since the preceding Sunday, as a timespan (0d Sunday .. 6d Saturday), as in KQL.", "dayofweek(_time) in (0d, 6d)"),
            Fixed("dayofmonth", 1, 1, [TypeSet.DateTime], l, "The day of the month (1..31, UTC).", "dayofmonth(_time) == 1"),
            Fixed("getmonth", 1, 1, [TypeSet.DateTime], l, "The month (1..12, UTC).", "getmonth(_time) == 12"),
            Fixed("getyear", 1, 1, [TypeSet.DateTime], l, "The year (UTC).", "getyear(_time) >= 2024"),
            Fixed("startofday", 1, 1, [TypeSet.DateTime], dt, "Midnight (UTC) of the datetime's day.", "startofday(_time)"),
            Fixed("format_datetime", 2, 2, [TypeSet.DateTime, TypeSet.String], s, "Formats with a KQL format string (yyyy, MM, dd, HH, mm, ss, fff).", "format_datetime(_time, \"yyyy-MM-dd HH:mm\")"),
            Fixed("datetime_diff", 3, 3, [TypeSet.String, TypeSet.DateTime, TypeSet.DateTime], l, "Whole periods (\"day\", \"hour\", \"minute\", \"second\") from the third argument to the second.", "datetime_diff(\"minute\", lastTime, firstTime)"),

            // Numbers
            Fixed("abs", 1, 1, [TypeSet.Numeric | TypeSet.TimeSpan], r, "Absolute value.", "abs(delta)"),
            Fixed("max_of", 1, Variadic, [TypeSet.Orderable], r, "The largest of its arguments, ignoring nulls.", "max_of(toreal(a), toreal(b))") with { Return = ReturnRule.CommonOfAll },
            Fixed("min_of", 1, Variadic, [TypeSet.Orderable], r, "The smallest of its arguments, ignoring nulls.", "min_of(toreal(a), toreal(b))") with { Return = ReturnRule.CommonOfAll },
            Fixed("round", 1, 2, [TypeSet.Numeric, TypeSet.Long], r, "Rounds to the given number of decimals (default 0).", "round(avg_bytes, 2)"),

            // IP addresses
            Fixed("ipv4_is_in_range", 2, 2, [TypeSet.String, TypeSet.String], b, "True when the IPv4 address is in the CIDR range (or equals the address).", "ipv4_is_in_range(sourceIPAddress, \"10.0.0.0/8\")"),
            Fixed("ipv4_is_private", 1, 1, [TypeSet.String], b, "True for RFC 1918 addresses.", "ipv4_is_private(sourceIPAddress)"),
            Fixed("geo_info_from_ip_address", 1, 1, [TypeSet.String], d, "The place of an IPv4 or IPv6 address in the target's geo-IP database: an object with country, state, city (strings), latitude and longitude (reals); null when the address is not found, private, invalid or null.", "geo_info_from_ip_address(sourceIPAddress).country") with { Members = GeoMembers },

            // Arrays and objects
            Fixed("array_length", 1, 1, [TypeSet.Dynamic], l, "Number of elements of an array; null for anything else.", "array_length(resources) > 1"),
            Fixed("set_has_element", 2, 2, [TypeSet.Dynamic, TypeSet.Any], b, "True when the array holds the value (equality as ==).", "set_has_element(eventCategories, \"Management\")"),
            Fixed("pack_array", 1, Variadic, [TypeSet.Any], d, "An array of its arguments.", "pack_array(awsRegion, eventName)"),
            Fixed("bag_pack", 2, Variadic, [TypeSet.String, TypeSet.Any], d, "An object from key/value pairs.", "bag_pack(\"user\", user, \"ip\", sourceIPAddress)") with { RepeatFrom = 0 },
            Fixed("pack", 2, Variadic, [TypeSet.String, TypeSet.Any], d, "Alias of bag_pack.", "pack(\"user\", user)") with { RepeatFrom = 0, AliasOf = "bag_pack" },

            // Aggregates (summarize only)
            Aggregate("count", 0, 0, [], ReturnRule.Fixed, l, "Number of rows.", "summarize count() by eventName"),
            Aggregate("countif", 1, 1, [TypeSet.Bool], ReturnRule.Fixed, l, "Number of rows where the predicate holds.", "summarize failures = countif(isnotempty(errorCode)) by user"),
            Aggregate("dcount", 1, 2, [TypeSet.Any, TypeSet.Long], ReturnRule.Fixed, l, "Number of distinct non-empty values (exact in the C# backend; KQL estimates).", "summarize regions = dcount(awsRegion) by user"),
            Aggregate("min", 1, 1, [TypeSet.Orderable], ReturnRule.FirstArgument, ScalarType.Unknown, "Smallest non-empty value.", "summarize firstTime = min(_time)"),
            Aggregate("max", 1, 1, [TypeSet.Orderable], ReturnRule.FirstArgument, ScalarType.Unknown, "Largest non-empty value.", "summarize lastTime = max(_time)"),
            Aggregate("sum", 1, 1, [TypeSet.Numeric | TypeSet.TimeSpan], ReturnRule.FirstArgument, ScalarType.Unknown, "Sum of non-null values; 0 when there are none.", "summarize bytes = sum(additionalEventData.bytesTransferredOut)"),
            Aggregate("sumif", 2, 2, [TypeSet.Numeric | TypeSet.TimeSpan, TypeSet.Bool], ReturnRule.FirstArgument, ScalarType.Unknown, "Sum of the values of rows where the predicate holds.", "summarize denied = sumif(1, errorCode == \"AccessDenied\")"),
            Aggregate("avg", 1, 1, [TypeSet.Numeric], ReturnRule.Fixed, r, "Mean of non-null values.", "summarize avg(toreal(responseElements.size))"),
            Aggregate("stdev", 1, 1, [TypeSet.Numeric], ReturnRule.Fixed, r, "Sample standard deviation of non-null values.", "summarize sd = stdev(count_)"),
            Aggregate("variance", 1, 1, [TypeSet.Numeric], ReturnRule.Fixed, r, "Sample variance of non-null values.", "summarize v = variance(count_)"),
            Aggregate("make_set", 1, 2, [TypeSet.Any, TypeSet.Long], ReturnRule.Fixed, d, "Array of the distinct non-empty values, in no specified order (optional size limit).", "summarize eventNames = make_set(eventName) by user"),
            Aggregate("make_list", 1, 2, [TypeSet.Any, TypeSet.Long], ReturnRule.Fixed, d, "Array of the non-empty values, in no specified order (optional size limit).", "summarize ips = make_list(sourceIPAddress) by user"),
            Aggregate("take_any", 1, 1, [TypeSet.Any], ReturnRule.FirstArgument, ScalarType.Unknown, "Some non-empty value of the group (which one is unspecified).", "summarize take_any(userAgent) by user"),
            Aggregate("arg_min", 1, Variadic, [TypeSet.Orderable, TypeSet.Any], ReturnRule.FirstArgument, ScalarType.Unknown, "The row with the smallest first argument: that value and the listed columns (* for all).", "summarize arg_min(_time, *) by user") with { ReturnsRow = true, RepeatFrom = 1 },
            Aggregate("arg_max", 1, Variadic, [TypeSet.Orderable, TypeSet.Any], ReturnRule.FirstArgument, ScalarType.Unknown, "The row with the largest first argument: that value and the listed columns (* for all).", "summarize arg_max(_time, eventName, sourceIPAddress) by user") with { ReturnsRow = true, RepeatFrom = 1 },
        };
        return [.. list];
    }

    private static FunctionSignature Fixed(string name, int min, int max, TypeSet[] parameters, ScalarType returns, string description, string example) =>
        new(name, FunctionKind.Scalar, min, max, [.. parameters], ReturnRule.Fixed, returns, description, example)
        {
            RepeatFrom = Math.Max(0, parameters.Length - 1),
        };

    private static FunctionSignature Aggregate(string name, int min, int max, TypeSet[] parameters, ReturnRule rule, ScalarType returns, string description, string example) =>
        new(name, FunctionKind.Aggregate, min, max, [.. parameters], rule, returns, description, example)
        {
            RepeatFrom = Math.Max(0, parameters.Length - 1),
        };
}
