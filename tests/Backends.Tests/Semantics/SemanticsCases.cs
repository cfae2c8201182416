namespace RuleCompiler.Backends.Tests.Semantics;

/// <summary>
/// One or more runnable cases per row of docs/semantics.md (the construct is the row's key), plus one case per item
/// of issue 8's "What was found" (key "found: ..."). Each case is a query, its events and the expected rows, written
/// as "col=value, col=value" per row; rows compare as a set unless the query ends in a sort.
/// </summary>
internal static class SemanticsCases
{
    public sealed record Case(string Construct, string Query, string[] Events, string[] Expected);

    /// <summary>The event the expression cases read.</summary>
    public const string Event =
        """{"eventTime":"2024-05-25T21:14:00Z","s":"Hello World","n":7,"r":2.5,"b":true,"empty":"","arr":["a","b"],"ip":"10.1.2.3","arn":"arn:aws:iam::123456789012:root","nl":"denied\n","resources":[{"ARN":"arn:1"},{"ARN":"arn:2"}]}""";

    private static readonly string[] Groups =
    [
        """{"eventTime":"2024-01-01T00:00:00Z","u":"a","v":1}""",
        """{"eventTime":"2024-01-03T00:00:00Z","u":"","v":3}""",
        """{"eventTime":"2024-01-02T00:00:00Z","v":2}""",
    ];

    /// <summary><c>extend r = expression</c> on <see cref="Event"/>; the expected text of r.</summary>
    private static Case X(string construct, string expression, string expected) =>
        new(construct, $"extend r = {expression} | project r", [Event], [$"r={expected}"]);

    /// <summary><c>summarize r = aggregate</c> over <see cref="Groups"/>.</summary>
    private static Case A(string construct, string aggregate, string expected, string before = "") =>
        new(construct, $"{before}summarize r = {aggregate}", Groups, [$"r={expected}"]);

    private static Case Q(string construct, string query, string[] events, params string[] expected) => new(construct, query, events, expected);

    public static readonly Case[] All =
    [
        // Operators
        X("==", """s == "Hello World" and missing == "" and n == 7.0""", "true"),
        X("!=", """s != "hello world" """, "true"),
        X("=~", """s =~ "HELLO WORLD" """, "true"),
        X("!~", """s !~ "HELLO WORLD" """, "false"),
        X("<", "n < 8 and not(missing < 8)", "true"),
        X("<=", "n <= 7", "true"),
        X(">", "r > 2", "true"),
        X(">=", "n >= 7.0", "true"),
        X("between", "n between (1 .. 7) and not(missing between (1 .. 7))", "true"),
        X("!between", "missing !between (1 .. 7) and n !between (8 .. 9)", "true"),
        X("contains", """s contains "WORLD" and missing contains "" """, "true"),
        X("!contains", """missing !contains "x" """, "true"),
        X("contains_cs", """s contains_cs "WORLD" """, "false"),
        X("!contains_cs", """s !contains_cs "WORLD" """, "true"),
        X("startswith", """s startswith "hello" """, "true"),
        X("!startswith", """s !startswith "hello" """, "false"),
        X("startswith_cs", """s startswith_cs "hello" """, "false"),
        X("!startswith_cs", """s !startswith_cs "hello" """, "true"),
        X("endswith", """s endswith "WORLD" """, "true"),
        X("!endswith", """s !endswith "WORLD" """, "false"),
        X("endswith_cs", """s endswith_cs "World" """, "true"),
        X("!endswith_cs", """s !endswith_cs "World" """, "false"),
        X("has", """s has "hello" and not(s has "hell")""", "true"),
        X("!has", """s !has "hell" """, "true"),
        X("has_cs", """s has_cs "hello" """, "false"),
        X("!has_cs", """s !has_cs "hello" """, "true"),
        X("matches regex", """s matches regex @"^Hello\sW" and not(s matches regex "^hello")""", "true"),
        X("in", """s in ("a", "Hello World") and missing in ("a", "")""", "true"),
        X("in~", """s in~ ("hello world")""", "true"),
        X("!in", """s !in ("a")""", "true"),
        X("!in~", """s !in~ ("HELLO WORLD")""", "false"),
        X("has_any", """s has_any ("nope", "WORLD") and not(s has_any ("hell", "orld")) and not(missing has_any ("a"))""", "true"),
        X("has_all", """s has_all ("hello", "world") and not(s has_all ("hello", "wor")) and arn has_all (":root", "iam")""", "true"),
        X("and", "b and missing", "false"),
        X("or", "missing or b", "true"),
        X("not", "not(b)", "false"),
        X("+", """strcat(n + 1, "|", _time + 1h)""", "8|2024-05-25T22:14:00Z"),
        X("-", "strcat(n - 10, \"|\", datetime(2024-01-02) - datetime(2024-01-01))", "-3|1.00:00:00"),
        X("*", """strcat(n * 2, "|", 1h * 2)""", "14|02:00:00"),
        X("/", """strcat(n / 2, "|", -7 / 2, "|", isnull(n / 0))""", "3|-3|true"),
        X("%", """strcat(-7 % 3, "|", 7 % -3, "|", 7 % 3, "|", isnull(7 % 0))""", "2|1|1|true"),
        X("-x", "-n", "-7"),

        // Scalar functions
        X("strcat", """strcat("a", missing, n)""", "a7"),
        X("strcat_delim", """strcat_delim("/", "a", missing, "b")""", "a//b"),
        X("tolower", "tolower(s)", "hello world"),
        X("toupper", "toupper(s)", "HELLO WORLD"),
        X("strlen", """strcat(strlen(s), "|", strlen(missing))""", "11|0"),
        X("substring", """strcat(substring("abcdef", 1, 2), "|", substring("abcdef", 4))""", "bc|ef"),
        X("replace_string", """replace_string(s, "o", "0")""", "Hell0 W0rld"),
        X("replace_regex", """replace_regex(s, @"(\w+) (\w+)", @"\2 \1")""", "World Hello"),
        X("trim", """trim(@"\s", "  x y  ")""", "x y"),
        X("indexof", """strcat(indexof(s, "o"), "|", indexof(s, "z"))""", "4|-1"),
        X("indexof_regex", """indexof_regex(s, "W.r")""", "6"),
        X("extract", """strcat(extract(@"(\w+) (\w+)", 2, s), "|", extract("z(.)", 1, s))""", "World|"),
        X("split", """split("a/b/c", "/")""", """["a","b","c"]"""),
        X("strcat_array", """strcat_array(arr, ",")""", "a,b"),
        X("tostring", """strcat(tostring(missing), "|", tostring(r), "|", tostring(arr))""", """|2.5|["a","b"]"""),
        X("base64_decode_tostring", """base64_decode_tostring("aGk=")""", "hi"),
        X("url_decode", """url_decode("a%20b")""", "a b"),
        X("isempty", "isempty(missing) and isempty(empty) and not(isempty(s))", "true"),
        X("isnotempty", "isnotempty(s) and not(isnotempty(empty))", "true"),
        X("isnull", "isnull(missing) and isnull(empty) and not(isnull(n))", "true"),
        X("isnotnull", "isnotnull(n) and not(isnotnull(empty))", "true"),
        X("coalesce", """coalesce(missing, empty, "x")""", "x"),
        X("iif", """iif(missing, "a", "b")""", "b"),
        X("iff", """iff(n > 1, "a", "b")""", "a"),
        X("case", """case(n > 10, "big", n > 5, "mid", "small")""", "mid"),
        X("toint", """toint("12")""", "12"),
        X("tolong", """strcat(tolong("1.9"), "|", tolong(-1.9), "|", isnull(tolong("x")))""", "1|-1|true"),
        X("toreal", """toreal("2.5")""", "2.5"),
        X("todouble", "todouble(n)", "7"),
        X("getmonth", "getmonth(todatetime(\"2024-05-25T21:14:00Z\"))", "5"),
        X("getyear", "getyear(todatetime(\"2024-05-25T21:14:00Z\"))", "2024"),
        X("max_of", "max_of(1, n, 3)", "7"),
        X("min_of", "min_of(9, n, 3)", "3"),
        X("not", "not(n > 8)", "true"),
        X("tobool", """strcat(tobool("TRUE"), "|", tobool(0), "|", tobool(0.5), "|", isnull(tobool("yes")))""", "true|false|true|true"),
        X("toboolean", """toboolean("false")""", "false"),
        X("todatetime", """todatetime("2024-05-25T21:14:00.5+02:00")""", "2024-05-25T19:14:00.5Z"),
        X("totimespan", """totimespan("01:00:00")""", "01:00:00"),
        X("parse_json", """parse_json('{"a":1}').a""", "1"),
        X("todynamic", """todynamic("[1,2]")[1]""", "2"),
        X("now", "now()", "2024-06-01T00:00:00Z"),
        X("ago", "ago(1d)", "2024-05-31T00:00:00Z"),
        X("bin", "bin(_time, 1h)", "2024-05-25T21:00:00Z"),
        X("floor", "floor(n, 5)", "5"),
        X("hourofday", "hourofday(_time)", "21"),
        X("dayofweek", "dayofweek(_time)", "6.00:00:00"),
        X("dayofmonth", "dayofmonth(_time)", "25"),
        X("startofday", "startofday(_time)", "2024-05-25T00:00:00Z"),
        X("format_datetime", """format_datetime(_time, "yyyy-MM-dd HH:mm")""", "2024-05-25 21:14"),
        X("datetime_diff", """datetime_diff("day", datetime(2024-01-02T00:00:01Z), datetime(2024-01-01T23:59:59Z))""", "1"),
        X("abs", """strcat(abs(-3), "|", abs(-1h))""", "3|01:00:00"),
        X("round", """strcat(round(2.5), "|", round(-2.5), "|", round(1.25, 1))""", "3|-3|1.3"),
        X("ipv4_is_in_range", """ipv4_is_in_range(ip, "10.0.0.0/8") and not(ipv4_is_in_range("x", "10.0.0.0/8"))""", "true"),
        X("ipv4_is_private", """ipv4_is_private("172.20.0.1") and not(ipv4_is_private("8.8.8.8"))""", "true"),
        // A private address, text that is no address and null have no place, with a geo-IP database or without (Geo/ tests the lookups).
        X("geo_info_from_ip_address", """isempty(geo_info_from_ip_address("10.0.0.1").country) and isnull(geo_info_from_ip_address("no address")) and isempty(geo_info_from_ip_address(missing).city)""", "true"),
        X("array_length", """strcat(array_length(arr), "|", isnull(array_length(s)))""", "2|true"),
        X("set_has_element", """set_has_element(arr, "b")""", "true"),
        X("pack_array", """pack_array(n, "x")""", """[7,"x"]"""),
        X("bag_pack", """bag_pack("k", n)""", """{"k":7}"""),
        X("pack", """pack("k", n, "k", 8)""", """{"k":8}"""),

        // Aggregates
        A("count", "count()", "3"),
        A("countif", "countif(v > 1)", "2"),
        A("dcount", "dcount(u)", "1"),
        A("min", "min(v)", "1"),
        A("max", "max(v)", "3"),
        A("sum", "sum(v)", "6"),
        A("sumif", "sumif(v, v > 1)", "5"),
        A("avg", "avg(v)", "2"),
        A("stdev", "stdev(v)", "1"),
        A("variance", "variance(v)", "1"),
        A("make_set", "make_set(u)", """["a"]"""),
        A("make_list", "make_list(v)", "[1]", """where u == "a" | """),
        A("take_any", "take_any(v)", "1", """where u == "a" | """),
        Q("arg_min", "summarize arg_min(v, u)", Groups, "v=1, u=a"),
        Q("arg_max", "summarize arg_max(_time, v)", Groups, "_time=2024-01-03T00:00:00Z, v=3"),

        // Stages
        Q("where", "where v > 1 | project v", Groups, "v=3", "v=2"),
        Q("extend", "extend a = v * 2, b = a + 1 | project b", Groups, "b=3", "b=7", "b=5"),
        Q("project", "project u, w = v", [Groups[0]], "u=a, w=1"),
        Q("project-away", "project u, v | project-away u", [Groups[0]], "v=1"),
        Q("project-rename", "project v | project-rename x = v", [Groups[0]], "x=1"),
        Q(
            "mv-expand",
            "mv-expand e = arr | project e",
            ["""{"arr":["a","b"]}""", """{"arr":null}""", """{"arr":[]}""", """{"arr":{"k":1}}""", "{}"],
            "e=a", "e=b", """e={"k":1}"""),
        Q("summarize", "summarize c = count() by u", Groups, "u=a, c=1", "u=, c=2"),
        Q("distinct", "distinct u", Groups, "u=a", "u="),
        Q("sort", "project u, v | sort by u asc, v desc", Groups, "u=, v=3", "u=, v=2", "u=a, v=1"),
        Q("take", "project v | sort by v desc | take 2", Groups, "v=3", "v=2"),
        Q("fill-null", """project u | fill-null "none" in u""", Groups, "u=a", "u=none", "u=none"),
        Q(
            "join",
            """where x == "L" | project k, x | join kind=inner (where x == "R" | project k, y = x) on k""",
            ["""{"x":"L","k":"a"}""", """{"x":"R","k":"a"}""", """{"x":"L","k":""}""", """{"x":"R"}""", """{"x":"L","k":"b"}"""],
            "k=a, x=L, k1=a, y=R", "k=, x=L, k1=, y=R"),
        Q("union", """where u == "a" | project v | union (where v == 2 | project v)""", Groups, "v=1", "v=2"),
        Q("invoke", "invoke add_one() | project one", [Groups[0]], "one=1"),

        // Issue 8, "What was found"
        X("found: member below an array is null", "isnull(resources.ARN) and resources[1].ARN == \"arn:2\"", "true"),
        X("found: string against number, == and > agree", """strcat(parse_json('"10"') > 9, parse_json('"10"') == 10, parse_json('"1e3"') > 999, parse_json('"1e3"') == 1000)""", "truetruetruetrue"),
        Q("found: min and max do not depend on input order", "summarize lo = min(v), hi = max(v)", ["""{"v":9}""", """{"v":"10"}""", """{"v":"x"}"""], "lo=10, hi=9"),
        Q("found: min and max do not depend on input order (reversed)", "summarize lo = min(v), hi = max(v)", ["""{"v":"x"}""", """{"v":"10"}""", """{"v":9}"""], "lo=10, hi=9"),
        X("found: x in (a, x) with x null is x == x", """missing in ("a", missing)""", "true"),
        X("found: real divided by zero is null", "isnull(r / 0) and isnull(r / 0.0)", "true"),
        Q("found: nine fraction digits give a time", "project _time", ["""{"eventTime":"2024-05-25T21:14:00.123456789Z"}"""], "_time=2024-05-25T21:14:00.1234567Z"),
        X("found: offset and any fraction length parse", """todatetime("2024-05-25T21:14:00.12+02:00")""", "2024-05-25T19:14:00.12Z"),
        Q(
            "found: join keys 1 and \"1\" do not match; null and \"\" do",
            """where x == "L" | project k | join kind=leftanti (where x == "R" | project k) on k""",
            ["""{"x":"L","k":1}""", """{"x":"R","k":"1"}"""],
            "k=1"),
        X("found: datetime + timespan overflow is null", "isnull(datetime(9999-12-31T00:00:00Z) + 2d)", "true"),
        X("found: ago overflow is null", "isnull(ago(3650000d))", "true"),
        X("found: timespan * n overflow is null", "isnull(1d * 9223372036854775807)", "true"),
        X("found: bin with a huge size", "bin(_time, 10675199d)", "1970-01-01T00:00:00Z"),
        X("found: datetime_diff near year 1", """strcat(datetime_diff("week", datetime(0001-01-08T00:00:00Z), datetime(0001-01-01T00:00:00Z)), "|", datetime_diff("day", datetime(0001-01-02T00:00:00Z), datetime(0001-01-01T00:00:00Z)))""", "1|1"),
        X("found: not(null) is true", "not(missing)", "true"),
        X("found: -7 % 3 is 2", "-7 % 3", "2"),
        Q("found: sum over no rows is 0", "where v > 100 | summarize r = sum(v)", Groups, "r=0"),
        X("found: $ matches only at the very end", """nl matches regex "denied$" """, "false"),
        X("found: \\d is ASCII", "parse_json('\"\\u0663\"') matches regex @\"\\d\"", "false"),
        X("found: substring with a negative start", """substring("abcdef", -2)""", "ef"),
        Q("found: mv-expand of null or an object", "mv-expand e = arr | project e", ["""{"arr":null}""", """{"arr":{"k":1}}"""], """e={"k":1}"""),
        X("found: has with a needle edged by punctuation", """arn has ":root" and not(arn has "root:")""", "true"),
        X("found: ordering with null is false, !between on null is true", "not(missing < 1) and not(missing >= 1) and missing !between (0 .. 1)", "true"),
        X("found: replace_regex uses \\1", """replace_regex("ab", "(a)(b)", @"\2\1$1")""", "ba$1"),
        X("found: strlen counts code points", "strlen(\"\U0001F600a\")", "2"),
        X("found: a list's case_sensitive flag does not change in", """not("ci-pusher" in @pushers) and "ci-pusher" in~ @pushers and "CI-Pusher" in @pushers""", "true"),
        X("found: case folding is ordinal and culture-invariant", """strcat(tolower("İI"), "|", toupper("ßi"), "|", "STRASSE" =~ "straße")""", "İi|ßI|false"),
        Q("found: null and \"\" are one group", "summarize c = count(), d = dcount(u) by u", Groups, "u=a, c=1, d=1", "u=, c=2, d=0"),
    ];
}
