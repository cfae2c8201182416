using RuleCompiler.Importers;
using RuleCompiler.Importers.Sigma;
using RuleCompiler.Compiler.Catalogues;
using Xunit;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary>
/// Real SigmaHQ AWS rules from ../shared/corpus and their expected canonical YAML in
/// tests/Backends.Tests/Golden/Sigma/&lt;rule&gt;.yml (skipped, visibly, without the corpus). Set RULEC_UPDATE_GOLDEN=1 to
/// rewrite them after an intended change (and review the diff).
/// </summary>
public class SigmaGoldenTests
{
    // Chosen to cover the constructs: lists, maps, lists of maps, contains|all, re, fieldref, null, 1 of x_*, not.
    public static TheoryData<string> Rules => new(
        "aws_cloudtrail_bucket_deleted",
        "aws_cloudtrail_console_login_success_without_mfa",
        "aws_cloudtrail_guardduty_detector_deleted_or_updated",
        "aws_cloudtrail_imds_malicious_usage",
        "aws_cloudtrail_security_group_change_rds",
        "aws_console_getsignintoken",
        "aws_ec2_disable_encryption",
        "aws_enum_buckets",
        "aws_iam_s3browser_templated_s3_bucket_policy_creation",
        "aws_root_account_usage",
        "aws_s3_data_management_tampering",
        "aws_update_login_profile");

    [CorpusTheory]
    [MemberData(nameof(Rules))]
    public void Imported_rule_matches_its_golden_file(string rule)
    {
        var source = Path.Combine(RepositoryPaths.Corpus, "SigmaHQ", "sigma", "rules", "cloud", "aws", "cloudtrail", rule + ".yml");
        var result = new SigmaImporter(AttackCatalogue.Default).Import(rule + ".yml", File.ReadAllText(source), "../../../schemas/rule.schema.json");
        Assert.NotNull(result.Yaml);

        var golden = Path.Combine(RepositoryPaths.Root, "tests", "Backends.Tests", "Golden", "Sigma", rule + ".yml");
        ImportGolden.MatchesAndBinds(result, golden);
    }

    /// <summary>Hand-written Sigma correlation files (the corpus's AWS rules hold none): event_count, value_count, temporal.</summary>
    public static TheoryData<string> Correlations => new("many_failed_console_logins", "instances_in_many_regions", "trail_stopped_after_instances_run");

    [Theory]
    [MemberData(nameof(Correlations))]
    public void Correlation_rule_matches_its_golden_file_and_binds(string rule)
    {
        var folder = Path.Combine(RepositoryPaths.Root, "tests", "Backends.Tests", "Golden", "Sigma", "Correlation");
        var result = new SigmaImporter(AttackCatalogue.Default).Import(rule + ".yml", File.ReadAllText(Path.Combine(folder, rule + ".yml")), "../../../schemas/rule.schema.json");
        Assert.True(result.Status == ImportStatus.Imported, string.Join("\n", result.Diagnostics));
        Assert.Equal([SigmaCodes.BucketedTimespan], result.Diagnostics.Select(d => d.Code));

        var golden = Path.Combine(folder, "expected", rule + ".yml");
        ImportGolden.MatchesAndBinds(result, golden);
    }
}
