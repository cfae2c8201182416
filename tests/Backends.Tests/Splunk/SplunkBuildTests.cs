using System.Formats.Tar;
using System.IO.Compression;
using RuleCompiler.Backends.Hosting;
using RuleCompiler.Backends.Splunk;
using RuleCompiler.Backends.Splunk.Conf;
using RuleCompiler.Backends.Targets;
using RuleCompiler.Backends.Tests.Cli;
using RuleCompiler.Compiler.Model;
using Xunit;

namespace RuleCompiler.Backends.Tests.Splunk;

/// <summary><c>rulec build rules/ --target splunk --out DIR</c> on the repository's rules.</summary>
public class SplunkBuildTests
{
    [Fact]
    public void BuildsTheAppTwiceWithIdenticalBytes()
    {
        var first = Path.Combine(Path.GetTempPath(), $"rulec-splunk-{Guid.NewGuid():N}");
        var second = Path.Combine(Path.GetTempPath(), $"rulec-splunk-{Guid.NewGuid():N}");
        try
        {
            var (exit, _, error) = CliRunner.Run(RepositoryPaths.Root, "build", "rules", "--target", "splunk", "--out", first);
            Assert.True(exit == 0, error);
            Assert.Equal(0, CliRunner.Run(RepositoryPaths.Root, "build", "rules", "--target", "splunk", "--out", second).Exit);

            var root = Path.Combine(first, "splunk");
            var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal).ToList();
            Assert.Contains(Path.Combine("DA-ESS-RuleCompiler", "default", "savedsearches.conf"), files);
            Assert.Contains("DA-ESS-RuleCompiler-1.0.0.tar.gz", files);
            foreach (var file in files)
            {
                Assert.Equal(File.ReadAllBytes(Path.Combine(root, file)), File.ReadAllBytes(Path.Combine(second, "splunk", file)));
            }

            var searches = File.ReadAllText(Path.Combine(root, "DA-ESS-RuleCompiler", "default", "savedsearches.conf"));
            Assert.Contains("search = `cloudtrail` eventSource=CASE(ecr.amazonaws.com) eventName=CASE(DescribeImageScanFindings)", searches, StringComparison.Ordinal);
            Assert.Contains("| `asl_aws_ecr_container_upload_unknown_user_filter`", searches, StringComparison.Ordinal);
            Assert.Contains("DA-ESS-RuleCompiler/default/savedsearches.conf", TarEntries(Path.Combine(root, "DA-ESS-RuleCompiler-1.0.0.tar.gz")));
        }
        finally
        {
            foreach (var dir in new[] { first, second }.Where(Directory.Exists))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [Fact]
    public void DrilldownSearchesReachTheNotable()
    {
        var compilation = RuleCompilerHost.Compile([Path.Combine(RepositoryPaths.Root, "rules")]);
        var unknownUser = compilation.Rules.Single(r => r.Rule.Path.EndsWith("asl_aws_ecr_container_upload_unknown_user.yml", StringComparison.Ordinal));
        // A TTP raises a notable, whose drilldown_searches carry the rule's drilldown SPL.
        var ttp = unknownUser with { Rule = unknownUser.Rule with { Type = RuleType.Ttp } };
        var folder = Path.Combine(Path.GetTempPath(), $"rulec-splunk-{Guid.NewGuid():N}", "splunk");
        try
        {
            Directory.CreateDirectory(folder);
            var written = new SplunkTarget().Write(new TargetInput([ttp], compilation, RuleCompilerHost.DisplayPath), folder);
            Assert.DoesNotContain(written.Diagnostics, d => d.IsError);
            Assert.Equal(1, written.RulesWritten);
            var searches = ConfReader.Read("savedsearches.conf", File.ReadAllText(Path.Combine(folder, "DA-ESS-RuleCompiler", "default", "savedsearches.conf")));
            var drilldowns = searches.Stanzas.Single()["action.notable.param.drilldown_searches"]!;
            using var json = System.Text.Json.JsonDocument.Parse(drilldowns);
            var texts = json.RootElement.EnumerateArray().Select(d => d.GetProperty("search").GetString()).ToList();
            Assert.Equal(ttp.Rule.Drilldowns.Select(d => d.Search.Text), texts);
            Assert.Contains("%original_detection_search% | search  user = \"$user$\"", texts);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
        }
    }

    private static List<string> TarEntries(string tarball)
    {
        using var gzip = new GZipStream(File.OpenRead(tarball), CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        var names = new List<string>();
        while (reader.GetNextEntry() is { } entry)
        {
            names.Add(entry.Name);
        }

        return names;
    }
}
