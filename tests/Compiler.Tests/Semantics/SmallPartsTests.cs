using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Model;
using RuleCompiler.Compiler.Semantics;
using RuleCompiler.Compiler.Yaml;

namespace RuleCompiler.Compiler.Tests.Semantics;

public class SmallPartsTests
{
    [Theory]
    [InlineData("5m", 300)]
    [InlineData("1h", 3600)]
    [InlineData("14d", 1209600)]
    [InlineData("30s", 30)]
    [InlineData("PT1H", 3600)]
    [InlineData("P1D", 86400)]
    public void Durations_parse(string text, int seconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1 hour")]
    [InlineData("h")]
    [InlineData("1w")]
    [InlineData("-5m")]
    [InlineData("99999999999d")]
    [InlineData("PTxyz")]
    public void Bad_durations_do_not_parse(string text)
    {
        Assert.False(DurationText.TryParse(text, out _));
    }

    [Theory]
    [InlineData(90, "90m")]
    [InlineData(60, "1h")]
    [InlineData(1440, "1d")]
    public void Durations_format_in_the_largest_whole_unit(int minutes, string expected)
    {
        Assert.Equal(expected, DurationText.Format(TimeSpan.FromMinutes(minutes)));
    }

    [Theory]
    [InlineData("AWS ECR Container Scanning Findings Medium", "aws_ecr_container_scanning_findings_medium")]
    [InlineData("AWSCloudTrail - Amazon ECR image scanning disabled", "awscloudtrail_amazon_ecr_image_scanning_disabled")]
    [InlineData("  S3: bucket \"public\"!  ", "s3_bucket_public")]
    [InlineData("Ünïcode only", "n_code_only")]
    public void Snake_case_file_names(string name, string expected)
    {
        Assert.Equal(expected, Naming.SnakeCase(name));
    }

    [Theory]
    [InlineData("repositoryNme", "repositoryName")]
    [InlineData("prod", "production")]
    [InlineData("zzzzzz", null)]
    public void Suggestions_for_typos_and_abbreviations(string word, string? expected)
    {
        Assert.Equal(expected, DidYouMean.Closest(word, ["repositoryName", "production", "experimental"]));
    }

    [Theory]
    [InlineData("12", YamlScalarStyle.Plain, 12L)]
    [InlineData("-0x1F", YamlScalarStyle.Plain, "-0x1F")]
    [InlineData("0x1F", YamlScalarStyle.Plain, 31L)]
    [InlineData("0o17", YamlScalarStyle.Plain, 15L)]
    [InlineData("1.5", YamlScalarStyle.Plain, 1.5)]
    [InlineData("true", YamlScalarStyle.Plain, true)]
    [InlineData("yes", YamlScalarStyle.Plain, "yes")]
    [InlineData("~", YamlScalarStyle.Plain, null)]
    [InlineData("2024-05-25", YamlScalarStyle.Plain, "2024-05-25")]
    [InlineData("12", YamlScalarStyle.DoubleQuoted, "12")]
    [InlineData("true", YamlScalarStyle.Literal, "true")]
    public void Plain_scalars_are_typed_by_the_yaml_core_schema(string text, YamlScalarStyle style, object? expected)
    {
        Assert.Equal(expected, YamlScalarTyping.Resolve(new YamlScalar(text, style, SourceSpan.At("t", 1, 1))));
    }

    [Fact]
    public void Risk_score_and_implied_severity()
    {
        var span = SourceSpan.At("t", 1, 1);
        var risk = new RuleRisk(new Located<int>(70, span), new Located<int>(70, span), null, span);
        Assert.Equal(49, risk.Score);
        Assert.Equal(Severity.Medium, risk.ImpliedSeverity);
        Assert.Equal(Severity.Critical, (risk with { Impact = new Located<int>(100, span), Confidence = new Located<int>(90, span) }).ImpliedSeverity);
    }
}
