using RuleCompiler.Importers.Escu;
using Xunit;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary>
/// SPL's stats and dedup leave out an event that lacks a by-field, where the canonical summarize groups it under the
/// empty key: the importer writes a where before, except for keys a fillnull filled, the event time, expanded member
/// lists and the add-on's errorCode; and the C# run of the translation leaves such an event out, as Splunk does.
/// </summary>
public class EscuStatsKeyGuardTests
{
    private static string Event(string id, string? errorMessage) =>
        "{\"eventTime\": \"2024-01-02T03:04:05Z\", \"eventID\": \"" + id + "\", \"eventName\": \"DeletePolicy\""
        + (errorMessage is null ? "" : ", \"errorMessage\": \"" + errorMessage + "\"") + "}";

    [Fact]
    public void A_stats_by_a_field_some_events_lack_leaves_those_events_out()
    {
        Assert.Equal(
            "where isnotempty(errorMessage) and isnotempty(sourceIPAddress)\n| summarize count = count()\n    by errorMessage, src = sourceIPAddress\n",
            EscuAddOnFieldsTests.Canonical("`cloudtrail` | stats count by errorMessage src"));
        Assert.Equal(
            ["errorMessage=denied, count=1"],
            EscuAddOnFieldsTests.Run("`cloudtrail` | stats count by errorMessage", Event("a", "denied"), Event("b", null)));
    }

    [Theory]
    // A bare fillnull fills every key: SPL counts the event under the fill value.
    [InlineData("`cloudtrail` | fillnull | stats count by errorMessage", "fill-null \"0\" in errorMessage\n| summarize count = count()\n    by errorMessage\n")]
    // A fillnull that names the key, and only that key, needs no test for it.
    [InlineData("`cloudtrail` | fillnull value=\"\" errorMessage | stats count by errorMessage, eventID",
        "fill-null \"\" in errorMessage\n| where isnotempty(eventID)\n| summarize count = count()\n    by errorMessage, eventID\n")]
    // An eval after the fill can make the key empty again.
    [InlineData("`cloudtrail` | fillnull value=x errorMessage | eval errorMessage=awsRegion | stats count by errorMessage",
        "fill-null \"x\" in errorMessage\n| extend errorMessage = awsRegion\n| where isnotempty(errorMessage)\n| summarize count = count()\n    by errorMessage\n")]
    // The event time is always there; the add-on's errorCode is never empty.
    [InlineData("`cloudtrail` | stats count by _time, errorCode",
        "summarize count = count()\n    by _time, errorCode = coalesce(errorCode, iif(tostring(responseElements.ConsoleLogin) == \"Failure\", \"failure\", \"success\"))\n")]
    // mv-expand of a member list has already dropped the events without a value.
    [InlineData("`cloudtrail` | stats count by resources{}.ARN", "mv-expand [\"resources{}.ARN\"] = resources[*].ARN\n| summarize count = count()\n    by [\"resources{}\"].ARN\n")]
    public void Keys_SPL_keeps_anyway_get_no_test_and_a_key_written_after_its_fill_does(string spl, string expected) =>
        Assert.Equal(expected, EscuAddOnFieldsTests.Canonical(spl));

    [Fact]
    public void Dedup_leaves_out_an_event_without_a_key_as_its_default_keepempty_false_does()
    {
        var search = EscuAddOnFieldsTests.Canonical("`cloudtrail` | dedup errorMessage");
        Assert.Equal("where isnotempty(errorMessage)\n| summarize arg_max(_time, *) by errorMessage\n", search);
        var note = SplQueryTranslator.Translate("`cloudtrail` | dedup errorMessage", EscuScratch.Context).Notes
            .Single(n => n.Message.StartsWith("SPL's dedup leaves out", StringComparison.Ordinal));
        Assert.Equal(16, note.Span.Column);
    }
}
