using RuleCompiler.Compiler.Loading;
using RuleCompiler.Compiler.Model;
using RuleCompiler.Compiler.Semantics;

namespace RuleCompiler.Compiler.Tests.Loading;

/// <summary>The alert keys beyond title and description, and <c>incident</c>, read from YAML into the model and checked against the output columns.</summary>
public class AlertAndIncidentKeysTests
{
    private const string RuleFile = "rules/aws/ecr/awscloudtrail_amazon_ecr_image_scanning_disabled.yml";

    private static (RepositoryLoadResult Result, Rule Rule) Load(TempRepository repository)
    {
        repository.Edit(RuleFile, "    EventName: eventName\n", """
                EventName: eventName
              severity_column: eventName
              tactics_column: AccountName
              per_result: true
              sentinel:
                dynamic_properties:
                  ProductName: recipientAccountId
            incident:
              create: true
              grouping:
                lookback: 2h
                reopen_closed: true
                match: selected
                by_entities: [IP]
                by_alert_details: [title, severity]
                by_custom_details: [EventName]

            """);
        var result = RuleRepository.Load(repository.Root);
        return (result, result.Rules.Single(r => r.Path.EndsWith("image_scanning_disabled.yml", StringComparison.Ordinal)));
    }

    [Fact]
    public void Every_key_is_read_with_its_place()
    {
        using var repository = TempRepository.CopyOfValid();
        var (result, rule) = Load(repository);
        Assert.Equal([], result.Diagnostics.Select(d => d.ToString()));
        var alert = rule.Alert!;
        Assert.Equal("eventName", alert.SeverityColumn!.Value);
        Assert.Equal("AccountName", alert.TacticsColumn!.Value);
        Assert.True(alert.PerResult!.Value);
        Assert.Equal(("ProductName", "recipientAccountId"), (alert.SentinelDynamicProperties.Single().Property.Value, alert.SentinelDynamicProperties.Single().Column.Value));
        var grouping = rule.Incident!.Grouping!;
        Assert.True(rule.Incident.Create);
        Assert.Equal(TimeSpan.FromHours(2), grouping.Lookback.Value);
        Assert.True(grouping.ReopenClosed);
        Assert.Equal(GroupingMatch.Selected, grouping.Match.Value);
        Assert.Equal(["IP"], grouping.ByEntities.Select(e => e.Value));
        Assert.Equal([GroupedAlertDetail.Title, GroupedAlertDetail.Severity], grouping.ByAlertDetails.Select(d => d.Value));
        Assert.Equal(["EventName"], grouping.ByCustomDetails.Select(d => d.Value));
        Assert.Equal(repository.LineOf(RuleFile, "by_custom_details"), grouping.ByCustomDetails[0].Span.Line);
    }

    [Fact]
    public void The_severity_tactics_and_property_columns_must_be_output_columns()
    {
        using var repository = TempRepository.CopyOfValid();
        var (_, rule) = Load(repository);
        var found = OutputColumnChecks.Check(rule, new HashSet<string> { "_time", "sourceIPAddress", "AccountName", "AccountUPNSuffix", "recipientAccountId" })
            .Select(d => $"{d.Code} {d.Span.Line} {d.Message}").ToList();
        Assert.Contains($"RC1313 {repository.LineOf(RuleFile, "severity_column")} the alert severity column names column 'eventName', which the search does not output", found);
        Assert.DoesNotContain(found, f => f.Contains("tactics", StringComparison.Ordinal));
        Assert.Contains(OutputColumnChecks.Check(rule, new HashSet<string> { "_time", "eventName", "sourceIPAddress", "AccountName", "AccountUPNSuffix" }),
            d => d.Message.StartsWith("the Sentinel alert property 'ProductName' names column 'recipientAccountId'", StringComparison.Ordinal));
    }
}
