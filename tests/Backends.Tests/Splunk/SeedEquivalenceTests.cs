using RuleCompiler.Backends.Splunk.Emit;
using Xunit;
using Xunit.Abstractions;

namespace RuleCompiler.Backends.Tests.Splunk;

/// <summary>
/// The four Splunk seeds (../shared/seeds/000..003, ESCU detections) and the SPL compiled from their canonical
/// rules mean the same: equal normal forms (<see cref="SplNormalForm"/>) except for the differences listed per
/// seed below, each of which the canonical rule decides on purpose. A mismatch prints both forms as a diff.
/// </summary>
public class SeedEquivalenceTests(ITestOutputHelper output)
{
    /// <summary>
    /// Where the ESCU search reads a field the Splunk Add-on for AWS computes (user, userName, src_ip as CIM
    /// aliases), the canonical rule derives it from the raw CloudTrail keys (docs: aws_cloudtrail data source), so
    /// the compiled SPL renames or evaluates it: the seed's line is replaced by the compiled one.
    /// </summary>
    private static readonly Dictionary<string, (string Seed, string Rule, string[] OnlySeed, string[] OnlyCompiled)> Seeds = new()
    {
        ["000"] = ("000_2fd760f9434d4429.txt", "aws_ecr_container_scanning_findings_medium",
            ["column src_ip <- src_ip"],
            ["column src_ip <- sourceIPAddress"]),
        ["001"] = ("001_6d03aa2aede3df2d.txt", "aws_ecr_container_scanning_findings_high",
            ["column src_ip <- src_ip", "column user <- user", "column userName <- userName"],
            ["column src_ip <- sourceIPAddress", "column user <- eval", "column userName <- eval"]),
        ["002"] = ("002_73ffbd3cc3e47fd8.txt", "aws_ecr_container_upload_outside_business_hours",
            ["column src_ip <- src_ip", "column user <- user", "column userName <- userName"],
            ["column src_ip <- sourceIPAddress", "column user <- eval", "column userName <- eval"]),
        ["003"] = ("003_51048f25401252e4.txt", "asl_aws_ecr_container_upload_unknown_user", [], []),
    };

    public static TheoryData<string> SeedIds => [.. Seeds.Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(SeedIds))]
    public void CompiledSplIsEquivalentToTheSeed(string id)
    {
        var (file, rule, onlySeed, onlyCompiled) = Seeds[id];
        var path = Path.Combine(RepositoryPaths.Shared, "seeds", file);
        if (!File.Exists(path))
        {
            output.WriteLine($"SKIPPED: {path} is not present (../shared is test data next to the repository)");
            return;
        }

        var lists = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "rules", "lists"), "*.yml")
            .Select(Path.GetFileNameWithoutExtension).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var text = File.ReadAllText(path);
        var mentioned = System.Text.RegularExpressions.Regex.Matches(text, @"[\w.{}]+").Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        var seed = SplNormalForm.Of(SeedSpl(text), lists, mentioned);
        var compiled = SplNormalForm.Of(SplEmitter.Emit(CompiledRules.Named(rule)).Spl, lists);

        var seedOnly = seed.Except(compiled).Order(StringComparer.Ordinal).ToList();
        var compiledOnly = compiled.Except(seed).Order(StringComparer.Ordinal).ToList();
        output.WriteLine("normal form of the compiled SPL:\n  " + string.Join("\n  ", compiled));
        output.WriteLine("only in the seed:\n- " + string.Join("\n- ", seedOnly));
        output.WriteLine("only in the compiled SPL:\n+ " + string.Join("\n+ ", compiledOnly));
        Assert.Equal(onlySeed.Order(StringComparer.Ordinal), seedOnly);
        Assert.Equal(onlyCompiled.Order(StringComparer.Ordinal), compiledOnly);
        Assert.Contains(seed, l => l.StartsWith("source ", StringComparison.Ordinal));
        Assert.Contains(seed, l => l == $"macro {rule}_filter");
    }

    [Fact]
    public void TheNormalFormSeesAChangedFilter()
    {
        var lists = new HashSet<string>();
        var a = SplNormalForm.Of("`cloudtrail` eventName=PutImage | stats count by user | `x_filter`", lists);
        var b = SplNormalForm.Of("`cloudtrail` eventName=DeleteImage | stats count by user | `x_filter`", lists);
        var c = SplNormalForm.Of("`cloudtrail` eventName=CASE(PutImage)\n| rename userIdentity.arn as user | stats count by user | `x_filter`", lists);
        Assert.NotEqual(a, b);
        Assert.Contains("column user <- userIdentity.arn", c);
        Assert.Contains("filter eventname=putimage", c);
    }

    /// <summary>The seed's SPL: from the line that starts with the source macro to the first blank or non-SPL line.</summary>
    private static string SeedSpl(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var start = Array.FindIndex(lines, l => l.TrimStart().StartsWith("`cloudtrail`", StringComparison.Ordinal) || l.TrimStart().StartsWith("`amazon_security_lake`", StringComparison.Ordinal));
        var spl = new List<string> { lines[start] };
        foreach (var line in lines.Skip(start + 1))
        {
            if (line.Trim().Length == 0 || line.StartsWith("```", StringComparison.Ordinal) || !(line.TrimStart().StartsWith('|') || line.StartsWith(' ')))
            {
                break;
            }

            spl.Add(line);
        }

        return string.Join("\n", spl);
    }
}
