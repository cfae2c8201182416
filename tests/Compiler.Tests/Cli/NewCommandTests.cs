namespace RuleCompiler.Compiler.Tests.Cli;

public class NewCommandTests
{
    [Fact]
    public void A_scaffolded_rule_validates_as_it_is()
    {
        using var repo = TempRepository.CopyOfValid();
        var created = CliRunner.Run(repo.Root, "new", "S3 Bucket Made \"Public\"", "--data-source", "aws_cloudtrail", "--out", "rules/aws/s3", "--author", "Jane Doe");
        Assert.Equal(0, created.ExitCode);
        var file = repo.PathOf("rules/aws/s3/s3_bucket_made_public.yml");
        Assert.Equal($"created {Path.Combine("rules", "aws", "s3", "s3_bucket_made_public.yml")}\n", created.Out);
        var text = File.ReadAllText(file);
        Assert.StartsWith("# yaml-language-server: $schema=../../../schemas/rule.schema.json\n", text.Replace('\\', '/'));
        Assert.Contains("name: \"S3 Bucket Made \\\"Public\\\"\"", text);
        Assert.Matches(@"\nid: [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\n", text);
        Assert.Contains($"\ndate: {DateTime.UtcNow:yyyy-MM-dd}\n", text);

        var validated = CliRunner.Run(repo.Root, "validate", "rules");
        Assert.Equal("", validated.Error);
        Assert.Equal(0, validated.ExitCode);
        Assert.StartsWith("validated 6 rules", validated.Out);
    }

    [Theory]
    [InlineData("Anything", "--data-source", "no_such_source")]
    [InlineData("!!!", "--data-source", "aws_cloudtrail")]
    [InlineData("AWS ECR Container Scanning Findings High", "--data-source", "aws_cloudtrail", "--out", "rules/aws/ecr")]
    public void Refusals_are_usage_errors(params string[] args)
    {
        using var repo = TempRepository.CopyOfValid();
        var outcome = CliRunner.Run(repo.Root, ["new", .. args]);
        Assert.Equal(2, outcome.ExitCode);
        Assert.StartsWith("rulec: error RC1905: ", outcome.Error);
    }

    [Fact]
    public void The_data_source_option_is_required()
    {
        var outcome = CliRunner.Run(TestPaths.TestsFolder, "new", "X");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("RC1902", outcome.Error);
    }
}
