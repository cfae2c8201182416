using RuleCompiler.Backends.Tests.Sentinel;
using RuleCompiler.Importers.Escu;
using Xunit;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary>
/// SPL eval functions whose meaning depends on what a value looks like or on the time zone: floor and ceil, the real
/// quotient of /, min and max of numbers, trim/ltrim/rtrim of a character set, strftime of an event time, tonumber in
/// base 10. Their canonical forms run on hand-made CloudTrail events with SPL's results, compile back to SPL that reads
/// as the same canonical search, and the forms that would change meaning are refused with the reason.
/// </summary>
public class EscuEvalFunctionTests
{
    private static readonly string[] Events =
    [
        """{"eventTime": "2024-06-01T07:30:01Z", "eventID": "1", "eventName": "CreateUser", "userAgent": " \taws-cli/2 \t"}""",
        """{"eventTime": "2024-06-01T07:30:02Z", "eventID": "2", "eventName": "CreateUser", "userAgent": "--aws-cli]"}""",
        """{"eventTime": "2024-06-01T07:30:03Z", "eventID": "3", "eventName": "CreateUser", "userAgent": "console"}""",
        """{"eventTime": "2024-06-01T07:30:04Z", "eventID": "4", "eventName": "CreateUser", "userAgent": "console"}""",
        """{"eventTime": "2024-06-01T07:30:05Z", "eventID": "5", "eventName": "CreateUser", "userAgent": "console"}""",
        """{"eventTime": "2024-06-01T07:30:06Z", "eventID": "6", "eventName": "CreateUser", "userAgent": "console"}""",
        """{"eventTime": "2024-06-01T07:30:07Z", "eventID": "7", "eventName": "CreateUser", "userAgent": "console"}""",
    ];

    private const string Counted = "`cloudtrail` | stats count min(_time) as firstTime by eventName ";

    private static SplTranslation Translate(string spl) => EscuSpl.Translate(spl);

    private static string Search(string spl) => EscuSpl.Search(spl);

    private static string Only(string spl) => Assert.Single(Run(spl));

    private static List<string> Run(string spl) => EscuSpl.Run(spl, Events);

    [Theory]
    [InlineData("floor(count/2)*2", "bin(count, 2)", "6")]
    [InlineData("floor(count/2)", "bin(todouble(count) / 2, 1)", "3")]
    [InlineData("ceil(count/2)", "-bin(-(todouble(count) / 2), 1)", "4")]
    [InlineData("ceiling(count)", "-bin(-count, 1)", "7")]
    [InlineData("count/2", "todouble(count) / 2", "3.5")]
    [InlineData("nullif(count, 7)", "iif(count == 7, null, count)", "")]
    [InlineData("nullif(eventName, \"createuser\")", "iif(eventName == \"createuser\", null, eventName)", "CreateUser")]
    [InlineData("max(count, 10)", "max_of(count, 10)", "10")]
    [InlineData("min(count, tonumber(\"3\"), 10)", "min_of(count, todouble(\"3\"), 10)", "3")]
    [InlineData("tonumber(\"12\", 10) + count", "todouble(\"12\") + count", "19")]
    [InlineData("strftime(firstTime, \"%Y-%m-%d %T.%3N\")", "format_datetime(firstTime, \"yyyy-MM-dd HH:mm:ss.fff\")", "2024-06-01 07:30:01.000")]
    public void Numbers_and_event_times_translate_with_SPLs_results(string eval, string canonical, string value)
    {
        var spl = Counted + "| eval r=" + eval + " | table r";
        Assert.Contains($"| extend r = {canonical}\n", Search(spl), StringComparison.Ordinal);
        Assert.Equal("r=" + value, Only(spl));
    }

    [Fact]
    public void Trim_removes_a_set_of_characters_from_one_or_both_ends()
    {
        const string Spl = "`cloudtrail` | eval t=trim(userAgent), l=ltrim(userAgent, \"-\"), r=rtrim(userAgent, \"]\\\\\"), s=trim(userAgent, \" \t-]\") | table eventID t l r s";
        Assert.Contains(
            "extend t = replace_regex(userAgent, \"^[ \\\\t]+|[ \\\\t]+\\\\z\", \"\"), l = replace_regex(userAgent, \"^[\\\\-]+\", \"\"), "
            + "r = replace_regex(userAgent, \"[\\\\]\\\\\\\\]+\\\\z\", \"\"), s = replace_regex(userAgent, \"^[ \\\\t\\\\-\\\\]]+|[ \\\\t\\\\-\\\\]]+\\\\z\", \"\")\n",
            Search(Spl), StringComparison.Ordinal);
        var rows = Run(Spl);
        Assert.Equal("eventID=1, t=aws-cli/2, l= \taws-cli/2 \t, r= \taws-cli/2 \t, s=aws-cli/2", rows[0]);
        Assert.Equal("eventID=2, t=--aws-cli], l=aws-cli], r=--aws-cli, s=aws-cli", rows[1]);
    }

    [Fact]
    public void A_trimmed_set_is_a_character_class_with_its_special_characters_escaped()
    {
        Assert.Equal(@"[a\-\]\\\^\[]", SplEvalTranslator.CharacterClass(@"a-]\^[a"));
        Assert.Equal(@"[\t\n\r]", SplEvalTranslator.CharacterClass("\t\n\r"));
        Assert.Null(SplEvalTranslator.CharacterClass(""));
        Assert.Null(SplEvalTranslator.CharacterClass("\u0001"));
    }

    [Theory]
    [InlineData("%Y-%m-%d %H:%M:%S", "yyyy-MM-dd HH:mm:ss")]
    [InlineData("%F %T", "yyyy-MM-dd HH:mm:ss")]
    [InlineData("%d/%m/%Y", "dd/MM/yyyy")]
    [InlineData("[%H:%M]", "[HH:mm]")]
    [InlineData("%Y%m%d", "yyyyMMdd")]
    [InlineData("%S.%3N", "ss.fff")]
    [InlineData("%b %d", null)]
    [InlineData("%Y-%m-%dT%H", null)]
    [InlineData("%d%d", null)]
    [InlineData("%I:%M %p", null)]
    [InlineData("%H:%M %Z", null)]
    [InlineData("%%", null)]
    [InlineData("", null)]
    public void Strftime_formats_map_to_format_datetime_only_within_its_directives_and_separators(string strftime, string? canonical) =>
        Assert.Equal(canonical, StrftimeFormats.Canonical(strftime));

    [Theory]
    [InlineData("max(eventName, \"a\")", EscuDiagnosticCodes.UnsupportedFunction, "as a number when it looks like one and as text otherwise")]
    [InlineData("min(firstTime, 3)", EscuDiagnosticCodes.UnsupportedFunction, "write tonumber(firstTime)")]
    [InlineData("tonumber(eventName, 16)", EscuDiagnosticCodes.UnsupportedFunction, "in base 16")]
    [InlineData("strftime(eventName, \"%H\")", EscuDiagnosticCodes.UntranslatedTimeFormat, "only an event time")]
    [InlineData("strftime(firstTime, \"%a %H\")", EscuDiagnosticCodes.UntranslatedTimeFormat, "names of days or months")]
    [InlineData("ceil(firstTime)", EscuDiagnosticCodes.UnsupportedFunction, "of an event time")]
    [InlineData("relative_time(eventName, \"-1d\")", EscuDiagnosticCodes.UntranslatedTimeFormat, "only now() or an event time")]
    [InlineData("relative_time(now(), \"-1d@w0\")", EscuDiagnosticCodes.UntranslatedTimeFormat, "no snap to a week")]
    [InlineData("relative_time(now(), \"-1y\")", EscuDiagnosticCodes.UntranslatedTimeFormat, "not translated")]
    [InlineData("trim(eventName, eventName)", EscuDiagnosticCodes.UnsupportedFunction, "not a literal")]
    [InlineData("trim(eventName, \"\")", EscuDiagnosticCodes.UnsupportedFunction, "an empty character set")]
    [InlineData("mvdedup(eventName)", EscuDiagnosticCodes.UnsupportedFunction, "removes repeated values")]
    [InlineData("mvappend(eventName, \"x\")", EscuDiagnosticCodes.UnsupportedFunction, "skips null ones")]
    [InlineData("printf(\"%05d\", count)", EscuDiagnosticCodes.UnsupportedFunction, "C-style formats")]
    [InlineData("relative_time(now(), \"-1mon@mon\")", EscuDiagnosticCodes.UntranslatedTimeFormat, "depends on the calendar")]
    [InlineData("sha256(eventName)", EscuDiagnosticCodes.UnsupportedFunction, "no hash functions")]
    [InlineData("isnum(eventName)", EscuDiagnosticCodes.UnsupportedFunction, "what a value looks like")]
    public void Functions_whose_meaning_would_differ_are_refused_with_the_reason(string eval, string code, string says)
    {
        var spl = Counted + "| eval r=" + eval;
        var result = Translate(spl);
        Assert.Null(result.Search);
        var diagnostic = Assert.Single(result.Diagnostics, d => d.Code == code);
        Assert.Contains(says, diagnostic.Message, StringComparison.Ordinal);
        Assert.InRange(diagnostic.Span.Column, spl.IndexOf("r=", StringComparison.Ordinal) + 3, spl.Length);
    }

    [Theory]
    [InlineData("`cloudtrail` | eval a=strftime(eventTime, \"%H\")", 32)]
    [InlineData("`amazon_security_lake` | eval a=strftime(time/100, \"%H\")", 42)]
    [InlineData("`amazon_security_lake` | eval time=1 | eval a=strftime(time/1000, \"%H\")", 56)]
    public void Strftime_reads_only_the_event_time_in_seconds(string spl, int column)
    {
        var diagnostic = Assert.Single(Translate(spl).Diagnostics, d => d.Code == EscuDiagnosticCodes.UntranslatedTimeFormat);
        Assert.Equal(column, diagnostic.Span.Column);
        Assert.Contains("only an event time", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal("extend a = format_datetime(_time, \"HH:mm\")\n", Search("`cloudtrail` | eval a=strftime(_time, \"%H:%M\")"));
    }

    [Theory]
    [InlineData("relative_time(firstTime, \"-1d@d+30m\")", "bin(firstTime - 86400s, 86400s) + 1800s", "2024-05-31 00:30:00")]
    [InlineData("relative_time(firstTime, \"@h\")", "bin(firstTime, 3600s)", "2024-06-01 07:00:00")]
    [InlineData("relative_time(firstTime, \"+2w\")", "firstTime + 1209600s", "2024-06-15 07:30:01")]
    [InlineData("firstTime - 3600", "firstTime - 3600s", "2024-06-01 06:30:01")]
    [InlineData("floor(firstTime/60)*60", "bin(firstTime, 60s)", "2024-06-01 07:30:00")]
    public void Times_move_by_seconds_and_snap_in_utc(string eval, string canonical, string value)
    {
        var spl = Counted + "| eval t=" + eval + " | eval r=strftime(t, \"%F %T\") | table r";
        Assert.Contains($"| extend t = {canonical}\n", Search(spl), StringComparison.Ordinal);
        Assert.Equal("r=" + value, Only(spl));
    }

    [Fact]
    public void In_is_a_case_sensitive_membership_in_where_and_eval()
    {
        Assert.Equal("where eventName in (\"CreateUser\", \"DeleteUser\") and not (userAgent in (\"console\"))\n| extend m = iif(userAgent in (\"aws-cli/2\", \"x\"), 1, 0)\n",
            Search("`cloudtrail` | where eventName IN (\"CreateUser\", \"DeleteUser\") AND NOT userAgent IN (\"console\") | eval m=if(in(userAgent, \"aws-cli/2\", \"x\"), 1, 0)"));
        Assert.Equal(["eventID=3"], Run("`cloudtrail` | where userAgent IN (\"console\", \"CONSOLE\") AND eventID IN (\"3\", \"9\") | table eventID"));
        EscuSpl.Refused("`cloudtrail` | where eventName IN (userAgent)", EscuDiagnosticCodes.UnsupportedFunction, 36, "literal values only");
    }

    [Fact]
    public void The_difference_of_two_times_is_their_seconds()
    {
        var spl = Counted.Replace("by eventName", "max(_time) as lastTime by eventName", StringComparison.Ordinal) + "| eval d=lastTime - firstTime, m=round((lastTime - firstTime)/60, 2) | where d >= 6 | table d m";
        Assert.Contains("| extend d = (lastTime - firstTime) / 1s, m = round((lastTime - firstTime) / 1s / 60, 2)\n| where d >= 6\n", Search(spl), StringComparison.Ordinal);
        Assert.Equal("d=6, m=0.1", Only(spl));
    }

    [Fact]
    public void Floor_of_the_event_time_over_a_divisor_is_still_only_a_bin()
    {
        Assert.Contains("extend m = bin(_time, 60s)", Search("`cloudtrail` | eval m=floor(_time/60)*60"), StringComparison.Ordinal);
        var result = Translate("`cloudtrail` | eval m=floor(_time/60)+1");
        Assert.Contains(result.Diagnostics, d => d.Code == EscuDiagnosticCodes.UnsupportedFunction && d.Message.Contains("floor(t/N)*N", StringComparison.Ordinal));
    }

    [AnalyzerFact]
    public void The_functions_bind_run_compile_to_accepted_kql_and_round_trip_through_spl()
    {
        EscuRexTests.Verified(Counted + "| eval a=floor(count/10)*10, b=floor(count/3), c=ceil(count/3), d=count/4, e=max(count, 5), f=min(tonumber(\"2\"), count) | table eventName a b c d e f");
        EscuRexTests.Verified("`cloudtrail` | eval t=trim(userAgent), l=ltrim(userAgent, \"-\"), r=rtrim(userAgent, \" ]\") | stats count by t l r");
        EscuRexTests.Verified(Counted + "| eval day=strftime(firstTime, \"%Y-%m-%d\"), hour=strftime(firstTime, \"%H\") | table eventName day hour count");
        EscuRexTests.Verified("`cloudtrail` | where eventName IN (\"CreateUser\", \"DeleteUser\") | eval m=if(in(userAgent, \"console\"), 1, 0) | stats sum(m) as consoles var(m) as v by eventName");
        EscuRexTests.Verified("`cloudtrail` | stats min(_time) as firstTime max(_time) as lastTime by eventName | where lastTime > relative_time(now(), \"-7d@d\") | eval d=lastTime - firstTime, soon=firstTime + 3600, n=nullif(eventName, \"x\") | eval m=round(d/60, 1) | where d < 300");
    }
}
