namespace RuleCompiler.Compiler.Tests.Cli;

public class NewCommandTests
{
    [Fact]
    public void A_scaffolded_rule_validates_as_it_is()
    {
        using var repo = TempRepository.CopyOfValid();
        var created = CliRunner.Run(repo.Root, "new", "S3 Bucket Made \"Public\"", "--data-source", "aws_cloudtrail", "--out", "rules/aws/s3", "--create", "--author", "Jane Doe");
        Assert.Equal(0, created.ExitCode);
        var file = repo.PathOf("rules/aws/s3/s3_bucket_made_public.yml");
        Assert.Equal($"created {Path.Combine("rules", "aws", "s3", "s3_bucket_made_public.yml")}\n", created.Out);
        var text = File.ReadAllText(file);
        Assert.StartsWith("# yaml-language-server: $schema=../../../schemas/rule.schema.json\n", text.Replace('\\', '/'));
        Assert.Contains("name: \"S3 Bucket Made \\\"Public\\\"\"", text);
        Assert.Matches(@"\nid: [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\n", text);
        Assert.Contains($"\ndate: {DateTime.UtcNow:yyyy-MM-dd}\n", text);

        var validated = CliRunner.Run(repo.Root, "validate", "rules");
        Assert.Equal(0, validated.ExitCode);
        Assert.StartsWith("validated 6 rules", validated.Out);
        Assert.EndsWith(": 0 errors, 6 warnings\n", validated.Out);
        Assert.All(validated.Error.TrimEnd('\n').Split('\n'), line => Assert.Contains("s3_bucket_made_public.yml(", line));
        Assert.All(validated.Error.TrimEnd('\n').Split('\n'), line => Assert.Contains(": warning RC1921: placeholder text 'TODO'", line));
    }

    [Fact]
    public void The_placeholders_fail_validate_with_warnings_as_errors_and_go_once_replaced()
    {
        using var repo = TempRepository.CopyOfValid();
        CliRunner.Run(repo.Root, "new", "Placeholder Rule", "--data-source", "aws_cloudtrail", "--out", "rules/aws/ecr");

        Assert.Equal(1, CliRunner.Run(repo.Root, "validate", "rules", "--warnings-as-errors").ExitCode);

        var file = repo.PathOf("rules/aws/ecr/placeholder_rule.yml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("TODO", "Done", StringComparison.Ordinal));
        var validated = CliRunner.Run(repo.Root, "validate", "rules", "--warnings-as-errors");
        Assert.Equal("", validated.Error);
        Assert.Equal(0, validated.ExitCode);
    }

    [Fact]
    public void The_scaffold_has_a_test_skeleton_that_runs()
    {
        using var repo = TempRepository.CopyOfValid();
        CliRunner.Run(repo.Root, "new", "Skeleton Rule", "--data-source", "aws_cloudtrail", "--out", "rules/aws/ecr");
        var text = File.ReadAllText(repo.PathOf("rules/aws/ecr/skeleton_rule.yml"));
        Assert.Contains("\ntests:\n  - name: \"TODO: say what this test shows\"\n    events:\n", text);

        var tested = CliRunner.Run(repo.Root, "test", "rules/aws/ecr/skeleton_rule.yml");
        Assert.Equal(0, tested.ExitCode);
        Assert.Equal("1 passed, 0 failed\n", tested.Out);
    }

    [Fact]
    public void A_scaffold_on_a_data_model_source_has_the_tstats_shape_and_builds_for_Splunk_once_filled_in()
    {
        using var repo = TempRepository.CopyOfValid();
        File.Copy(Path.Combine(TestPaths.RepoRoot, "rules", "data_sources", "es_risk.yml"), repo.PathOf("rules/data_sources/es_risk.yml"));
        Assert.Equal(0, CliRunner.Run(repo.Root, "new", "Risk Rule", "--data-source", "es_risk", "--out", "rules/aws/ecr").ExitCode);
        var file = repo.PathOf("rules/aws/ecr/risk_rule.yml");
        var text = File.ReadAllText(file);
        // Splunk reads a data model with tstats, which needs a summarize after the where (RC4016 otherwise).
        Assert.Contains("search: |\n  where All_Risk.risk_object == \"TODO\"\n  | summarize count = count() by All_Risk.risk_object\n", text);
        File.WriteAllText(file, text.Replace("TODO", "Done", StringComparison.Ordinal));

        Assert.Equal("1 passed, 0 failed\n", CliRunner.Run(repo.Root, "test", "rules/aws/ecr/risk_rule.yml").Out);
        var built = CliRunner.Run(repo.Root, "build", "rules", "--target", "splunk");
        Assert.DoesNotContain("RC4016", built.Error, StringComparison.Ordinal);
        Assert.Equal(0, built.ExitCode);
    }

    [Fact]
    public void The_modeline_points_at_the_schemas_folder_from_the_rule_file()
    {
        using var repo = TempRepository.CopyOfValid();
        Directory.CreateDirectory(repo.PathOf("rules/aws/deep/er"));
        CliRunner.Run(repo.Root, "new", "Deep Rule", "--data-source", "aws_cloudtrail", "--out", "rules/aws/deep/er");
        var text = File.ReadAllText(repo.PathOf("rules/aws/deep/er/deep_rule.yml"));
        Assert.StartsWith("# yaml-language-server: $schema=../../../../schemas/rule.schema.json\n", text);
        Assert.True(File.Exists(Path.Combine(repo.PathOf("rules/aws/deep/er"), "../../../../schemas/rule.schema.json")));
    }

    [Fact]
    public void A_missing_out_folder_is_refused_without_create()
    {
        using var repo = TempRepository.CopyOfValid();

        var refused = CliRunner.Run(repo.Root, "new", "Fresh Rule", "--data-source", "aws_cloudtrail", "--out", "rules/aws/nosuch");
        Assert.Equal(2, refused.ExitCode);
        Assert.Equal("rulec: error RC1905: the folder rules/aws/nosuch does not exist; pass --create to create it\n", refused.Error);
        Assert.False(Directory.Exists(repo.PathOf("rules/aws/nosuch")));

        var created = CliRunner.Run(repo.Root, "new", "Fresh Rule", "--data-source", "aws_cloudtrail", "--out", "rules/aws/nosuch", "--create");
        Assert.Equal(0, created.ExitCode);
        Assert.True(File.Exists(repo.PathOf("rules/aws/nosuch/fresh_rule.yml")));
    }

    [Fact]
    public void A_folder_outside_any_repository_is_refused_whatever_the_data_source()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rulec-tests", Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            var outcome = CliRunner.Run(folder, "new", "Anything", "--data-source", "made_up", "--out", ".");
            Assert.Equal(2, outcome.ExitCode);
            Assert.StartsWith("rulec: error RC1906: . is not in a rules repository", outcome.Error);
            Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_mistyped_data_source_gets_a_did_you_mean()
    {
        using var repo = TempRepository.CopyOfValid();

        var outcome = CliRunner.Run(repo.Root, "new", "Anything", "--data-source", "aws_cloudtrai");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal("rulec: error RC1905: unknown data source 'aws_cloudtrai'; did you mean 'aws_cloudtrail'?\n", outcome.Error);
    }

    [Fact]
    public void Odd_names_and_authors_are_quoted_by_the_yaml_emitter_and_read_back_exactly()
    {
        using var repo = TempRepository.CopyOfValid();
        const string Name = "Odd: \"quoted\" # not a comment \\ back";
        const string Author = "O'Brien\t<ob@example.com>";

        var created = CliRunner.Run(repo.Root, "new", Name, "--data-source", "aws_cloudtrail", "--out", "rules/aws/ecr", "--author", Author);
        Assert.Equal(0, created.ExitCode);

        var listed = CliRunner.Run(repo.Root, "list", "rules", "--format", "json");
        using var json = System.Text.Json.JsonDocument.Parse(listed.Out);
        Assert.Contains(json.RootElement.EnumerateArray(), r => r.GetProperty("name").GetString() == Name);
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
