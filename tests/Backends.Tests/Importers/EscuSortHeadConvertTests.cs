using RuleCompiler.Backends.Tests.Sentinel;
using RuleCompiler.Importers.Escu;
using Xunit;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary>
/// SPL sort, head and convert ctime(): a canonical sort by (with SPL's default limit of 10,000 rows as a take), the take
/// of a head, format_datetime of an event time; run on hand-made CloudTrail events, compiled back to the same SPL, and
/// the forms whose rows or order would differ refused at the construct.
/// </summary>
public class EscuSortHeadConvertTests
{
    private static readonly string[] Events =
    [
        """{"eventTime": "2024-06-01T07:30:01Z", "eventID": "1", "eventName": "CreateUser", "userAgent": "aws-cli/2"}""",
        """{"eventTime": "2024-06-01T07:30:05Z", "eventID": "2", "eventName": "DeleteUser", "userAgent": "aws-cli/2"}""",
        """{"eventTime": "2024-06-01T07:30:02Z", "eventID": "3", "eventName": "CreateUser", "userAgent": "console"}""",
        """{"eventTime": "2024-06-01T07:30:04Z", "eventID": "4", "eventName": "CreateUser", "userAgent": "console"}""",
        """{"eventTime": "2024-06-01T07:30:03Z", "eventID": "5", "eventName": "AttachUserPolicy", "userAgent": "console"}""",
        """{"eventTime": "2024-06-01T07:30:06Z", "eventID": "6", "eventName": "AttachUserPolicy", "userAgent": "boto3"}""",
    ];

    private static SplTranslation Translate(string spl) => EscuSpl.Translate(spl);

    private static string Search(string spl) => EscuSpl.Search(spl);

    private static List<string> Run(string spl) => EscuSpl.Run(spl, Events);

    [Theory]
    [InlineData("| sort - count", "| sort by count desc\n| take 10000\n")]
    [InlineData("| sort -count", "| sort by count desc\n| take 10000\n")]
    [InlineData("| sort 0 count", "| sort by count asc\n")]
    [InlineData("| sort 5 +count", "| sort by count asc\n| take 5\n")]
    [InlineData("| sort limit=5 count desc", "| sort by count desc\n| take 5\n")]
    [InlineData("| sort 0 - count, + firstTime", "| sort by count desc, firstTime asc\n")]
    [InlineData("| sort - auto(count) | head 3", "| sort by count desc\n| take 3\n")]
    [InlineData("| sort 0 -count | head", "| sort by count desc\n| take 10\n")]
    [InlineData("| sort 2 -count | head limit=5", "| sort by count desc\n| take 2\n")]
    public void Sort_by_a_count_or_a_time_is_a_sort_by_with_the_rows_SPL_keeps(string sort, string expected) =>
        Assert.EndsWith(
            "| summarize count = count(), firstTime = min(_time)\n    by eventName\n" + expected,
            Search("`cloudtrail` | stats count min(_time) as firstTime by eventName " + sort));

    [Fact]
    public void Sort_by_text_keeping_every_row_is_written_with_a_note_on_the_order_of_values()
    {
        var result = Translate("`cloudtrail` | stats count by eventName | sort 0 eventName");
        Assert.EndsWith("| sort by eventName asc\n", result.Search, StringComparison.Ordinal);
        var note = Assert.Single(result.Notes, n => n.Message.StartsWith("sort by 'eventName'", StringComparison.Ordinal));
        Assert.Contains("numbers numerically, other text lexically", note.Message, StringComparison.Ordinal);
        Assert.Equal(50, note.Span.Column);
    }

    [Fact]
    public void Head_over_events_keeps_the_newest_ones()
    {
        Assert.Equal("where eventName =~ \"CreateUser\"\n| sort by _time desc\n| take 2\n| project eventID\n", Search("`cloudtrail` eventName=CreateUser | head 2 | table eventID"));
        Assert.Equal(["eventID=4", "eventID=3"], Run("`cloudtrail` eventName=CreateUser | head 2 | table eventID"));
    }

    [Fact]
    public void Sort_then_head_keeps_the_top_rows_in_order() =>
        Assert.Equal(
            ["eventName=CreateUser, count=3", "eventName=AttachUserPolicy, count=2"],
            Run("`cloudtrail` | stats count by eventName | sort - count | head 2"));

    [Fact]
    public void Convert_ctime_formats_an_event_time_as_utc_text()
    {
        const string Spl = "`cloudtrail` | stats min(_time) as firstTime by eventName | convert timeformat=\"%Y-%m-%d %H:%M:%S\" ctime(firstTime) AS first | table eventName first";
        Assert.Contains("| extend first = format_datetime(firstTime, \"yyyy-MM-dd HH:mm:ss\")\n", Search(Spl), StringComparison.Ordinal);
        Assert.Contains("eventName=DeleteUser, first=2024-06-01 07:30:05", Run(Spl));
        Assert.Contains("| extend firstTime = format_datetime(firstTime, \"MM/dd/yyyy HH:mm:ss\")\n",
            Search("`cloudtrail` | stats min(_time) as firstTime by eventName | convert ctime(firstTime)"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("`cloudtrail` | stats count by eventName | sort eventName | head 3", EscuDiagnosticCodes.UnfaithfulOrder, 48, "a limit after sort by 'eventName'")]
    [InlineData("`cloudtrail` | stats count by eventName | sort 100 -eventName", EscuDiagnosticCodes.UnfaithfulOrder, 52, "other rows could be kept")]
    [InlineData("`cloudtrail` | stats count by eventName | sort num(eventName)", EscuDiagnosticCodes.UnfaithfulOrder, 48, "as a number")]
    [InlineData("`cloudtrail` | stats count by eventName | sort - ip(eventName)", EscuDiagnosticCodes.UnfaithfulOrder, 50, "network address")]
    [InlineData("`cloudtrail` | stats count by eventName | head 5", EscuDiagnosticCodes.UnfaithfulOrder, 43, "head without a sort")]
    [InlineData("`cloudtrail` | head count>10", EscuDiagnosticCodes.UnsupportedArgument, 21, "a count only")]
    [InlineData("`cloudtrail` | head 5 keeplast=true", EscuDiagnosticCodes.UnsupportedArgument, 32, "keeplast")]
    [InlineData("`cloudtrail` | sort 0 - requestParameters.items{}.userId", EscuDiagnosticCodes.UnfaithfulOrder, 25, "multivalue field")]
    [InlineData("`cloudtrail` | convert ctime(eventTime)", EscuDiagnosticCodes.UntranslatedTimeFormat, 30, "only an event time")]
    [InlineData("`cloudtrail` | stats min(_time) as t by eventName | convert timeformat=\"%b %d\" ctime(t)", EscuDiagnosticCodes.UntranslatedTimeFormat, 72, "names of days or months")]
    [InlineData("`cloudtrail` | stats min(_time) as t by eventName | convert timeformat=\"%Y-%m-%dT%H:%M\" ctime(t)", EscuDiagnosticCodes.UntranslatedTimeFormat, 72, "other text")]
    [InlineData("`cloudtrail` | stats count by eventName | convert num(count)", EscuDiagnosticCodes.UnsupportedFunction, 51, "convert num()")]
    [InlineData("`cloudtrail` | dedup eventName sortby -_time", EscuDiagnosticCodes.UnsupportedArgument, 32, "dedup with sortby")]
    [InlineData("`cloudtrail` | dedup 2 eventName", EscuDiagnosticCodes.UnsupportedArgument, 22, "a count of events to keep per key")]
    [InlineData("`cloudtrail` | top limit=5 eventName", EscuDiagnosticCodes.UnsupportedCommand, 16, "percentage of all rows")]
    [InlineData("`cloudtrail` | makemv delim=\",\" userAgent", EscuDiagnosticCodes.UnsupportedCommand, 16, "empty values")]
    public void Forms_whose_rows_or_order_would_differ_are_refused_at_the_construct(string spl, string code, int column, string says) =>
        EscuSpl.Refused(spl, code, column, says);

    [AnalyzerFact]
    public void Sort_head_and_convert_bind_run_compile_to_accepted_kql_and_round_trip_through_spl()
    {
        EscuRexTests.Verified("`cloudtrail` | stats count min(_time) as firstTime by eventName | sort - count | head 2");
        EscuRexTests.Verified("`cloudtrail` | stats count min(_time) as firstTime by eventName | sort 0 firstTime | convert ctime(firstTime)");
        EscuRexTests.Verified("`cloudtrail` | stats count by eventName | sort eventName");
        EscuRexTests.Verified("`cloudtrail` eventName=CreateUser | head 5 | table eventName userAgent");
    }
}
