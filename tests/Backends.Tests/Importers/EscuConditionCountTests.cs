using RuleCompiler.Importers.Escu;
using Xunit;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary>
/// <c>stats count(eval(COND))</c>: in SPL's stats a false comparison has no value, so the count is of the events where
/// COND is true (the Search Reference's <c>count(eval(method="GET"))</c>), the canonical <c>countif(COND)</c>; the Splunk
/// backend writes countif back as <c>count(eval(if(COND, 1, null())))</c>, which reads as the same countif.
/// </summary>
public class EscuConditionCountTests
{
    private static string Event(string id, string name, string? error = null) =>
        "{\"eventTime\": \"2024-01-02T03:04:05Z\", \"eventID\": \"" + id + "\", \"eventName\": \"" + name + "\", \"awsRegion\": \"us-east-1\""
        + (error is null ? "" : ", \"errorCode\": \"" + error + "\"") + "}";

    [Fact]
    public void A_count_of_a_condition_counts_the_events_where_it_holds()
    {
        const string Spl = "`cloudtrail` | stats count(eval(eventName=\"PutImage\")) as puts count as total by awsRegion";
        Assert.Contains("| summarize puts = countif(eventName == \"PutImage\"), total = count()", EscuAddOnFieldsTests.Canonical(Spl), StringComparison.Ordinal);
        // A count of every non-null comparison would give puts=3.
        Assert.Equal(["awsRegion=us-east-1, puts=2, total=3"],
            EscuAddOnFieldsTests.Run(Spl, Event("a", "PutImage"), Event("b", "PutImage"), Event("c", "DeleteRepository")));
    }

    [Fact]
    public void The_add_ons_errorCode_counts_failures_only_and_round_trips()
    {
        const string Spl = "`cloudtrail` eventSource=bedrock.amazonaws.com | stats count(eval(errorCode!=\"success\")) as failures count as total by awsRegion";
        Assert.Equal(["awsRegion=us-east-1, failures=1, total=2"],
            EscuAddOnFieldsTests.Run("`cloudtrail` | stats count(eval(errorCode!=\"success\")) as failures count as total by awsRegion",
                Event("ok", "ListFoundationModels"), Event("denied", "ListFoundationModels", "AccessDenied")));
        EscuImporterTests.BindsRunsAndRoundTrips(Spl + " | where failures > 3");
    }

    [Fact]
    public void The_backends_if_with_a_constant_and_null_reads_as_the_condition()
    {
        Assert.Contains("| summarize n = countif(eventName == \"PutImage\")",
            EscuAddOnFieldsTests.Canonical("`cloudtrail` | stats count(eval(if(eventName=\"PutImage\", 1, null()))) as n by awsRegion"), StringComparison.Ordinal);
        // With a computed value, count keeps counting the non-empty values.
        Assert.Contains("countif(isnotempty(iif(eventName == \"PutImage\", eventID, null)))",
            EscuAddOnFieldsTests.Canonical("`cloudtrail` | stats count(eval(if(eventName=\"PutImage\", eventID, null()))) as n by awsRegion"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sum")]
    [InlineData("dc")]
    [InlineData("values")]
    public void Other_aggregates_of_a_condition_are_refused(string function)
    {
        var result = SplQueryTranslator.Translate($"`cloudtrail` | stats {function}(eval(eventName=\"PutImage\")) as n by awsRegion", EscuScratch.Context);
        Assert.Null(result.Search);
        Assert.Contains(result.Diagnostics, d => d.Code == EscuDiagnosticCodes.UnsupportedFunction && d.Message.Contains("true/false eval", StringComparison.Ordinal));
    }

    [Fact]
    public void The_round_trip_reads_guards_and_negations_of_computed_operands_as_the_comparison()
    {
        static IReadOnlyList<string> N(string search) => SearchNormalizer.Normalize(search + "\n");
        const string E = "coalesce(errorCode, iif(r.x == \"F\", \"failure\", \"success\"))";
        Assert.Equal(N($"where not ({E} == \"success\")"), N($"where {E} != \"success\""));
        Assert.Equal(N($"where not ({E} == \"success\")"), N($"where not (isnotempty({E}) and {E} == \"success\")"));
        // An equality with "" does not imply the guard.
        Assert.NotEqual(N($"where {E} == \"\""), N($"where isnotempty({E}) and {E} == \"\""));
    }
}
