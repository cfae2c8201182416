using System.IO.Compression;
using System.Text;
using RuleCompiler.Runtime.Events;
using Xunit;

namespace RuleCompiler.Backends.Tests.Runtime;

public class EventReaderTests
{
    private static (List<string> Names, List<long> Lines, List<EventError> Errors) Read(byte[] bytes)
    {
        var errors = new List<EventError>();
        var names = new List<string>();
        var lines = new List<long>();
        foreach (var record in EventReader.Read(new MemoryStream(bytes), "events.json", errors.Add))
        {
            names.Add(record.Event.GetProperty("eventName").GetString()!);
            lines.Add(record.Line);
        }

        return (names, lines, errors);
    }

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void ReadsCloudTrailRecordsFiles()
    {
        var (names, _, errors) = Read(Utf8("""{"Records":[{"eventName":"A"},{"eventName":"B"}]}"""));
        Assert.Equal(["A", "B"], names);
        Assert.Empty(errors);
    }

    [Fact]
    public void ReadsGzippedRecordsFiles()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Utf8("""{"Records":[{"eventName":"A"}, {"eventName":"B"}]}"""));
        }

        var (names, _, errors) = Read(compressed.ToArray());
        Assert.Equal(["A", "B"], names);
        Assert.Empty(errors);
    }

    [Fact]
    public void ReadsArraysAndPrettyPrintedObjectsWithLines()
    {
        var (names, lines, errors) = Read(Utf8("[\n  {\"eventName\": \"A\"},\n  {\n    \"eventName\": \"B\"\n  }\n]\n"));
        Assert.Equal(["A", "B"], names);
        Assert.Equal([2L, 3L], lines);
        Assert.Empty(errors);

        (names, _, errors) = Read(Utf8("{\n  \"eventName\": \"Single\"\n}\n"));
        Assert.Equal(["Single"], names);
        Assert.Empty(errors);
    }

    [Fact]
    public void NdjsonSkipsAndReportsBadLinesWithTheirNumbers()
    {
        var text = "{\"eventName\":\"A\"}\n\n{\"eventName\": broken\n[1,2]\r\n{\"eventName\":\"B\"}";
        var (names, lines, errors) = Read(Utf8(text));
        Assert.Equal(["A", "B"], names);
        Assert.Equal([1L, 5L], lines);
        Assert.Equal(2, errors.Count);
        Assert.Equal((3L, EventReader.MalformedCode), (errors[0].Line, errors[0].Code));
        Assert.Equal((4L, EventReader.NotAnObjectCode), (errors[1].Line, errors[1].Code));
        Assert.StartsWith("events.json(3,1): error RC3001: malformed JSON line", errors[0].ToString());
    }

    [Fact]
    public void ABrokenRecordInAnArrayIsReportedAndEndsTheFile()
    {
        var (names, _, errors) = Read(Utf8("[\n{\"eventName\":\"A\"},\n{\"eventName\" \"B\"},\n{\"eventName\":\"C\"}\n]"));
        Assert.Equal(["A"], names);
        var error = Assert.Single(errors);
        Assert.Equal(EventReader.MalformedCode, error.Code);
        Assert.Equal(3L, error.Line);
    }

    [Fact]
    public void ATruncatedFirstNdjsonLineLosesOnlyItself()
    {
        var (names, lines, errors) = Read(Utf8("{\"eventName\":\"A\"\n{\"eventName\":\"B\"}\n{\"eventName\":\"C\"}\n"));
        Assert.Equal(["B", "C"], names);
        Assert.Equal([2L, 3L], lines);
        var error = Assert.Single(errors);
        Assert.Equal((1L, EventReader.MalformedCode), (error.Line, error.Code));
    }

    [Fact]
    public void ABrokenPrettyPrintedObjectIsSkippedAndTheNextOneRead()
    {
        var text = "{\n  \"eventName\": \"A\"\n}\n{\n  \"eventName\" \"B\"\n}\n{\n  \"eventName\": \"C\"\n}\n";
        var (names, lines, errors) = Read(Utf8(text));
        Assert.Equal(["A", "C"], names);
        Assert.Equal([1L, 7L], lines);
        var error = Assert.Single(errors);
        Assert.Equal((4L, EventReader.MalformedCode), (error.Line, error.Code));
        Assert.Contains("at line 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedArrayIsReported()
    {
        var (names, _, errors) = Read(Utf8("[{\"eventName\":\"A\"}, {\"eventName\":"));
        Assert.Equal(["A"], names);
        Assert.Equal(EventReader.TruncatedCode, Assert.Single(errors).Code);
    }

    [Fact]
    public void RecordsLargerThanTheBufferAreReadWhole()
    {
        var big = new string('x', 300_000);
        var text = $"{{\"eventName\":\"A\",\"pad\":\"{big}\"}}\n{{\"eventName\":\"B\"}}\n";
        Assert.Equal(["A", "B"], Read(Utf8(text)).Names);
        Assert.Equal(["A", "B"], Read(Utf8($"[{text.Replace("\n", ",", StringComparison.Ordinal).TrimEnd(',')}]")).Names);
    }

    [Theory]
    [InlineData("ndjson")]
    [InlineData("array")]
    [InlineData("records")]
    public void AnEventOverTheSizeLimitIsReportedAndTheRestOfTheFileSkipped(string layout)
    {
        var big = new string('x', 33 * 1024 * 1024);
        var text = layout switch
        {
            "ndjson" => $"{{\"eventName\":\"A\"}}\n{{\"eventName\":\"B\",\"pad\":\"{big}\"}}\n{{\"eventName\":\"C\"}}\n",
            "array" => $"[{{\"eventName\":\"A\"}},{{\"eventName\":\"B\",\"pad\":\"{big}\"}},{{\"eventName\":\"C\"}}]",
            _ => $"{{\"Records\":[{{\"eventName\":\"A\"}},{{\"eventName\":\"B\",\"pad\":\"{big}\"}},{{\"eventName\":\"C\"}}]}}",
        };

        var (names, _, errors) = Read(Utf8(text));

        Assert.Equal(["A"], names);
        var error = Assert.Single(errors);
        Assert.Equal(EventReader.RecordTooLargeCode, error.Code);
        Assert.Contains("larger than the limit of 32 MiB; the rest of the file was skipped", error.Message);
    }

    [Fact]
    public void MissingFileIsAnErrorNotAnException()
    {
        var errors = new List<EventError>();
        Assert.Empty(EventReader.ReadFile("/nonexistent/file.json", errors.Add));
        Assert.Equal(EventReader.UnreadableCode, Assert.Single(errors).Code);
    }

    [Fact]
    public void BrokenGzipIsReported()
    {
        // A gzip header followed by a deflate block of the reserved type 3.
        var bytes = new byte[] { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 0x07, 2, 3 };
        var (names, _, errors) = Read(bytes);
        Assert.Empty(names);
        Assert.Equal(EventReader.UnreadableCode, Assert.Single(errors).Code);
    }
}
