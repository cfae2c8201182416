using System.IO.Compression;
using System.Text.Json;
using Xunit;

namespace RuleCompiler.Backends.Tests.Cli;

public class RunCommandTests
{
    private static string Fixture(string name) => Path.Combine(RepositoryPaths.Root, "tests", "Backends.Tests", "Fixtures", "run", name);

    private static List<JsonElement> Alerts(string ndjson) =>
        ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    [Fact]
    public void SeedScenariosGiveExactlyTheExpectedAlerts()
    {
        // Gzip'd, as CloudTrail delivers it.
        var gz = Path.Combine(Path.GetTempPath(), $"rulec-run-{Guid.NewGuid():N}.json.gz");
        using (var file = File.Create(gz))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            gzip.Write(File.ReadAllBytes(Fixture("ecr_scenarios.json")));
        }

        try
        {
            var (exit, output, error) = CliRunner.Run(RepositoryPaths.Root, "run", "--rules", "rules", "--events", gz);
            Assert.True(exit == 0, error);
            var alerts = Alerts(output);
            var byRule = alerts.GroupBy(a => a.GetProperty("rule_name").GetString()!).ToDictionary(g => g.Key, g => g.ToList());
            Assert.Equal(
                ["AWS ECR Container Scanning Findings High", "AWS ECR Container Scanning Findings Medium", "AWS ECR Container Upload Outside Business Hours", "Amazon ECR image scanning disabled"],
                byRule.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(5, alerts.Count);

            var night = Assert.Single(byRule["AWS ECR Container Upload Outside Business Hours"]);
            Assert.Equal("night-owl", night.GetProperty("fields").GetProperty("user").GetString());
            Assert.Equal(["CVE-B, high one", "CVE-C, high two"], byRule["AWS ECR Container Scanning Findings High"].Select(a => a.GetProperty("fields").GetProperty("finding").GetString()));
            Assert.Equal("CVE-A, medium one", Assert.Single(byRule["AWS ECR Container Scanning Findings Medium"]).GetProperty("fields").GetProperty("finding").GetString());
            var disabled = Assert.Single(byRule["Amazon ECR image scanning disabled"]).GetProperty("fields");
            Assert.Equal("jane", disabled.GetProperty("AccountName").GetString());
            Assert.Equal("example.com", disabled.GetProperty("AccountUPNSuffix").GetString());

            // Key order is fixed: alert metadata first, then the row's fields.
            Assert.Equal(["rule_id", "rule_name", "severity", "risk_score", "risk_message", "attack", "entities", "fields"], night.EnumerateObject().Select(p => p.Name));
            Assert.Contains("rulec run: 5 event(s) from 1 file(s), 0 rejected", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(gz);
        }
    }

    [Fact]
    public void ABrokenLineIsReportedAndTheRestIsProcessed()
    {
        var outFile = Path.Combine(Path.GetTempPath(), $"rulec-run-{Guid.NewGuid():N}.ndjson");
        try
        {
            var (exit, output, error) = CliRunner.Run(RepositoryPaths.Root, "run", "--rules", "rules", "--events", Fixture("with_broken_line.ndjson"), "--out", outFile);
            Assert.Equal(1, exit);
            Assert.Empty(output);
            Assert.Matches(@"with_broken_line\.ndjson\(2,1\): error RC3001: malformed JSON line", error);
            Assert.Contains("2 event(s) from 1 file(s), 1 rejected", error, StringComparison.Ordinal);
            var alert = Assert.Single(Alerts(File.ReadAllText(outFile)));
            Assert.Equal("late-pusher", alert.GetProperty("fields").GetProperty("user").GetString());
        }
        finally
        {
            File.Delete(outFile);
        }
    }

    [Fact]
    public void OutputIsDeterministic()
    {
        var first = CliRunner.Run(RepositoryPaths.Root, "run", "--events", Fixture("ecr_scenarios.json")).Out;
        var second = CliRunner.Run(RepositoryPaths.Root, "run", "--events", Fixture("ecr_scenarios.json")).Out;
        Assert.Equal(first, second);
        Assert.NotEmpty(first);
    }

    [Fact]
    public void MissingEventsOptionIsAUsageError()
    {
        var (exit, _, error) = CliRunner.Run(RepositoryPaths.Root, "run", "--rules", "rules");
        Assert.Equal(2, exit);
        Assert.Contains("--events", error, StringComparison.Ordinal);
    }

    // Issue 12, finding 4: a missing --events path is a usage error like a missing --rules path, not a rejected event.
    [Fact]
    public void MissingEventsFileIsAUsageError()
    {
        var (exit, output, error) = CliRunner.Run(RepositoryPaths.Root, "run", "--rules", "rules", "--events", "no/such/events.json");
        Assert.Equal(2, exit);
        Assert.Contains("rulec: error RC1901: no such file or folder: no/such/events.json", error, StringComparison.Ordinal);
        Assert.Equal("", output);
    }

    // Issue 12, finding 4: a folder of events is read file by file, not refused with "Access to the path is denied".
    [Fact]
    public void AnEventsFolderGivesTheAlertsOfItsFiles()
    {
        var folder = Path.Combine(Path.GetTempPath(), "rulec-events-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "sub"));
        try
        {
            File.Copy(Fixture("ecr_scenarios.json"), Path.Combine(folder, "sub", "ecr_scenarios.json"));
            var fromFile = CliRunner.Run(RepositoryPaths.Root, "run", "--events", Fixture("ecr_scenarios.json"));
            var fromFolder = CliRunner.Run(RepositoryPaths.Root, "run", "--events", folder);
            Assert.Equal(0, fromFolder.Exit);
            Assert.NotEmpty(fromFile.Out);
            Assert.Equal(fromFile.Out, fromFolder.Out);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
