using RuleCompiler.Backends.Sentinel;
using Xunit;

namespace RuleCompiler.Backends.Tests.Sentinel;

public class SentinelArtifactTests
{
    private static readonly string GoldenFolder = Path.Combine(RepositoryPaths.Root, "tests", "Backends.Tests", "Golden", "Sentinel");

    internal static SentinelArtifacts Rendered { get; } = SentinelArtifactWriter.Render([SentinelInputs.ImageScanning(), SentinelInputs.ImageScanningNrt(), SentinelInputs.ImageScanningGrouped()]);

    public static TheoryData<string> GoldenFiles() => [.. Rendered.Files.Select(f => f.RelativePath)];

    /// <summary>Set RULEC_UPDATE_GOLDEN=1 to rewrite the golden files from the current output (then review the diff).</summary>
    [Theory]
    [MemberData(nameof(GoldenFiles))]
    public void EachArtifactMatchesItsGoldenFile(string relativePath)
    {
        var actual = Rendered.Files.Single(f => f.RelativePath == relativePath).Text;
        var golden = Path.Combine(GoldenFolder, relativePath);
        if (Environment.GetEnvironmentVariable("RULEC_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(golden)!);
            File.WriteAllText(golden, actual);
        }

        Assert.Equal(File.ReadAllText(golden).ReplaceLineEndings("\n"), actual);
    }

    [Fact]
    public void TheBuildWritesEveryArtifactAndNothingElse()
    {
        Assert.Empty(Rendered.Diagnostics);
        Assert.Equal(
            [
                "sentinel/ARM/AmazonECRImageScanningDisabled.json",
                "sentinel/ARM/AmazonECRImageScanningDisabledGrouped.json",
                "sentinel/ARM/AmazonECRImageScanningDisabledNearRealTime.json",
                "sentinel/AnalyticRules/AmazonECRImageScanningDisabled.yaml",
                "sentinel/AnalyticRules/AmazonECRImageScanningDisabledGrouped.yaml",
                "sentinel/AnalyticRules/AmazonECRImageScanningDisabledNearRealTime.yaml",
                "sentinel/azuredeploy.json",
                "sentinel/bicep/AmazonECRImageScanningDisabled.bicep",
                "sentinel/bicep/AmazonECRImageScanningDisabledGrouped.bicep",
                "sentinel/bicep/AmazonECRImageScanningDisabledNearRealTime.bicep",
                "sentinel/bicep/main.bicep",
            ],
            Rendered.Files.Select(f => f.RelativePath));
    }
}

public class SentinelArtifactRulesTests
{
    // The build runs with invariant globalization (Directory.Build.props), so culture cannot change the output.
    [Fact]
    public void RenderingIsByteIdenticalWhateverTheInputOrder()
    {
        var first = SentinelArtifactWriter.Render([SentinelInputs.ImageScanning(), SentinelInputs.ImageScanningNrt()]);
        var second = SentinelArtifactWriter.Render([SentinelInputs.ImageScanningNrt(), SentinelInputs.ImageScanning()]);

        Assert.Equal(first.Files.Select(f => f.RelativePath), second.Files.Select(f => f.RelativePath));
        foreach (var (a, b) in first.Files.Zip(second.Files))
        {
            Assert.Equal(a.Text, b.Text);
        }
    }

    [Fact]
    public void WriteCreatesTheFilesUnderSentinel()
    {
        var outDir = Directory.CreateTempSubdirectory("rulec-sentinel-").FullName;
        try
        {
            var result = SentinelArtifactWriter.Write([SentinelInputs.ImageScanning()], outDir);

            Assert.False(result.HasErrors);
            foreach (var file in result.Files)
            {
                Assert.Equal(file.Text, File.ReadAllText(Path.Combine(outDir, file.RelativePath)));
            }
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    [Fact]
    public void ASecondsDurationIsReportedAndNothingIsRendered()
    {
        var input = SentinelInputs.ImageScanning();
        var schedule = input.Rule.Schedule with { Frequency = input.Rule.Schedule.Frequency with { Value = TimeSpan.FromSeconds(330) } };

        var result = SentinelArtifactWriter.Render([input with { Rule = input.Rule with { Schedule = schedule } }]);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(SentinelDiagnostics.NotExpressible, error.Code);
        Assert.Contains("PT5M30S", error.Message);
        Assert.Empty(result.Files);
    }

    [Fact]
    public void ReferencesToColumnsTheQueryDoesNotOutputAreReported()
    {
        var input = SentinelInputs.ImageScanning() with { OutputColumns = ["TimeGenerated", "AccountName", "SourceIpAddress", "RecipientAccountId"] };

        var result = SentinelArtifactWriter.Render([input]);

        Assert.All(result.Diagnostics, d => Assert.Equal(SentinelDiagnostics.UnknownOutputColumn, d.Code));
        Assert.Equal(
            ["AccountUPNSuffix", "UserIdentityArn", "UserIdentityUserName", "EventName"],
            result.Diagnostics.Select(d => d.Message.Split('\'')[1]));
    }

    [Fact]
    public void AnArmStringThatLooksLikeAnExpressionIsEscaped()
    {
        var input = SentinelInputs.ImageScanning();
        var rule = input.Rule with { Description = "[not an expression]" };

        var arm = SentinelArtifactWriter.Render([input with { Rule = rule }]).Files.Single(f => f.RelativePath.StartsWith("sentinel/ARM/", StringComparison.Ordinal));

        Assert.Contains("\"description\": \"[[not an expression]\"", arm.Text);
    }
}
