using System.Text.Json;
using System.Xml.Linq;
using Xunit;

namespace RuleCompiler.Backends.Tests.Cli;

/// <summary>
/// Issue 12, finding 6 and deliverables 4 and 6: a failing test shows unexpected rows whole with unambiguous
/// values, and <c>rulec test</c> writes JUnit XML and JSON reports.
/// </summary>
public sealed class TestReportTests : IDisposable
{
    private const string Medium = "rules/aws/ecr/aws_ecr_container_scanning_findings_medium.yml";

    // One medium finding whose row has an empty string, text with commas, and text that reads as a number.
    private const string UnexpectedRowTest = """
          - name: an unexpected row is shown whole
            events:
              - eventSource: ecr.amazonaws.com
                eventName: DescribeImageScanFindings
                eventTime: "2024-05-01T10:00:00Z"
                awsRegion: eu-west-1
                sourceIPAddress: ""
                userIdentity: {principalId: "a,b"}
                requestParameters: {repositoryName: "42", imageId: {imageDigest: "sha256:1"}}
                responseElements: {imageScanFindings: {findings: [{name: CVE-1, description: d, severity: MEDIUM}]}}
            expect:
              count: 0
          - name: an expected row that matches no output row
            events:
              - eventSource: ecr.amazonaws.com
                eventName: DescribeImageScanFindings
                eventTime: "2024-05-01T10:00:00Z"
                awsRegion: eu-west-1
                sourceIPAddress: 10.0.0.1
                userIdentity: {principalId: p}
                requestParameters: {repositoryName: r, imageId: {imageDigest: "sha256:1"}}
                responseElements: {imageScanFindings: {findings: [{name: CVE-1, description: d, severity: MEDIUM}]}}
            expect:
              rows:
                - repository: other
                  user: ""

        """;

    private readonly string _root = CliRunner.CopyRules();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void AddTests()
    {
        var rule = Path.Combine(_root, Medium);
        File.AppendAllText(rule, UnexpectedRowTest.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unexpected_row_is_shown_with_every_column_and_ambiguous_values_quoted()
    {
        AddTests();

        var (exit, output, _) = CliRunner.Run(_root, "test", Medium, "--filter", "unexpected row");

        Assert.Equal(1, exit);
        var lines = output.Split('\n');
        Assert.Contains(lines, l => l.EndsWith("FAIL test 'an unexpected row is shown whole': expected 0 row(s), got 1", StringComparison.Ordinal));
        var row = Assert.Single(lines, l => l.StartsWith("      unexpected row 1: ", StringComparison.Ordinal));
        Assert.Contains("awsRegion=eu-west-1", row, StringComparison.Ordinal);
        Assert.Contains("repository=\"42\"", row, StringComparison.Ordinal);
        Assert.Contains("user=\"a,b\"", row, StringComparison.Ordinal);
        Assert.Contains("src_ip=\"\"", row, StringComparison.Ordinal);
        Assert.Contains("finding=\"CVE-1, d\"", row, StringComparison.Ordinal);
        Assert.Contains("phase=release", row, StringComparison.Ordinal);
        Assert.Contains("firstTime=2024-05-01T10:00:00Z", row, StringComparison.Ordinal);
        Assert.Equal("0 passed, 1 failed", output.Trim().Split('\n')[^1]);
    }

    [Fact]
    public void A_missing_expected_row_shows_the_closest_output_row_with_ambiguous_values_quoted()
    {
        AddTests();

        var (exit, output, _) = CliRunner.Run(_root, "test", Medium, "--filter", "matches no output row");

        Assert.Equal(1, exit);
        Assert.Contains("      expected: repository=other, user=\"\"\n", output, StringComparison.Ordinal);
        Assert.Contains("      got:      repository=r  <-- differs, user=p  <-- differs\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expected_column_the_search_does_not_output_stops_the_test_at_validation()
    {
        File.AppendAllText(Path.Combine(_root, Medium), """
              - name: names a column the search does not output
                events: []
                expect:
                  rows:
                    - nosuch: x

            """.Replace("\r\n", "\n", StringComparison.Ordinal));

        var (exit, _, error) = CliRunner.Run(_root, "test", Medium);

        Assert.Equal(1, exit);
        Assert.Contains("error RC1330:", error, StringComparison.Ordinal);
        Assert.Contains("'nosuch'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Junit_lists_every_test_per_rule_with_its_failures()
    {
        AddTests();

        var (exit, output, error) = CliRunner.Run(_root, "test", "rules", "--format", "junit");

        Assert.Equal(1, exit);
        var xml = XDocument.Parse(output);
        var suites = xml.Root!;
        Assert.Equal("testsuites", suites.Name.LocalName);
        var cases = suites.Descendants("testcase").ToList();
        Assert.Equal(cases.Count, int.Parse(suites.Attribute("tests")!.Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("2", suites.Attribute("failures")!.Value);
        var medium = suites.Elements("testsuite").Single(s => s.Attribute("file")!.Value == Medium);
        Assert.Equal("AWS ECR Container Scanning Findings Medium", medium.Attribute("name")!.Value);
        var failure = medium.Elements("testcase").Single(c => c.Attribute("name")!.Value == "an unexpected row is shown whole").Element("failure")!;
        Assert.Equal("expected 0 row(s), got 1", failure.Attribute("message")!.Value);
        Assert.Contains("user=\"a,b\"", failure.Value, StringComparison.Ordinal);
        Assert.Null(medium.Elements("testcase").First().Element("failure"));
        Assert.Matches(@"^\d+ passed, 2 failed\n$", error);
    }

    [Fact]
    public void Junit_goes_to_the_output_file_and_the_text_report_to_stdout()
    {
        var (exit, output, _) = CliRunner.Run(_root, "test", "rules", "--format", "junit", "--output", "junit.xml");

        Assert.Equal(0, exit);
        Assert.Matches(@"^\d+ passed, 0 failed$", output.Trim());
        var xml = XDocument.Load(Path.Combine(_root, "junit.xml"));
        Assert.Equal("0", xml.Root!.Attribute("failures")!.Value);
        Assert.NotEmpty(xml.Root.Descendants("testcase"));
    }

    [Fact]
    public void Json_has_each_test_with_its_problems()
    {
        AddTests();

        var (exit, output, _) = CliRunner.Run(_root, "test", Medium, "--format", "json");

        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(2, json.RootElement.GetProperty("passed").GetInt32());
        Assert.Equal(2, json.RootElement.GetProperty("failed").GetInt32());
        var failedTest = json.RootElement.GetProperty("tests").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "an unexpected row is shown whole");
        Assert.False(failedTest.GetProperty("passed").GetBoolean());
        Assert.Equal(Medium, failedTest.GetProperty("path").GetString());
        Assert.StartsWith("expected 0 row(s), got 1\n      unexpected row 1: ", failedTest.GetProperty("problems")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Output_without_a_document_format_is_a_usage_error()
    {
        var (exit, _, error) = CliRunner.Run(_root, "test", "rules", "--output", "x.xml");

        Assert.Equal(2, exit);
        Assert.Contains("rulec: error RC1902: --output needs --format junit or --format json", error, StringComparison.Ordinal);
    }
}
