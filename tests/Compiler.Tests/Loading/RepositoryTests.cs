using RuleCompiler.Compiler.Loading;
using RuleCompiler.Compiler.Model;
using RuleCompiler.Compiler.Yaml;

namespace RuleCompiler.Compiler.Tests.Loading;

public class RepositoryTests
{
    private static readonly RepositoryLoadResult Valid = RuleRepository.Load(TestPaths.ValidRules);

    [Fact]
    public void The_valid_fixture_repository_has_no_diagnostics()
    {
        Assert.Equal([], Valid.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(new FileCounts(5, 2, 1, 1), Valid.Counts);
        Assert.Equal(5, Valid.Rules.Length);
    }

    [Fact]
    public void The_model_carries_every_section_with_its_place()
    {
        var rule = Valid.Rules.Single(r => r.Name.Value == "AWS ECR Container Scanning Findings Medium");
        Assert.Equal("0b80e2c8-c746-4ddb-89eb-9efd892220cf", rule.Id.Value);
        Assert.Equal((2, 5), (rule.Id.Span.Line, rule.Id.Span.Column));
        Assert.Equal(4, rule.Version.Integer);
        Assert.Equal("1.0.4", rule.Version.Dotted);
        Assert.Equal(new DateOnly(2023, 11, 9), rule.Date);
        Assert.Equal(RuleType.Anomaly, rule.Type);
        Assert.Equal((15, 9), (rule.Search.Span.Line, rule.Search.Span.Column));
        Assert.StartsWith("where eventSource == \"ecr.amazonaws.com\"", rule.Search.Text);
        Assert.True(rule.Search.Map.IsExact);
        Assert.Equal((17, 3), rule.Search.Map.GetPosition(rule.Search.Text.IndexOf('\n', StringComparison.Ordinal) + 1));
        Assert.Equal("T1204.003", rule.Attack.Single().Value);
        Assert.Equal(["DE.AE"], rule.Tags.Nist.AsEnumerable());
        Assert.Equal(21, rule.Risk!.Score);
        Assert.Equal(Severity.Low, rule.EffectiveSeverity);
        var entity = rule.Entities.Single();
        Assert.Equal(("Name", "user"), (entity.Identifiers[0].Identifier.Value, entity.Identifiers[0].Column.Value));
        Assert.Equal(EntityRole.RiskObject, entity.Role);
        Assert.Equal("user", entity.RiskField!.Value);
        Assert.Equal(TimeSpan.FromHours(1), rule.Schedule.Frequency.Value);
        Assert.Equal("$info_min_time$", rule.Drilldowns.Single().EarliestOffset);
        var test = rule.Tests.Single();
        Assert.Equal("tests/medium_finding.json", test.Events.File!.Value);
        Assert.True(File.Exists(test.Events.ResolvedPath));
        Assert.Equal(1, test.Expect.Count);
        Assert.Equal("repository", test.Expect.Rows.Single().Cells.Single().Column);
    }

    [Fact]
    public void Sentinel_style_rule_keeps_alert_schedule_and_dotted_version()
    {
        var rule = Valid.Rules.Single(r => r.Name.Value.StartsWith("AWSCloudTrail", StringComparison.Ordinal));
        Assert.Null(rule.Version.Integer);
        Assert.Equal("1.0.2", rule.Version.Dotted);
        Assert.Equal(Severity.Medium, rule.Severity);
        Assert.Equal(3, rule.Entities[0].Identifiers.Length);
        Assert.Equal(["RecipientAccountId", "EventName"], rule.Alert!.CustomDetails.Select(d => d.Name.Value));
        Assert.Equal(TimeSpan.FromDays(1), rule.Schedule.Lookback.Value);
        Assert.Equal(new ScheduleTrigger(TriggerOperator.GreaterThan, 0), rule.Schedule.Trigger);
    }

    [Fact]
    public void Inline_test_events_convert_to_json()
    {
        var rule = Valid.Rules.Single(r => r.Name.Value == "AWS ECR Container Scanning Findings High");
        var json = rule.Tests[0].Events.Inline.Single().Json!.ToJsonString();
        Assert.Equal("""{"eventSource":"ecr.amazonaws.com","eventName":"PutImage","eventTime":"2024-05-25T21:14:00Z"}""", json);
    }

    [Fact]
    public void Support_files_load_into_their_models()
    {
        var cloudtrail = Valid.DataSources.Single(d => d.Name == "aws_cloudtrail");
        Assert.Equal("AWSCloudTrail", cloudtrail.Sentinel.Table);
        Assert.Equal("src_ip", cloudtrail.FindField("sourceIPAddress")!.SplunkField);
        Assert.True(cloudtrail.FindField("resources")!.Multivalued);
        Assert.Equal(EventFormat.Ocsf, Valid.DataSources.Single(d => d.Name == "asl_aws_cloudtrail").EventFormat);
        Assert.False(Valid.Lists.Single().CaseSensitive);
        var fragment = Valid.Fragments.Single();
        Assert.StartsWith("extend AccountName", fragment.Stages.Text);
        Assert.True(fragment.Stages.Map.IsExact);
    }

    [Fact]
    public void A_single_rule_is_checked_against_its_repository_data_sources()
    {
        var file = Path.Combine(TestPaths.ValidRules, "aws", "ecr", "aws_ecr_container_scanning_findings_high.yml");
        var result = RuleRepository.Load(file);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(new FileCounts(1, 0, 0, 0), result.Counts);
        Assert.Equal(2, result.DataSources.Length);
    }
}
