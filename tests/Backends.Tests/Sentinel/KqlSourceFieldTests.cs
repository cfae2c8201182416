using RuleCompiler.Backends.Sentinel.Analysis;
using Xunit;

namespace RuleCompiler.Backends.Tests.Sentinel;

/// <summary>
/// Fields no table column holds as such: a field mapped to a path below a dynamic column (AWSEKSLogs keeps the whole
/// Kubernetes audit event in RawEvent) is read from that path, converted to the field's type, as a column of its own
/// written where the table is read, once, and only when the pipeline reads it; and Kusto.Language accepts the query.
/// </summary>
public class KqlSourceFieldTests
{
    private const string Search =
        "where verb == \"list\" and user.username == \"system:anonymous\" and responseStatus.code >= 400\n"
        + "| mv-expand g = user.groups\n"
        + "| summarize n = count(), first = min(requestReceivedTimestamp) by group = tostring(g), code = responseStatus.code, uri = requestURI";

    [Fact]
    public void A_field_below_a_dynamic_column_is_read_from_its_path_in_the_fields_type()
    {
        using var probe = ProbeRepository.With(Search, "k8s_audit");
        var query = probe.Emit();

        Assert.True(query.Portable, string.Join("\n", query.Diagnostics));
        var lines = query.Text.Split('\n');
        Assert.Equal("AWSEKSLogs", lines[0]);
        // One column per field read, in the data source's order, before the first stage.
        Assert.Equal(
            [
                "| extend requestURI = tostring(RawEvent.requestURI)",
                "| extend verb = tostring(RawEvent.verb)",
                "| extend ['user.username'] = tostring(RawEvent.user.username)",
                "| extend ['user.groups'] = RawEvent.user.groups",
                "| extend ['responseStatus.code'] = tolong(RawEvent.responseStatus.code)",
                "| extend requestReceivedTimestamp = todatetime(RawEvent.requestReceivedTimestamp)",
            ],
            lines[1..7]);
        Assert.StartsWith("| where ", lines[7], StringComparison.Ordinal);
        Assert.Equal(6, lines.Count(l => l.Contains("RawEvent", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_unread_field_below_the_column_is_not_written()
    {
        using var probe = ProbeRepository.With("where verb == \"get\"\n| project verb", "k8s_audit");
        var query = probe.Emit();

        Assert.True(query.Portable, string.Join("\n", query.Diagnostics));
        Assert.Equal(["AWSEKSLogs", "| extend verb = tostring(RawEvent.verb)", "| where verb == \"get\"", "| project verb", ""], query.Text.Split('\n'));
    }

    [AnalyzerFact]
    public void Kusto_language_accepts_the_paths_below_RawEvent()
    {
        using var probe = ProbeRepository.With(Search, "k8s_audit");
        var analysis = AnalyzerFactAttribute.Analyzer.Analyze(KqlRules.Tables, [new KustoQuery("k8s", probe.Emit().Text)]);

        Assert.True(analysis.IsAvailable, analysis.ToString());
        Assert.Equal([], analysis.Results.SelectMany(r => r.Errors.Select(e => $"{e.Line}:{e.Column}: {e.Code} {e.Message}")));
    }
}
