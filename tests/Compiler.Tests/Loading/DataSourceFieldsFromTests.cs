using RuleCompiler.Compiler.Loading;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Compiler.Tests.Loading;

/// <summary>
/// <c>fields_from</c>: a data source takes another's fields after its own (the repository's aws_cloudwatchlogs_eks
/// takes those of k8s_audit), its own definition of a field wins, an unknown name is RC1312 at the key, and a cycle
/// ends; <c>splunk_metadata</c> marks a Splunk default field.
/// </summary>
public class DataSourceFieldsFromTests
{
    private const string Eks = "rules/data_sources/aws_cloudwatchlogs_eks.yml";
    private const string K8s = "rules/data_sources/k8s_audit.yml";

    private static DataSource Source(RepositoryLoadResult result, string name) => result.DataSources.Single(d => d.Name == name);

    [Fact]
    public void The_eks_source_has_its_own_source_field_and_every_field_of_k8s_audit()
    {
        using var repository = TempRepository.CopyOfRepositoryRules();
        var result = RuleRepository.Load(repository.Root);
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);

        var eks = Source(result, "aws_cloudwatchlogs_eks");
        var k8s = Source(result, "k8s_audit");
        Assert.Equal("k8s_audit", eks.FieldsFrom?.Value);
        Assert.Equal(["source", .. k8s.Fields.Select(f => f.Name)], eks.Fields.Select(f => f.Name));
        Assert.True(eks.FindField("source")!.SplunkMetadata);
        Assert.Null(eks.FindField("source")!.SentinelColumn);
        // The shared definitions are k8s_audit's own, with their place in that file.
        Assert.Same(k8s.FindField("user.groups"), eks.FindField("user.groups"));
        Assert.True(eks.FindField("user.groups")!.Multivalued);
        Assert.All(k8s.Fields, f => Assert.False(f.SplunkMetadata));
        Assert.Null(k8s.FindField("source"));
    }

    [Fact]
    public void A_field_the_source_declares_itself_keeps_its_own_definition()
    {
        using var repository = TempRepository.CopyOfRepositoryRules();
        repository.Edit(Eks, "fields:\n", "fields:\n  - name: verb\n    type: string\n    sentinel: AuthDecision\n");
        var result = RuleRepository.Load(repository.Root);

        var eks = Source(result, "aws_cloudwatchlogs_eks");
        Assert.Single(eks.Fields, f => f.Name == "verb");
        Assert.Equal("AuthDecision", eks.FindField("verb")!.SentinelColumn);
        Assert.Equal("RawEvent.verb", Source(result, "k8s_audit").FindField("verb")!.SentinelColumn);
    }

    [Fact]
    public void An_unknown_source_name_is_refused_at_the_key_with_the_nearest_name()
    {
        using var repository = TempRepository.CopyOfRepositoryRules();
        repository.Edit(Eks, "fields_from: k8s_audit", "fields_from: k8s_audt");
        var line = repository.LineOf(Eks, "fields_from:");
        var result = RuleRepository.Load(repository.Root);

        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal("RC1312", error.Code);
        Assert.EndsWith("aws_cloudwatchlogs_eks.yml", error.Span.Path, StringComparison.Ordinal);
        Assert.Equal((line, 14), (error.Span.Line, error.Span.Column));
        Assert.Contains("'k8s_audt'", error.Message, StringComparison.Ordinal);
        Assert.Contains("k8s_audit", error.Message.Replace("'k8s_audt'", "", StringComparison.Ordinal), StringComparison.Ordinal);
        // The source still loads, with its own fields only.
        Assert.Equal(["source"], Source(result, "aws_cloudwatchlogs_eks").Fields.Select(f => f.Name));
    }

    [Fact]
    public void Two_sources_that_take_each_others_fields_have_each_field_once()
    {
        using var repository = TempRepository.CopyOfRepositoryRules();
        repository.Edit(K8s, "fields:\n", "fields_from: aws_cloudwatchlogs_eks\nfields:\n");
        var result = RuleRepository.Load(repository.Root);

        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        var eks = Source(result, "aws_cloudwatchlogs_eks").Fields.Select(f => f.Name).ToList();
        var k8s = Source(result, "k8s_audit").Fields.Select(f => f.Name).ToList();
        Assert.Equal(eks.Count, eks.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(eks.Order(StringComparer.Ordinal), k8s.Order(StringComparer.Ordinal));
        Assert.Equal("source", k8s[^1]);
    }

    [Fact]
    public void Fields_from_and_splunk_metadata_are_checked_by_the_schema()
    {
        using var repository = TempRepository.CopyOfRepositoryRules();
        repository.Edit(Eks, "fields_from: k8s_audit", "fields_from: K8s Audit");
        repository.Edit(Eks, "splunk_metadata: true", "splunk_metadata: yes please");
        var result = RuleRepository.Load(repository.Root);

        var errors = result.Diagnostics.Where(d => d.IsError && d.Span.Path.EndsWith("aws_cloudwatchlogs_eks.yml", StringComparison.Ordinal)).ToList();
        Assert.Contains(errors, d => d.Message.Contains("fields_from", StringComparison.Ordinal));
        Assert.Contains(errors, d => d.Message.Contains("splunk_metadata", StringComparison.Ordinal));
    }
}
