using System.Text;
using RuleCompiler.Cli;
using Xunit;

namespace RuleCompiler.Backends.Tests.Cli;

/// <summary>
/// Issue 12, finding 4: <c>--events</c> takes globs and <c>-</c> (standard input), a glob that matches nothing is a
/// usage error, and a file of garbage gives a capped list of errors with a count of the rest.
/// </summary>
public sealed class EventInputTests : IDisposable
{
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rulec-events-" + Guid.NewGuid().ToString("N"))).FullName;

    private static string Scenarios => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "Backends.Tests", "Fixtures", "run", "ecr_scenarios.json"));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (int Exit, string Out, string Error) RunWithInput(string input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(output, error, RepositoryPaths.Root, Colour: false) { OpenInput = () => new MemoryStream(Encoding.UTF8.GetBytes(input)) };
        var exit = Program.Run(args, context);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Events_from_standard_input_give_the_same_alerts_as_the_file()
    {
        var fromFile = CliRunner.Run(RepositoryPaths.Root, "run", "--events", Path.Combine("tests", "Backends.Tests", "Fixtures", "run", "ecr_scenarios.json"));

        var fromStdin = RunWithInput(Scenarios, "run", "--events", "-");

        Assert.Equal(0, fromStdin.Exit);
        Assert.Equal(fromFile.Out, fromStdin.Out);
        Assert.Equal(5, fromStdin.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("rulec run: 5 event(s) from 1 file(s), 0 rejected", fromStdin.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_record_on_standard_input_is_reported_as_stdin()
    {
        var (exit, _, error) = RunWithInput("{\"a\": 1}\nnot json\n", "run", "--events", "-");

        Assert.Equal(1, exit);
        Assert.Contains("(stdin)(2,1): error RC3001", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Now_latest_with_standard_input_is_a_usage_error()
    {
        var (exit, _, error) = RunWithInput(Scenarios, "run", "--events", "-", "--now", "latest");

        Assert.Equal(2, exit);
        Assert.Contains("rulec: error RC1902: --now latest reads the events twice", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_glob_reads_every_matching_file_in_every_folder()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "a", "b"));
        File.WriteAllText(Path.Combine(_folder, "a", "one.json"), Scenarios);
        File.WriteAllText(Path.Combine(_folder, "a", "b", "two.json"), Scenarios);
        File.WriteAllText(Path.Combine(_folder, "a", "b", "skipped.txt"), "not json");

        var (exit, output, error) = CliRunner.Run(RepositoryPaths.Root, "run", "--events", Path.Combine(_folder, "**", "*.json"));

        Assert.True(exit == 0, error);
        Assert.NotEmpty(output);
        Assert.Contains("10 event(s) from 2 file(s), 0 rejected", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_glob_that_matches_nothing_is_a_usage_error()
    {
        var (exit, output, error) = CliRunner.Run(RepositoryPaths.Root, "run", "--events", Path.Combine(_folder, "*.json.gz"));

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains($"rulec: error RC1901: no file matches {Path.Combine(_folder, "*.json.gz")}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_of_garbage_gives_the_first_errors_and_a_count_of_the_rest()
    {
        // NDJSON whose every other line is broken: each broken line is its own error.
        var garbage = Path.Combine(_folder, "garbage.ndjson");
        File.WriteAllLines(garbage, Enumerable.Range(1, 500).SelectMany(i => new[] { $"{{\"n\": {i}}}", $"oops {i}" }));

        var (exit, _, error) = CliRunner.Run(RepositoryPaths.Root, "run", "--events", garbage);

        Assert.Equal(1, exit);
        Assert.Equal(EventErrorCap.Limit, error.Split('\n').Count(l => l.Contains(": error RC3001", StringComparison.Ordinal)));
        Assert.Contains("garbage.ndjson: 480 more bad record(s) not shown (500 in all)", error, StringComparison.Ordinal);
        Assert.Contains("500 event(s) from 1 file(s), 500 rejected", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_gives_its_event_files_and_says_how_many_other_files_it_skipped()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "logs", "2024"));
        File.WriteAllText(Path.Combine(_folder, "logs", "one.json"), Scenarios);
        using (var gzip = new System.IO.Compression.GZipStream(File.Create(Path.Combine(_folder, "logs", "2024", "two.JSONL.gz")), System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(Scenarios));
        }

        File.WriteAllText(Path.Combine(_folder, "logs", "LICENSE"), "Permission is hereby granted, free of charge");
        File.WriteAllText(Path.Combine(_folder, "logs", "2024", "README.md"), "# Sample logs");

        var (exit, output, error) = CliRunner.Run(_folder, "run", "--rules", Path.Combine(RepositoryPaths.Root, "rules"), "--events", "logs");

        Assert.True(exit == 0, error);
        Assert.NotEmpty(output);
        Assert.DoesNotContain("RC3001", error, StringComparison.Ordinal);
        Assert.Contains("rulec run: skipped 2 file(s) in logs that are not event files (*.json, *.jsonl, *.ndjson, each optionally .gz)", error, StringComparison.Ordinal);
        Assert.Contains("10 event(s) from 2 file(s), 0 rejected", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_event_files_is_a_usage_error()
    {
        File.WriteAllText(Path.Combine(_folder, "LICENSE"), "Permission is hereby granted, free of charge");

        var (exit, output, error) = CliRunner.Run(RepositoryPaths.Root, "run", "--events", _folder);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains("error RC1901: no event files (*.json, *.jsonl, *.ndjson, each optionally .gz) in ", error, StringComparison.Ordinal);
        Assert.Contains("(1 other file skipped)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_named_explicitly_is_read_whatever_its_name()
    {
        var license = Path.Combine(_folder, "LICENSE");
        File.WriteAllText(license, "Permission is hereby granted, free of charge");
        var events = Path.Combine(_folder, "cloudtrail.log");
        File.WriteAllText(events, Scenarios);

        var (exit, output, error) = CliRunner.Run(RepositoryPaths.Root, "run", "--events", license, events);

        Assert.Equal(1, exit);
        Assert.Contains("LICENSE(1,1): error RC3001", error, StringComparison.Ordinal);
        Assert.Equal(5, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain("rulec run: skipped", error, StringComparison.Ordinal);
    }
}
