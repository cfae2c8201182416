using RuleCompiler.Importers;
using RuleCompiler.Importers.Escu;
using RuleCompiler.Importers.Sigma;
using RuleCompiler.Importers.Verification;
using RuleCompiler.Backends.Sentinel.Analysis;
using RuleCompiler.Backends.Tests.Sentinel;
using RuleCompiler.Compiler.Catalogues;
using Xunit;
using Xunit.Abstractions;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary>
/// The rates of docs/translation.md, measured by the same verifier <c>rulec import ... --verify</c> runs: every ESCU
/// AWS detection of ../shared/corpus imported, bound, compiled back to SPL and compared, compiled to KQL (checked by
/// Kusto.Language when it is installed) and run in C# on the corpus's CloudTrail events; and the KQL of every Sigma
/// AWS rule. The floors are the rates measured when this was written, so a regression fails.
/// </summary>
public class EscuCorpusTests(ITestOutputHelper output)
{
    private static string Detections => Path.Combine(RepositoryPaths.Corpus, "splunk", "security_content", "detections", "cloud");

    private static IReadOnlyList<string> EscuAwsRules => [.. Directory.EnumerateFiles(Detections, "*aws*.yml").Order(StringComparer.Ordinal)];

    private static IReadOnlyList<string> EventFolders => [Path.Combine(RepositoryPaths.Corpus, "DataDog"), Path.Combine(RepositoryPaths.Corpus, "awsdocs")];

    [CorpusFact]
    public void The_ESCU_AWS_detections_import_bind_round_trip_and_run_in_CSharp_at_the_recorded_rates()
    {
        using var scratch = new EscuScratch();
        var importer = new EscuImporter(AttackCatalogue.Default, EscuScratch.Context);
        var results = ImportBatch.Run(importer, EscuAwsRules, scratch.Rules, p => p);
        Assert.Equal(60, results.Count);
        output.WriteLine(ImportTable.Format(results));

        var report = ImportVerifier.Verify("escu", results, scratch.Rules, p => p, new EscuRoundTripComparer(EscuScratch.Context),
            (_, _) => KustoAnalysis.Unavailable("checked by the Kusto test"), ImportVerification.ReadEvents(EventFolders));
        output.WriteLine(VerificationTable.Format(report, topReasons: 30));

        var bound = report.Rules.Count(r => r.Bound);
        // A match() whose pattern is a field imports as matches regex of the field (aws_createaccesskey, not built for
        // Sentinel: RC4113); eventstats imports.
        // tstats over the Risk data model (es_risk) imports, binds and round-trips: aws_s3_exfiltration_behavior_identified.
        // The three new city/country/region console logins (tstats, iplocation, join [| inputlookup ...]) do too, partial
        // (their risk messages name fields the searches do not output).
        Assert.True(results.Count(r => r.Status != ImportStatus.Failed) >= 55, "fewer ESCU AWS rules written than recorded (55)");
        Assert.True(bound >= 54, $"only {bound} ESCU AWS rules bind (recorded: 54)");
        Assert.True(report.Rules.Count(r => r.Bound && r.RoundTrip == true) >= 54, "fewer ESCU AWS rules round-trip than recorded (54)");
        Assert.Equal(bound, report.Rules.Count(r => r.CSharpRan == true));
        Assert.True(report.EventCount > 100, "the corpus's CloudTrail events were not found");
        Assert.True(report.Rules.Count(r => r.Alerts > 0) >= 3, "too few imported ESCU rules fire on the corpus events");
    }

    /// <summary>
    /// The AWS rules of detections/cloud that are not in the measured set (no "aws" in the file name): a check that
    /// the rates hold for rules of the same kind. The two EKS rules on `aws_cloudwatchlogs_eks` import, bind, round-trip
    /// and run (the floor: 2 of 4); Sentinel cannot read their Kubernetes fields (RC4101, not built).
    /// </summary>
    [CorpusFact]
    public void The_held_out_AWS_detections_import_bind_round_trip_and_run_in_CSharp_at_the_recorded_rate()
    {
        var heldOut = Directory.EnumerateFiles(Detections, "*.yml").Where(f => !Path.GetFileName(f).Contains("aws", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(4, heldOut.Count);
        using var scratch = new EscuScratch();
        var results = ImportBatch.Run(new EscuImporter(AttackCatalogue.Default, EscuScratch.Context), heldOut, scratch.Rules, p => p);
        var report = ImportVerifier.Verify("escu", results, scratch.Rules, p => p, new EscuRoundTripComparer(EscuScratch.Context),
            (_, _) => KustoAnalysis.Unavailable("checked by the Kusto test"), ImportVerification.ReadEvents(EventFolders));
        output.WriteLine(VerificationTable.Format(report, topReasons: 10));

        var passed = report.Rules.Where(r => r.Bound && r.RoundTrip == true).Select(r => Path.GetFileNameWithoutExtension(r.SourcePath)).ToList();
        Assert.Contains("amazon_eks_kubernetes_cluster_scan_detection", passed);
        Assert.Contains("amazon_eks_kubernetes_pod_scan_detection", passed);
        Assert.Contains("detect_new_open_s3_buckets", passed);
        Assert.Equal(report.Rules.Count(r => r.Bound), report.Rules.Count(r => r.CSharpRan == true));
        // The audit fields are read below AWSEKSLogs' RawEvent; Splunk's source (the CloudWatch log stream) is no column.
        Assert.All(report.Rules.Where(r => r.Bound && r.SourcePath.Contains("amazon_eks", StringComparison.Ordinal)),
            r => Assert.Contains("RC4101: not built for Sentinel: no column of the Sentinel table AWSEKSLogs carries the field 'source'", r.KqlReason ?? "", StringComparison.Ordinal));
    }

    [CorpusAnalyzerFact]
    public void Kusto_Language_accepts_the_KQL_of_every_binding_ESCU_rule_and_of_at_least_95_percent_of_the_Sigma_AWS_rules()
    {
        using var escu = new EscuScratch();
        var escuResults = ImportBatch.Run(new EscuImporter(AttackCatalogue.Default, EscuScratch.Context), EscuAwsRules, escu.Rules, p => p);
        var escuReport = ImportVerifier.Verify("escu", escuResults, escu.Rules, p => p, null, Analyze, []);
        output.WriteLine(VerificationTable.Format(escuReport));
        Assert.Null(escuReport.KustoUnavailable);
        // A bound rule is either accepted or not built for Sentinel, with the reason (a field no column carries, a source
        // without a table: Security Hub findings); never built and then rejected.
        Assert.All(escuReport.Rules.Where(r => r.Bound && r.KqlAccepted != true), r => Assert.Contains("not built for Sentinel", r.KqlReason ?? "", StringComparison.Ordinal));
        Assert.True(escuReport.Rules.Count(r => r.KqlAccepted == true) >= 46, "fewer ESCU AWS rules compile to accepted KQL than recorded (46)");

        using var sigma = new EscuScratch();
        var sigmaRules = Path.Combine(RepositoryPaths.Corpus, "SigmaHQ", "sigma", "rules", "cloud", "aws");
        var sigmaResults = ImportBatch.Run(new SigmaImporter(AttackCatalogue.Default), [sigmaRules], sigma.Rules, p => p);
        var sigmaReport = ImportVerifier.Verify("sigma", sigmaResults, sigma.Rules, p => p, null, Analyze, []);
        output.WriteLine(VerificationTable.Format(sigmaReport));
        var accepted = sigmaReport.Rules.Count(r => r.KqlAccepted == true);
        Assert.True(accepted >= 0.95 * sigmaResults.Count, $"Kusto.Language accepts the KQL of only {accepted} of {sigmaResults.Count} Sigma AWS rules");
        Assert.Equal(sigmaReport.Rules.Count(r => r.Bound), accepted);
    }

    private static KustoAnalysis Analyze(System.Collections.Immutable.ImmutableArray<KustoTable> tables, IReadOnlyList<KustoQuery> queries) =>
        AnalyzerFactAttribute.Analyzer.Analyze(tables, queries);
}
