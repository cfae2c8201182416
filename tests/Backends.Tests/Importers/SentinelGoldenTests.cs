using RuleCompiler.Importers;
using Xunit;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary>
/// Real Sentinel AWS analytic rules and hunting queries from ../shared/corpus and their expected canonical YAML in
/// tests/Backends.Tests/Golden/SentinelImport/&lt;rule&gt;.yml (skipped, visibly, without the corpus). Each imported rule
/// must also load, validate and bind. Set RULEC_UPDATE_GOLDEN=1 to rewrite them after an intended change (and review
/// the diff).
/// </summary>
public class SentinelGoldenTests
{
    // Chosen to cover the constructs: the seed's rule; let constants, lists and materialized sub-pipelines, join on a
    // let, mvexpand, alert overrides and custom details; NRT; has_any, 1min, adjacent literals; .["x"]; nulls last;
    // arg_max(x, *) and <>; join's x1 alias and a mapping naming a missing column (partial); mv-expand todynamic();
    // join of a bare name; distinct tostring(x); legacy *CustomEntity columns; the AWSGuardDuty table (an int column of
    // a real field, a project-away of TimeGenerated, which is two fields).
    public static TheoryData<string> Rules => new(
        "Analytic Rules/AWS_ECRImageScanningDisabled",
        "Analytic Rules/AWS_CreatedCRUDLambdaPolicytoPrivilegEscalation",
        "Analytic Rules/NRT_AWS_ConsoleLogonWithoutMFA",
        "Analytic Rules/SuspiciousAWSCLICommandExecution",
        "Analytic Rules/AWS_S3BucketExposedviaACL",
        "Analytic Rules/AWS_CredentialHijack",
        "Analytic Rules/AWS_ChangeToVPC",
        "Analytic Rules/AWS_SuspiciousCommandEC2",
        "Hunting Queries/AWS_AssumeRoleBruteForce",
        "Hunting Queries/AWS_FailedBruteForceS3Bucket",
        "Hunting Queries/AWS_PolicywithExcessivePermissions",
        "Hunting Queries/AWS_EC2_WithoutKeyPair",
        "Hunting Queries/AWS_LambdaLayerImportedExternalAccount",
        "Analytic Rules/AWS_GuardDuty_template",
        "Hunting Queries/AWS_GuardDuty_HighSeverityFindingsCrossAccount");

    [CorpusTheory]
    [MemberData(nameof(Rules))]
    public void Imported_rule_matches_its_golden_file(string rule)
    {
        var source = Path.Combine(SentinelCorpusTests.SentinelAws, rule + ".yaml");
        var result = SentinelCorpusTests.Importer().Import(Path.GetFileName(source), File.ReadAllText(source), "../../../schemas/rule.schema.json");
        Assert.True(result.Yaml is not null, string.Join("\n", result.Diagnostics));

        var golden = Path.Combine(RepositoryPaths.Root, "tests", "Backends.Tests", "Golden", "SentinelImport", Path.GetFileName(rule) + ".yml");
        ImportGolden.MatchesAndBinds(result, golden);
    }

    /// <summary>
    /// Hand-written Sentinel rules for the settings the corpus's AWS rules do not use (Golden/SentinelImport/Handwritten):
    /// severity, tactics and dynamic-property columns, per-result alerts, incident grouping, suppression, no incidents.
    /// </summary>
    public static TheoryData<string> Handwritten => new("AWS_GroupedConsoleLogins", "AWS_RootActivityNoIncident");

    [Theory]
    [MemberData(nameof(Handwritten))]
    public void Handwritten_rule_with_alert_and_incident_settings_matches_its_golden_file(string rule)
    {
        var folder = Path.Combine(RepositoryPaths.Root, "tests", "Backends.Tests", "Golden", "SentinelImport", "Handwritten");
        var source = Path.Combine(folder, rule + ".yaml");
        var result = SentinelCorpusTests.Importer().Import(Path.GetFileName(source), File.ReadAllText(source), "../../../schemas/rule.schema.json");
        Assert.True(result.Status == ImportStatus.Imported, string.Join("\n", result.Diagnostics));

        var golden = Path.Combine(folder, rule + ".yml");
        ImportGolden.MatchesAndBinds(result, golden);
    }
}
