using RuleCompiler.Compiler.Loading;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Compiler.Tests.Loading;

/// <summary>
/// A data source names a Sentinel table or says why none holds it (<c>sentinel.unavailable</c>), one of the two; and the
/// event formats of findings in ASFF and of Kubernetes audit events load.
/// </summary>
public class DataSourceSentinelTests
{
    private const string DataSource = "rules/data_sources/aws_cloudtrail.yml";

    private static RepositoryLoadResult LoadWithSentinel(string sentinel, string format = "cloudtrail")
    {
        using var repository = TempRepository.CopyOfValid();
        repository.EditMatch(DataSource, @"(?ms)^sentinel:\n(?:  .*?\n)+(?=fields:)", sentinel);
        repository.EditMatch(DataSource, @"(?m)^event_format: \w+$", "event_format: " + format);
        return RuleRepository.Load(repository.Root);
    }

    [Fact]
    public void A_source_without_a_table_says_why_and_loads_with_its_reason()
    {
        var result = LoadWithSentinel("sentinel:\n  unavailable: no table holds these events\n", "asff");
        Assert.DoesNotContain(result.Diagnostics, d => d.Span.Path.EndsWith("aws_cloudtrail.yml", StringComparison.Ordinal));
        var source = result.DataSources.Single(d => d.Name == "aws_cloudtrail");
        Assert.Equal("", source.Sentinel.Table);
        Assert.Equal("no table holds these events", source.Sentinel.Unavailable);
        Assert.Equal(EventFormat.Asff, source.EventFormat);
        Assert.Equal(EventFormat.K8sAudit, LoadWithSentinel("sentinel:\n  table: AWSEKSLogs\n", "k8s_audit").DataSources.Single(d => d.Name == "aws_cloudtrail").EventFormat);
    }

    [Theory]
    [InlineData("sentinel:\n  connector_id: AWS\n", "RC1202: 'sentinel' needs 'table' or 'unavailable'")]
    [InlineData("sentinel:\n  table: AWSCloudTrail\n  unavailable: both at once\n", "RC1299: 'sentinel' has 'table' and 'unavailable', which exclude each other: keep one")]
    [InlineData("sentinel:\n  unavailable: \"\"\n", "RC1208: 'sentinel.unavailable' must not be empty")]
    public void A_source_with_neither_or_both_or_an_empty_reason_is_refused(string sentinel, string expected)
    {
        var result = LoadWithSentinel(sentinel);
        Assert.Contains(result.Diagnostics, d => d.IsError && d.Span.Path.EndsWith("aws_cloudtrail.yml", StringComparison.Ordinal)
            && $"{d.Code}: {d.Message}" == expected);
    }

    [Fact]
    public void A_field_with_the_value_it_has_in_every_sentinel_row_loads_it()
    {
        using var repository = TempRepository.CopyOfValid();
        repository.EditMatch(DataSource, @"(?m)^  - \{name: eventName, type: string, sentinel: EventName\}\n", "  - name: eventName\n    type: string\n    sentinel_value: AwsApiCall\n");
        var result = RuleRepository.Load(repository.Root);
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError && d.Span.Path.EndsWith("aws_cloudtrail.yml", StringComparison.Ordinal));
        var field = result.DataSources.Single(d => d.Name == "aws_cloudtrail").FindField("eventName")!;
        Assert.Equal(("AwsApiCall", null), (field.SentinelValue, field.SentinelColumn));
    }

    [Theory]
    [InlineData("  - name: eventName\n    type: string\n    sentinel: EventName\n    sentinel_value: AwsApiCall\n", "RC1299: ")]
    [InlineData("  - name: eventName\n    type: long\n    sentinel_value: \"1\"\n", "RC1321: the field 'eventName' is long, but 'sentinel_value' gives a text")]
    public void A_field_with_a_column_and_a_value_or_a_value_for_a_field_that_is_not_text_is_refused(string field, string expected)
    {
        using var repository = TempRepository.CopyOfValid();
        repository.EditMatch(DataSource, @"(?m)^  - \{name: eventName, type: string, sentinel: EventName\}\n", field);
        var errors = RuleRepository.Load(repository.Root).Diagnostics
            .Where(d => d.IsError && d.Span.Path.EndsWith("aws_cloudtrail.yml", StringComparison.Ordinal)).ToList();
        Assert.Contains(errors, d => $"{d.Code}: {d.Message}".StartsWith(expected, StringComparison.Ordinal));
        Assert.All(errors, d => Assert.Contains("sentinel", d.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_event_format_is_refused()
    {
        var result = LoadWithSentinel("sentinel:\n  table: AWSCloudTrail\n", "kubernetes");
        Assert.Contains(result.Diagnostics, d => d.IsError && d.Span.Path.EndsWith("aws_cloudtrail.yml", StringComparison.Ordinal));
    }
}
