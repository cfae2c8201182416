using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace RuleCompiler.Backends.Tests.Cli;

/// <summary>
/// <c>rulec run --threads N</c> through the real command: alerts (stdout) and reports (stderr) are byte for byte
/// those of one thread, in the same order, over several thousand events in three formats with bad records among
/// them, with streaming rules (run on the workers) and ordered ones (summarize, take, sort, distinct), over files larger than
/// a worker's block.
/// </summary>
public class RunThreadsTests
{
    private static readonly string[] Names = ["GetObject", "PutObject", "DeleteBucket", "CreateUser", "AssumeRole", "ConsoleLogin", "PutImage", "GetAuthorizationToken"];

    private static readonly (string Name, string Search)[] Rules =
    [
        ("Objects touched", "where eventName in (\"GetObject\", \"PutObject\")\n| project eventName, awsRegion, user = userIdentity.arn"),
        ("Denied calls", "where isnotempty(errorCode)\n| extend why = strcat(eventName, \": \", errorCode)"),
        ("First deletions", "where eventName == \"DeleteBucket\"\n| take 3"),
        ("Logins per region", "where eventName =~ \"consolelogin\"\n| summarize logins = count() by awsRegion"),
        ("Latest roles", "where eventName == \"AssumeRole\"\n| sort by eventTime desc\n| take 4"),
        ("Users created", "where eventSource == \"iam.amazonaws.com\" and eventName == \"CreateUser\"\n| distinct awsRegion"),
        ("Images", "where eventName startswith \"Put\" and eventName != \"PutObject\"\n| project eventName, eventTime"),
        // Ordered, and its filter rejects most of the events its key makes candidates (the workers ask it first).
        ("Reads in r1 per user", "where eventName == \"GetObject\" and awsRegion == \"r1\"\n| summarize reads = count() by user = userIdentity.arn"),
    ];

    private static string RuleFile(int i, string name, string search) =>
        $"id: 00000000-0000-0000-0000-{i:D12}\nname: {name}\nversion: 1.0.0\ndate: \"2026-11-29\"\nauthor: test\nstatus: experimental\n"
        + $"type: ttp\nseverity: low\ndescription: A rule for the thread test.\ndata_source: aws_cloudtrail\nsearch: |\n"
        + string.Concat(search.Split('\n').Select(l => "  " + l + "\n"));

    private static string Event(int i)
    {
        var name = Names[i * 7 % Names.Length];
        var source = name is "CreateUser" ? "iam.amazonaws.com" : "other.amazonaws.com";
        var error = i % 11 == 0 ? ",\"errorCode\":\"AccessDenied\"" : "";
        var time = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(i * 37).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return $"{{\"eventTime\":\"{time}\",\"eventSource\":\"{source}\",\"eventName\":\"{name}\",\"awsRegion\":\"r{i % 5}\",\"userIdentity\":{{\"arn\":\"arn:u{i % 13}\"}}{error}}}";
    }

    [Fact]
    public void Every_thread_count_writes_what_one_thread_writes()
    {
        var folder = Path.Combine(Path.GetTempPath(), "rulec-threads-" + Guid.NewGuid().ToString("N"));
        var root = CliRunner.CopyRules();
        try
        {
            var rules = Path.Combine(root, "rules", "aws", "threads");
            Directory.CreateDirectory(rules);
            for (var i = 0; i < Rules.Length; i++)
            {
                File.WriteAllText(Path.Combine(rules, $"rule{i}.yml"), RuleFile(i + 1, Rules[i].Name, Rules[i].Search));
            }

            Directory.CreateDirectory(folder);
            var ndjson = new StringBuilder();
            for (var i = 0; i < 6000; i++)
            {
                ndjson.Append(Event(i)).Append('\n');
                if (i % 997 == 0)
                {
                    ndjson.Append("{\"eventName\": broken\n").Append("[1, 2]\n").Append("\n");
                }

                if (i % 1500 == 0)
                {
                    ndjson.Append("{\"Records\":[").Append(Event(i + 1)).Append(",7,").Append(Event(i + 2)).Append("]}\n");
                }
            }

            File.WriteAllText(Path.Combine(folder, "a.ndjson"), ndjson.ToString());
            File.WriteAllText(Path.Combine(folder, "b.json"), "{\"Records\":[" + string.Join(",", Enumerable.Range(7000, 1500).Select(Event)) + "]}");
            File.WriteAllText(Path.Combine(folder, "c.json"), "[" + string.Join(",\n", Enumerable.Range(9000, 800).Select(Event)) + ",\n{\"eventName\": \"x\" oops");
            // Larger than a worker's block (512 KiB), so records straddle blocks: gzip'd NDJSON with bad lines, a
            // Records file whose first key is not Records, and a gzip stream cut short.
            var lines = string.Concat(Enumerable.Range(10000, 7000).Select(i => Event(i) + (i % 1009 == 0 ? "\n{\"oops\n" : "\n")));
            File.WriteAllBytes(Path.Combine(folder, "d.json.gz"), Gzip(lines));
            File.WriteAllBytes(Path.Combine(folder, "e.json.gz"), Gzip(lines)[..40000]);
            File.WriteAllText(Path.Combine(folder, "f.json"), "{\"NextToken\":\"t\",\"Records\":[" + string.Join(",", Enumerable.Range(20000, 4000).Select(Event)) + ",3]}\n");

            string[] Run(int threads)
            {
                var (exit, output, error) = CliRunner.Run(root, "run", "--rules", "rules", "--events", folder, "--now", "2024-06-01T00:00:00Z", "--threads", threads.ToString(CultureInfo.InvariantCulture));
                Assert.Equal(1, exit); // the bad records are rejected
                // The summary's elapsed time is the only part allowed to differ.
                return [output, Regex.Replace(error, @"; [0-9.]+s\s*$", "")];
            }

            var one = Run(1);
            Assert.True(one[0].Split('\n').Length > 3000, "the rules alert on most events");
            foreach (var name in Rules.Select(r => r.Name))
            {
                Assert.Contains($"\"rule_name\":\"{name}\"", one[0], StringComparison.Ordinal);
            }

            Assert.Contains("error RC3001", one[1], StringComparison.Ordinal);
            Assert.Contains("e.json.gz", one[1], StringComparison.Ordinal);
            Assert.Contains("error RC3002", one[1], StringComparison.Ordinal);
            foreach (var threads in new[] { 2, 3 })
            {
                var many = Run(threads);
                Assert.True(one[0] == many[0], $"alerts with --threads {threads} differ from one thread");
                Assert.Equal(one[1], many[1]);
            }
        }
        finally
        {
            foreach (var temporary in new[] { folder, root })
            {
                if (Directory.Exists(temporary))
                {
                    Directory.Delete(temporary, recursive: true);
                }
            }
        }
    }

    private static byte[] Gzip(string text)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return compressed.ToArray();
    }

    [Fact]
    public void Zero_threads_is_a_usage_error()
    {
        var (exit, _, error) = CliRunner.Run(RepositoryPaths.Root, "run", "--events", "rules", "--threads", "0");
        Assert.NotEqual(0, exit);
        Assert.Contains("--threads must be 1 or more", error, StringComparison.Ordinal);
    }
}
