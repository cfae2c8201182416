using RuleCompiler.Backends.Hosting;
using RuleCompiler.Backends.Sentinel;
using RuleCompiler.Backends.Sentinel.Analysis;
using RuleCompiler.Backends.Sentinel.Emit;
using RuleCompiler.Backends.Targets;
using RuleCompiler.Backends.Tests.Cli;
using RuleCompiler.Compiler.Language.Syntax;
using Xunit;

namespace RuleCompiler.Backends.Tests.Sentinel;

/// <summary>The Sentinel target: its capability table, and <c>rulec build --target sentinel</c> over rules/.</summary>
public class SentinelTargetTests
{
    [Fact]
    public void TheCapabilityTableCoversEveryStageOperatorAndFunction()
    {
        var table = SentinelCapabilities.Table;
        Assert.Equal(Enum.GetValues<StageKind>().Order(), table.Stages.Keys.Order());
        Assert.Equal(OperatorSpellings.All.Order(StringComparer.Ordinal), table.Operators.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(CapabilityTable.RequiredFunctions.Order(StringComparer.Ordinal), table.Functions.Keys.Order(StringComparer.Ordinal));
        // Every difference is a warning with a KQL emitter code.
        var approximations = table.Stages.Values.Concat(table.Operators.Values).Concat(table.Functions.Values).OfType<Approximate>().ToList();
        Assert.All(approximations, a => Assert.StartsWith("RC41", a.Code, StringComparison.Ordinal));
        Assert.Equal(2, approximations.Count);
    }

    [Fact]
    public void TheTargetIsRegisteredAsSentinel()
    {
        var target = Assert.IsType<SentinelTarget>(TargetRegistry.Find("sentinel"));
        Assert.Same(SentinelCapabilities.Table, target.Capabilities);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void BuildingRulesForSentinelSucceedsTwiceWithIdenticalBytes()
    {
        var root = CliRunner.CopyRules();
        try
        {
            var first = CliRunner.Run(root, "build", "rules", "--target", "sentinel", "--out", "one");
            var second = CliRunner.Run(root, "build", "rules", "--target", "sentinel", "--out", "two");

            Assert.True(first.Exit == 0, first.Out + first.Error);
            Assert.Equal(0, second.Exit);
            // The ASL rule reads cloud.provider, which no AWSCloudTrail column holds and whose value is AWS for every record.
            Assert.DoesNotContain(KqlDiagnostics.NoSentinelColumn, first.Error, StringComparison.Ordinal);
            Assert.Contains("sentinel: wrote 5 rule(s) into one/sentinel: ", first.Out, StringComparison.Ordinal);
            var files = Files(Path.Combine(root, "one"));
            Assert.Equal(files, Files(Path.Combine(root, "two")));
            foreach (var file in files)
            {
                Assert.Equal(File.ReadAllBytes(Path.Combine(root, "one", file)), File.ReadAllBytes(Path.Combine(root, "two", file)));
            }

            var rules = files.Where(f => f.StartsWith("sentinel/AnalyticRules/", StringComparison.Ordinal)).ToList();
            Assert.Equal(
                ["ASLAWSECRContainerUploadUnknownUser", "AWSECRContainerScanningFindingsHigh", "AWSECRContainerScanningFindingsMedium", "AWSECRContainerUploadOutsideBusinessHours", "AmazonECRImageScanningDisabled"],
                rules.Select(f => Path.GetFileNameWithoutExtension(f)));
            Assert.Contains("  | distinct TimeGenerated, EventName, SourceIpAddress, UserIdentityArn, UserIdentityUserName, RecipientAccountId, AccountName, AccountUPNSuffix\n",
                File.ReadAllText(Path.Combine(root, "one", "sentinel", "AnalyticRules", "AmazonECRImageScanningDisabled.yaml")), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static List<string> Files(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];
}

/// <summary>How the analyzer's verdict reaches the build: errors fail it, an unavailable analyzer is a warning.</summary>
public class SentinelAnalyzerInBuildTests
{
    [Fact]
    public void AnAnalyzerErrorIsAnErrorOnTheRuleSearchAndNothingIsWritten()
    {
        var target = new SentinelTarget((_, _, queries) => new KustoAnalysis(
            [.. queries.Select(q => new KustoQueryResult(q.Id, q.Id == "0" ? [new("error", "KS142", "The name 'X' does not refer to any known column.", 9, 1, 2, 10)] : [], [], []))],
            null));
        var outDir = Path.Combine(Path.GetTempPath(), "rulec-kql-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = RuleCompilerHost.Build(KqlRules.Compiled, [target], outDir);

            Assert.False(result.Written);
            var error = Assert.Single(result.Diagnostics, d => d.IsError);
            Assert.Equal(KqlDiagnostics.AnalyzerError, error.Code);
            Assert.Contains("line 2, column 10", error.Message, StringComparison.Ordinal);
            var first = KqlRules.Compiled.Rules.Single(r => r.Rule.Path == error.Span.Path);
            Assert.Equal(first.Rule.Search.Span, error.Span);
            Assert.False(Directory.Exists(Path.Combine(outDir, "sentinel")));
        }
        finally
        {
            if (Directory.Exists(outDir)) Directory.Delete(outDir, recursive: true);
        }
    }

    [Fact]
    public void AnUnavailableAnalyzerIsReportedAndTheBuildGoesOn()
    {
        var target = new SentinelTarget((_, _, _) => KustoAnalysis.Unavailable("node was not found on the PATH"));
        var outDir = Path.Combine(Path.GetTempPath(), "rulec-kql-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = RuleCompilerHost.Build(KqlRules.Compiled, [target], outDir);

            Assert.True(result.Written);
            var warning = Assert.Single(result.Diagnostics, d => d.Code == KqlDiagnostics.AnalyzerUnavailable);
            Assert.Contains("node was not found on the PATH", warning.Message, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(outDir, "sentinel", "AnalyticRules", "AmazonECRImageScanningDisabled.yaml")));
        }
        finally
        {
            if (Directory.Exists(outDir)) Directory.Delete(outDir, recursive: true);
        }
    }

    [Fact]
    public void UnderWarningsAsErrorsAnUnavailableAnalyzerFailsTheBuildAndNothingIsWritten()
    {
        // rulec build --warnings-as-errors: "KQL not checked" comes from the writer, after the checks, and must still stop it.
        var target = new SentinelTarget((_, _, _) => KustoAnalysis.Unavailable("node was not found on the PATH"));
        var outDir = Path.Combine(Path.GetTempPath(), "rulec-kql-" + Guid.NewGuid().ToString("N"));
        try
        {
            // Only the rules Sentinel's checks pass without a warning (not the ASL rule, RC4101), so the writer runs.
            var portable = KqlRules.Compiled with { Rules = [.. KqlRules.Compiled.Rules.Where(r => !target.CheckRule(r).Any())] };
            var result = RuleCompilerHost.Build(portable, [target], outDir, warningsAsErrors: true);

            Assert.False(result.Written);
            Assert.Single(result.Diagnostics, d => d.Code == KqlDiagnostics.AnalyzerUnavailable);
            Assert.False(Directory.Exists(Path.Combine(outDir, "sentinel")));
        }
        finally
        {
            if (Directory.Exists(outDir)) Directory.Delete(outDir, recursive: true);
        }
    }
}
