using RuleCompiler.Importers.Escu;
using Xunit;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary>
/// SPL's <c>regex FIELD="re"</c> keeps the events whose field matches: read as <c>where match(FIELD, "re")</c>, it
/// comes across as <c>matches regex</c>, runs in C# (an event without the field is dropped) and round-trips through
/// the Splunk backend's match(); <c>!=</c> and the raw event text are refused with the reason.
/// </summary>
public class EscuRegexCommandTests
{
    private static string Event(string id, string? agent) =>
        "{\"eventTime\": \"2024-01-02T03:04:05Z\", \"eventID\": \"" + id + "\", \"eventName\": \"ConsoleLogin\""
        + (agent is null ? "" : ", \"userAgent\": \"" + agent + "\"") + "}";

    [Fact]
    public void A_regex_of_a_field_is_a_where_match_that_runs_and_round_trips()
    {
        const string Spl = "`cloudtrail` eventName=ConsoleLogin | regex userAgent=\"^aws-cli/\\d\" | table eventID";
        Assert.Equal("where eventName =~ \"ConsoleLogin\"\n| where userAgent matches regex \"^aws-cli/\\\\d\"\n| project eventID\n", EscuAddOnFieldsTests.Canonical(Spl));
        Assert.Equal(["eventID=cli"], EscuAddOnFieldsTests.Run(Spl, Event("cli", "aws-cli/2.15"), Event("browser", "Mozilla/5.0"), Event("none", null), Event("named", "my aws-cli/2")));
        EscuImporterTests.BindsRunsAndRoundTrips(Spl);
        EscuImporterTests.BindsRunsAndRoundTrips("`cloudtrail` eventName=ConsoleLogin | regex user_arn=\"(?i)admin\" | table _time user_arn");
    }

    [Theory]
    [InlineData("`cloudtrail` | regex userAgent!=\"^aws-cli\"")]
    [InlineData("`cloudtrail` | regex \"aws-cli\"")]
    [InlineData("`cloudtrail` | regex _raw=\"aws-cli\"")]
    public void Not_equal_and_the_raw_text_are_refused(string spl)
    {
        var result = SplQueryTranslator.Translate(spl, EscuScratch.Context);
        Assert.Null(result.Search);
        var refusal = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal(EscuDiagnosticCodes.UnsupportedArgument, refusal.Code);
        Assert.Equal(16, refusal.Span.Column);
    }
}
