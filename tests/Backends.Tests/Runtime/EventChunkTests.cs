using System.IO.Compression;
using System.Text;
using System.Text.Json;
using RuleCompiler.Runtime.Events;
using Xunit;

namespace RuleCompiler.Backends.Tests.Runtime;

/// <summary>
/// The chunks <c>rulec run --threads N</c> hands to its workers: wherever the chunk boundaries fall (from one byte to
/// more than the file), the events read out of them, their lines, and the reports with their codes, lines and
/// order are exactly what <see cref="EventReader.ReadFile"/> gives, in every format.
/// </summary>
public class EventChunkTests
{
    private static string Event(int i) => $"{{\"eventName\":\"E{i}\",\"n\":{i},\"pad\":\"{new string('x', i % 17)}\"}}";

    private static readonly Dictionary<string, byte[]> Files = new()
    {
        ["ndjson"] = Utf8(string.Concat(Enumerable.Range(0, 300).Select(i =>
            Event(i) + (i % 7 == 0 ? "\r\n" : "\n")
            + (i % 50 == 3 ? "{\"eventName\": broken\n[1, 2]\n\n   \n" : "")
            + (i % 90 == 5 ? "{\"Records\":[" + Event(i + 1000) + ",7," + Event(i + 2000) + "]}\n" : "")
            + (i % 120 == 9 ? "{\"Records\":{\"a\":1}}\n" : "")))
            + Event(999)), // no newline at the end
        ["records, other keys first"] = Utf8("{\"NextToken\":\"t\",\"Records\":[" + string.Join(",", Enumerable.Range(0, 120).Select(Event)) + ",null]}\n"
            + "{\"Records\":[" + Event(5000) + "]}"),
        ["records"] = Utf8("{\"Records\":[\n" + string.Join(",\n", Enumerable.Range(0, 150).Select(Event)) + ",\"s\"],\"More\":{\"x\":[1]}}\n" + Event(7000) + "\nnope"),
        ["array, truncated"] = Utf8("[" + string.Join(",\n", Enumerable.Range(0, 150).Select(Event)) + ",\n4,\n{\"eventName\": \"x\" oops\n" + Event(1) + "]"),
        ["pretty objects"] = Utf8(string.Join("\n", Enumerable.Range(0, 80).Select(i =>
            i % 13 == 4 ? "{\n  \"eventName\": bad\n}" : JsonSerializer.Serialize(JsonDocument.Parse(Event(i)).RootElement, new JsonSerializerOptions { WriteIndented = true })))),
        ["gzip ndjson"] = Gzip(Utf8(string.Concat(Enumerable.Range(0, 400).Select(i => Event(i) + "\n")))),
        ["gzip, truncated"] = Gzip(Utf8(string.Concat(Enumerable.Range(0, 400).Select(i => Event(i) + "\n"))))[..3000],
    };

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private static byte[] Gzip(byte[] bytes)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return compressed.ToArray();
    }

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in Files.Keys)
        {
            foreach (var size in new[] { 1, 7, 100, 1000, 4096, 1 << 20 })
            {
                data.Add(file, size);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Chunks_give_the_events_and_reports_of_the_reader(string name, int chunkBytes)
    {
        var path = Path.Combine(Path.GetTempPath(), "rulec-chunks-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllBytes(path, Files[name]);
        try
        {
            var expected = new List<string>();
            foreach (var record in EventReader.ReadFile(path, e => expected.Add("error " + e)))
            {
                expected.Add($"{record.Line}: {record.Event.GetRawText()}");
            }

            var actual = new List<string>();
            var chunks = 0;
            foreach (var chunk in EventReader.ReadFileChunks(path, e => actual.Add("error " + e), chunkBytes))
            {
                chunks++;
                foreach (var (evt, line) in EventReader.EventsIn(chunk, e => actual.Add("error " + e)))
                {
                    actual.Add($"{line}: {evt.GetRawText()}");
                }
            }

            Assert.True(expected.Count(e => !e.StartsWith("error", StringComparison.Ordinal)) >= 50, "most records are events");
            Assert.Equal(expected, actual);
            if (chunkBytes == 1 << 20 && name.StartsWith("ndjson", StringComparison.Ordinal))
            {
                // A file smaller than a chunk is handed on whole: its complete lines, then the last one, which has no newline.
                Assert.Equal(2, chunks);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
