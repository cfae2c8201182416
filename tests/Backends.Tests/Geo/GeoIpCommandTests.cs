using RuleCompiler.Backends.Tests.Cli;
using Xunit;

namespace RuleCompiler.Backends.Tests.Geo;

/// <summary>
/// rulec test with a rule that reads geo_info_from_ip_address: the repository's rules/geoip/ database is loaded once
/// and used; without one the run says so once and the function gives null; a malformed one is an error at its line and column.
/// </summary>
public class GeoIpCommandTests
{
    private const string Rule = """
        # yaml-language-server: $schema=../../../schemas/rule.schema.json
        id: 0b8f1d2e-3c4a-4e5f-8a9b-1c2d3e4f5a6b
        name: Console Login From Outside Testland
        version: 1
        date: "2026-11-30"
        author: Test
        status: experimental
        type: hunting
        description: A console login from an address placed outside Testland.
        data_source: aws_cloudtrail
        search: |
          where eventName == "ConsoleLogin"
          | extend Country = geo_info_from_ip_address(sourceIPAddress).country, City = geo_info_from_ip_address(sourceIPAddress).city
          | where Country != "Testland"
          | summarize n = count() by Country, City
        attack:
          - T1078.004
        schedule:
          kind: scheduled
          frequency: 1h
          lookback: 1h
        tests:
          - name: logins are grouped by the place of their address
            events: tests/console_login_from_outside_testland/logins.json
            expect:
              count: 2
              rows:
                - Country: Otherland
                  City: Samplecity
                  n: 2
                - Country: null
                  n: 2

        """;

    private const string Events = """
        [
          {"eventTime": "2024-05-25T21:14:00Z", "eventName": "ConsoleLogin", "sourceIPAddress": "192.0.2.10"},
          {"eventTime": "2024-05-25T21:15:00Z", "eventName": "ConsoleLogin", "sourceIPAddress": "198.51.100.1"},
          {"eventTime": "2024-05-25T21:16:00Z", "eventName": "ConsoleLogin", "sourceIPAddress": "198.51.100.2"},
          {"eventTime": "2024-05-25T21:17:00Z", "eventName": "ConsoleLogin", "sourceIPAddress": "10.0.0.1"},
          {"eventTime": "2024-05-25T21:18:00Z", "eventName": "ConsoleLogin"}
        ]
        """;

    private static string Repository(string? database)
    {
        var root = CliRunner.CopyRules();
        var folder = Path.Combine(root, "rules", "aws", "signin");
        Directory.CreateDirectory(Path.Combine(folder, "tests", "console_login_from_outside_testland"));
        File.WriteAllText(Path.Combine(folder, "console_login_from_outside_testland.yml"), Rule);
        File.WriteAllText(Path.Combine(folder, "tests", "console_login_from_outside_testland", "logins.json"), Events);
        if (database is not null)
        {
            Directory.CreateDirectory(Path.Combine(root, "rules", "geoip"));
            File.WriteAllText(Path.Combine(root, "rules", "geoip", "places.csv"), database);
        }

        return root;
    }

    [Fact]
    public void TheRepositorysDatabasePlacesTheAddresses()
    {
        var root = Repository(File.ReadAllText(GeoIpFixture.File));
        try
        {
            var (exit, output, error) = CliRunner.Run(root, "test", "rules/aws/signin");
            Assert.True(exit == 0, output + error);
            Assert.Equal("1 passed, 0 failed", output.Trim().Split('\n')[^1]);
            Assert.Contains("info RC1331: geo_info_from_ip_address reads each target's own geo-IP database", output + error, StringComparison.Ordinal);
            Assert.DoesNotContain("RC1334", output + error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void WithNoDatabaseTheRunSaysSoOnceAndEveryPlaceIsNull()
    {
        var root = Repository(null);
        try
        {
            var (exit, output, error) = CliRunner.Run(root, "test", "rules/aws/signin");
            var all = output + error;
            Assert.Equal(1, exit);
            Assert.Single(all.Split('\n'), l => l.Contains("warning RC1334: no geo-IP database", StringComparison.Ordinal));
            Assert.Contains("console_login_from_outside_testland.yml(13,", all, StringComparison.Ordinal);
            Assert.Contains("expected 2 row(s), got 1", all, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void AMalformedDatabaseIsAnErrorAtItsLineAndColumn()
    {
        var root = Repository("network,country,state,city,latitude,longitude\n192.0.2.0/24,Testland,,,,\n198.51.100.0/24,Otherland,,,95.5,0\n");
        try
        {
            var (exit, output, error) = CliRunner.Run(root, "test", "rules/aws/signin");
            Assert.True(exit == 1, output + error);
            Assert.True((output + error).Contains("rules/geoip/places.csv(3,29): error RC1332: '95.5' is not a latitude", StringComparison.Ordinal), output + error);
            // validate and build check the same files, once each, and build writes nothing.
            foreach (var command in new[] { new[] { "validate", "rules" }, ["build", "rules", "--out", "dist"] })
            {
                var (code, stdout, stderr) = CliRunner.Run(root, command);
                Assert.True(code == 1, stdout + stderr);
                Assert.Single((stdout + stderr).Split('\n'), l => l.Contains("rules/geoip/places.csv(3,29): error RC1332: '95.5' is not a latitude", StringComparison.Ordinal));
            }

            Assert.False(Directory.Exists(Path.Combine(root, "dist")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void AnOverlongLineIsASizeErrorAtItsPosition()
    {
        var root = Repository("network,country,state,city,latitude,longitude\n192.0.2.0/24," + new string('x', 5000) + ",,,,\n");
        try
        {
            var (exit, output, error) = CliRunner.Run(root, "test", "rules/aws/signin");
            Assert.True(exit == 1, output + error);
            Assert.True((output + error).Contains("rules/geoip/places.csv(2,4097): error RC1333: the line is longer than 4,096 characters", StringComparison.Ordinal), output + error);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
