using RuleCompiler.Backends.Tests.Cli;
using Xunit;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary><c>rulec translate</c> through the real command line, in a scratch repository with the aws_cloudtrail data source.</summary>
public class SentinelTranslateCommandTests
{
    private const string Query = "AWSCloudTrail\n| where EventName == \"DeleteTrail\" and isempty(ErrorCode)\n| extend bucket = tostring(parse_json(RequestParameters).bucketName)\n| project TimeGenerated, SourceIpAddress, bucket\n";

    [Fact]
    public void A_KQL_query_becomes_canonical_with_field_paths_and_keeps_its_output_names()
    {
        using var scratch = new ImportScratch();
        File.WriteAllText(Path.Combine(scratch.Root, "q.kql"), Query);

        var (exit, output, error) = CliRunner.Run(scratch.Root, "translate", "--from", "kql", "--to", "canonical", "q.kql");

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Equal("where eventName == \"DeleteTrail\" and isempty(errorCode)\n| extend bucket = tostring(requestParameters.bucketName)\n| project TimeGenerated = _time, SourceIpAddress = sourceIPAddress, bucket\n", output);
    }

    [Fact]
    public void A_KQL_query_compiles_back_to_the_same_KQL_and_to_SPL()
    {
        using var scratch = new ImportScratch();
        File.WriteAllText(Path.Combine(scratch.Root, "q.kql"), Query);

        var kql = CliRunner.Run(scratch.Root, "translate", "--from", "kql", "--to", "kql", "q.kql");
        var spl = CliRunner.Run(scratch.Root, "translate", "--from", "kql", "--to", "spl", "q.kql");

        Assert.Equal((0, ""), (kql.Exit, kql.Error));
        Assert.Equal(Query, kql.Out);
        Assert.Equal(0, spl.Exit);
        Assert.StartsWith("`cloudtrail` eventName=CASE(DeleteTrail)\n", spl.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_untranslatable_construct_is_an_error_at_its_line_and_column_and_nothing_is_printed()
    {
        using var scratch = new ImportScratch();
        File.WriteAllText(Path.Combine(scratch.Root, "q.kql"), "AWSCloudTrail\n| where EventName == \"x\"\n| extend y = hash_sha256(SourceIpAddress)\n");

        var (exit, output, error) = CliRunner.Run(scratch.Root, "translate", "--from", "kql", "--to", "canonical", "q.kql");

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("q.kql(3,14): error RC5053: the KQL function 'hash_sha256' has no canonical translation", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Sigma_rule_translates_to_KQL()
    {
        using var scratch = new ImportScratch();
        File.WriteAllText(Path.Combine(scratch.Root, "s.yml"), "title: Trail Deleted\nid: 6d3b4f7e-1c2a-4b5d-9e8f-0a1b2c3d4e5f\nlogsource:\n    product: aws\n    service: cloudtrail\ndetection:\n    sel:\n        eventName: DeleteTrail\n    condition: sel\n");

        var (exit, output, error) = CliRunner.Run(scratch.Root, "translate", "--from", "sigma", "--to", "kql", "s.yml");

        Assert.Equal((0, ""), (exit, error));
        Assert.Equal("AWSCloudTrail\n| where EventName =~ \"DeleteTrail\"\n", output);
    }

    [Fact]
    public void A_Sentinel_rule_file_translates_whole_with_its_metadata_and_fidelity_notes()
    {
        using var scratch = new ImportScratch();
        File.WriteAllText(Path.Combine(scratch.Root, "r.yaml"), "id: 5d3b4f7e-1c2a-4b5d-9e8f-0a1b2c3d4e5f\nname: Trail deleted\ndescription: D\nseverity: High\nsentinelEntitiesMappings: []\nquery: |\n  AWSCloudTrail\n  | where EventName == \"DeleteTrail\"\nkind: Scheduled\n");

        var (exit, output, error) = CliRunner.Run(scratch.Root, "translate", "--from", "kql", "--to", "canonical", "r.yaml");

        Assert.Equal(0, exit);
        Assert.Contains("r.yaml(5,1): warning RC5056: the Sentinel key 'sentinelEntitiesMappings' has no canonical place", error, StringComparison.Ordinal);
        Assert.Contains("\nname: Trail deleted\n", output, StringComparison.Ordinal);
        Assert.Contains("\nseverity: high\n", output, StringComparison.Ordinal);
        Assert.Contains("\nsearch: |\n  where eventName == \"DeleteTrail\"\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_SPL_search_translates_to_canonical_with_its_fidelity_notes()
    {
        using var scratch = new ImportScratch();
        File.WriteAllText(Path.Combine(scratch.Root, "q.spl"), "`cloudtrail` eventName=DeleteTrail | stats count by userName\n");

        var spl = CliRunner.Run(scratch.Root, "translate", "--from", "spl", "--to", "canonical", "q.spl");

        Assert.Equal(0, spl.Exit);
        Assert.Contains("eventName =~ \"DeleteTrail\"", spl.Out, StringComparison.Ordinal);
        Assert.Contains("summarize", spl.Out, StringComparison.Ordinal);
        Assert.Contains("RC5028", spl.Out + spl.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_input_is_a_usage_error()
    {
        using var scratch = new ImportScratch();
        File.WriteAllText(Path.Combine(scratch.Root, "empty.kql"), "  \n");

        var empty = CliRunner.Run(scratch.Root, "translate", "--from", "kql", "--to", "kql", "empty.kql");

        Assert.Equal(2, empty.Exit);
        Assert.Contains("error RC5081: empty.kql is empty", empty.Error, StringComparison.Ordinal);
    }
}
