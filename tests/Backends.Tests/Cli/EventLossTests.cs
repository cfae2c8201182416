using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Xunit;

namespace RuleCompiler.Backends.Tests.Cli;

/// <summary>
/// Issue 13, finding 5: `rulec run` reads every byte of an events file or says what it did not read; truncated
/// gzip, a Records key that is not first and a null Records were silently 0 or 1 events with exit 0.
/// </summary>
public class EventLossTests
{
    private static readonly string Scenarios = Path.Combine(RepositoryPaths.Root, "tests", "Backends.Tests", "Fixtures", "run", "ecr_scenarios.json");

    private static byte[] Gzip(byte[] data)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return memory.ToArray();
    }

    private static (int Exit, string Out, string Error) RunOn(byte[] events, string extension)
    {
        var file = Path.Combine(Path.GetTempPath(), $"rulec-loss-{Guid.NewGuid():N}{extension}");
        File.WriteAllBytes(file, events);
        try
        {
            return CliRunner.Run(RepositoryPaths.Root, "run", "--rules", "rules", "--events", file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(10)]
    [InlineData(30)]
    [InlineData(-9)]
    public void A_truncated_gzip_file_is_an_error(int cut)
    {
        var whole = Gzip(File.ReadAllBytes(Scenarios));
        var truncated = whole[..(cut > 0 ? cut : whole.Length + cut)];

        var (exit, _, error) = RunOn(truncated, ".json.gz");

        Assert.Equal(1, exit);
        Assert.Contains("error RC3003: cannot read further: the gzip data is truncated", error);
        Assert.Contains("1 rejected", error);
    }

    [Fact]
    public void A_whole_gzip_file_and_two_concatenated_members_read_cleanly()
    {
        var data = File.ReadAllBytes(Scenarios);
        var (exit, _, error) = RunOn([.. Gzip(data), .. Gzip(data)], ".json.gz");

        Assert.True(exit == 0, error);
        Assert.Contains("rulec run: 10 event(s) from 1 file(s), 0 rejected", error);
    }

    [Fact]
    public void Records_after_another_key_are_read_as_events()
    {
        using var scenarios = JsonDocument.Parse(File.ReadAllBytes(Scenarios));
        var records = scenarios.RootElement.GetProperty("Records").GetRawText();
        var file = Encoding.UTF8.GetBytes($"{{\"NextToken\": \"x\", \"Records\": {records}}}\n");

        var (exit, output, error) = RunOn(file, ".json");

        Assert.True(exit == 0, error);
        Assert.Contains("rulec run: 5 event(s) from 1 file(s), 0 rejected", error);
        Assert.Equal(5, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Keys_after_the_records_and_a_second_records_object_are_read()
    {
        using var scenarios = JsonDocument.Parse(File.ReadAllBytes(Scenarios));
        var records = scenarios.RootElement.GetProperty("Records").GetRawText();
        var file = Encoding.UTF8.GetBytes($"{{\"Records\": {records}, \"NextToken\": {{\"a\": [1, \"]\"]}}}}\n{{\"Records\": {records}}}\n");

        var (exit, _, error) = RunOn(file, ".json");

        Assert.True(exit == 0, error);
        Assert.Contains("rulec run: 10 event(s) from 1 file(s), 0 rejected", error);
    }

    [Fact]
    public void A_key_with_a_lone_surrogate_beside_records_is_read_not_a_crash()
    {
        // Found by FuzzTests (seeds 4HcfMoljYhI1, d3K8QJxnrCn1): both Records lookups threw on the escaped key.
        var file = "{\"Rec\\udfffs\": []}\n{\"a\\udfff\": 1, \"Records\": [{\"eventName\": \"x\"}]}\n"u8.ToArray();

        var (exit, _, error) = RunOn(file, ".json");

        Assert.True(exit == 0, error);
        Assert.Contains("rulec run: 2 event(s) from 1 file(s), 0 rejected", error);
    }

    [Theory]
    [InlineData("{\"Records\": null}", "'Records' is null")]
    [InlineData("{\"Records\": {\"eventName\": \"PutImage\"}}", "'Records' is object")]
    [InlineData("{\"Records\": [], \"x\": 1 garbage", "malformed JSON after the Records array")]
    public void A_records_object_that_is_not_an_array_of_events_is_an_error(string text, string message)
    {
        var (exit, _, error) = RunOn(Encoding.UTF8.GetBytes(text + "\n"), ".json");

        Assert.Equal(1, exit);
        Assert.Contains(message, error);
        Assert.Contains("rulec run: 0 event(s)", error);
    }
}
