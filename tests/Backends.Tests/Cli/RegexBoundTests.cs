using System.Text;
using System.Text.Json;
using Xunit;

namespace RuleCompiler.Backends.Tests.Cli;

/// <summary>
/// Issue 13, finding 3: regular expressions are bounded. Repeat counts above RE2's 1,000 and patterns too large
/// for the linear-time engine fail at validate (the same check as build), and a match that runs too long on an
/// event is stopped and reported as that rule's failure while the other rules go on.
/// </summary>
public class RegexBoundTests
{
    private const string NightRule = "rules/aws/ecr/aws_ecr_container_upload_outside_business_hours.yml";
    private const string Where = "where eventSource == \"ecr.amazonaws.com\" and eventName == \"PutImage\"";

    private static string WithRegex(string pattern)
    {
        var root = CliRunner.CopyRules();
        var path = Path.Combine(root, NightRule);
        var text = File.ReadAllText(path);
        Assert.Contains(Where, text);
        File.WriteAllText(path, text.Replace(Where, $"{Where} and tostring(userIdentity.userName) matches regex @\"{pattern}\"", StringComparison.Ordinal));
        return root;
    }

    [Theory]
    [InlineData("a{0,2147483647}", "the repeat count 2147483647 is above 1000")]
    [InlineData("x{1001}", "the repeat count 1001 is above 1000")]
    [InlineData("(a{100}){100}", "too large for a linear-time engine")]
    [InlineData(".{0,999}.{0,999}(b{999}){9}", "too large for a linear-time engine")]
    public void An_unbounded_pattern_fails_validate_and_build_alike(string pattern, string message)
    {
        var root = WithRegex(pattern);
        try
        {
            var validate = CliRunner.Run(root, "validate", "rules");
            var build = CliRunner.Run(root, "build", "rules", "--out", Path.Combine(root, "dist"));

            Assert.Equal(1, validate.Exit);
            Assert.Equal(1, build.Exit);
            foreach (var error in new[] { validate.Error, build.Error })
            {
                var line = Assert.Single(error.Split('\n'), l => l.Contains("error RC", StringComparison.Ordinal));
                Assert.Contains("error RC2508: ", line);
                Assert.Contains(message, line);
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void A_pattern_of_1000_repeats_is_accepted()
    {
        var root = WithRegex("^[a-f0-9]{1,1000}$");
        try
        {
            var validate = CliRunner.Run(root, "validate", "rules");
            Assert.True(validate.Exit == 0, validate.Error);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Compiled_patterns_carry_the_match_timeout() =>
        Assert.Equal(TimeSpan.FromSeconds(1), RuleCompiler.Runtime.Values.Ops.Regex("([ab]*a[ab]{30}){3}c").MatchTimeout);

    /// <summary>
    /// A pattern whose automaton can grow on a long input: how far the engine gets within the timeout depends on the
    /// machine, so the run either finishes the match or reports the timeout as a failure of that rule alone; either
    /// way it ends, and the other rules' alerts are written.
    /// </summary>
    [Fact]
    public void A_pathological_match_is_bounded_and_the_other_rules_go_on()
    {
        var root = WithRegex("([ab]*a[ab]{30}){3}c");
        var events = Path.Combine(root, "events.json");
        var random = new Random(13);
        var name = new string([.. Enumerable.Range(0, 50_000).Select(_ => random.Next(2) == 0 ? 'a' : 'b')]);
        var scenarios = Path.Combine(RepositoryPaths.Root, "tests", "Backends.Tests", "Fixtures", "run", "ecr_scenarios.json");
        File.WriteAllText(events, File.ReadAllText(scenarios).Replace("\"night-owl\"", JsonSerializer.Serialize(name), StringComparison.Ordinal), Encoding.UTF8);
        try
        {
            var (exit, output, error) = CliRunner.Run(root, "run", "--rules", "rules", "--events", events);

            Assert.Contains("AWS ECR Container Scanning Findings High", output);
            if (exit != 0)
            {
                Assert.Equal(1, exit);
                Assert.Contains("error RC3010: rule 'AWS ECR Container Upload Outside Business Hours' failed on this event: ", error);
                Assert.Contains("timed out", error);
                Assert.Contains("1 rule failure(s)", error);
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
