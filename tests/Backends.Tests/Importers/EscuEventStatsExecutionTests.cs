using RuleCompiler.Backends.Tests.CSharp;
using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Importers.Escu;
using Xunit;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary>
/// What eventstats means in SPL, run through the C# backend on hand-made CloudTrail events: the imported join gives
/// every row the aggregates of its key's rows, a row whose key is missing or empty gets none and counts in none, and
/// without by every row gets the aggregates of all rows.
/// </summary>
public class EscuEventStatsExecutionTests
{
    private static readonly string[] Events =
    [
        .. new[] { "\"sourceIPAddress\": \"192.0.2.1\"", "\"sourceIPAddress\": \"192.0.2.1\"", "\"sourceIPAddress\": \"192.0.2.2\"", "\"awsRegion\": \"x\"", "\"sourceIPAddress\": \"\"" }
            .Select((field, i) => $"{{\"eventTime\": \"2024-06-01T07:30:0{i}Z\", \"eventID\": \"{i + 1}\", {field}}}"),
    ];

    private static List<string> Run(string spl)
    {
        var translated = SplQueryTranslator.Translate(spl, EscuScratch.Context);
        Assert.True(translated.Search is not null, string.Join("\n", translated.Diagnostics));
        var rows = RuleHarness.Run(QueryParser.Parse(translated.Search!).Query!, Events);
        return [.. rows.Select(RuleHarness.Text).Order(StringComparer.Ordinal)];
    }

    [Fact]
    public void Every_row_gets_its_keys_aggregates_and_a_row_without_the_key_gets_none() =>
        Assert.Equal(
            ["eventID=1, per_ip=2", "eventID=2, per_ip=2", "eventID=3, per_ip=1", "eventID=4, per_ip=", "eventID=5, per_ip="],
            Run("`cloudtrail` | eventstats count as per_ip by sourceIPAddress | table eventID, per_ip"));

    [Fact]
    public void Without_by_every_row_gets_the_aggregates_of_all_rows() =>
        Assert.Equal(
            ["eventID=1, total=5, ips=2", "eventID=2, total=5, ips=2", "eventID=3, total=5, ips=2", "eventID=4, total=5, ips=2", "eventID=5, total=5, ips=2"],
            Run("`cloudtrail` | eventstats count as total dc(sourceIPAddress) as ips | table eventID, total, ips"));
}
