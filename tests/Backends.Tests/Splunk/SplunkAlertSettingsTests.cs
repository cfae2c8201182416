using RuleCompiler.Backends.Splunk;
using RuleCompiler.Backends.Splunk.App;
using RuleCompiler.Backends.Splunk.Conf;
using RuleCompiler.Backends.Splunk.Emit;
using RuleCompiler.Compiler.Loading;
using RuleCompiler.Compiler.Model;
using Xunit;

namespace RuleCompiler.Backends.Tests.Splunk;

/// <summary>
/// The alert and incident settings in savedsearches.conf: per-result alerting as digest mode 0, no notable action
/// without incidents, incident grouping as alert suppression over the grouped columns (with the difference stated),
/// and per-alert severity and tactics columns reported as not carried.
/// </summary>
public class SplunkAlertSettingsTests
{
    private const string Rule = "aws_ecr_container_scanning_findings_high";

    private static (Dictionary<string, string> Keys, List<string> Codes) Build(Func<Rule, Rule> change)
    {
        var compiled = CompiledRules.Named(Rule);
        var rule = change(compiled.Rule);
        var app = SplunkApp.Create([new SplunkRule(rule, SplEmitter.Emit(compiled).Spl)], [compiled.DataSource],
            RuleRepository.Load(Path.Combine(RepositoryPaths.Root, "rules")).Lists);
        var rendered = SplunkAppWriter.Render(app);
        var conf = ConfReader.Read("savedsearches.conf", rendered.Text("default/savedsearches.conf"));
        Assert.Empty(conf.Problems);
        var keys = conf.Stanzas.Single(s => s.Name.EndsWith(" - Rule", StringComparison.Ordinal)).Entries.ToDictionary(e => e.Key, e => e.Value);
        return (keys, [.. rendered.Diagnostics.Select(d => d.Code)]);
    }

    private static Located<T> At<T>(T value) => new(value, RuleCompiler.Compiler.Diagnostics.SourceSpan.File("rule.yml"));

    private static Rule Grouped(Rule rule, GroupingMatch match, bool reopen = false) => rule with
    {
        Alert = new AlertTemplate(null, null, [new CustomDetail(At("Finding"), At("finding"))], rule.Span),
        Incident = new IncidentSettings(true, new IncidentGrouping(At(TimeSpan.FromHours(6)), reopen, At(match),
            match == GroupingMatch.Selected ? [At("CloudApplication")] : [], [],
            match == GroupingMatch.Selected ? [At("Finding")] : [], rule.Span), rule.Span),
    };

    [Fact]
    public void WithoutTheSettingsTheSearchAlertsOncePerRunWithANotableAndNoSuppression()
    {
        var (keys, codes) = Build(r => r);
        Assert.Equal("1", keys["alert.digest_mode"]);
        Assert.Equal("1", keys["action.notable"]);
        Assert.DoesNotContain("alert.suppress", keys.Keys);
        Assert.Empty(codes);
    }

    [Fact]
    public void PerResultAlertingIsDigestModeZero()
    {
        var (keys, codes) = Build(r => r with { Alert = new AlertTemplate(null, null, [], r.Span) { PerResult = At(true) } });
        Assert.Equal("0", keys["alert.digest_mode"]);
        Assert.Empty(codes);
    }

    [Fact]
    public void WithoutIncidentsThereIsNoNotableAction()
    {
        var (keys, _) = Build(r => r with { Incident = new IncidentSettings(false, null, r.Span) });
        Assert.DoesNotContain("action.notable", keys.Keys);
        Assert.Equal("1", keys["action.risk"]);
    }

    [Fact]
    public void SelectedGroupingSuppressesByTheSelectedEntityAndCustomDetailColumns()
    {
        var (keys, codes) = Build(r => Grouped(r, GroupingMatch.Selected, reopen: true));
        Assert.Equal("1", keys["alert.suppress"]);
        Assert.Equal("repositoryName,finding", keys["alert.suppress.fields"]);
        Assert.Equal("6h", keys["alert.suppress.period"]);
        Assert.Equal([SplunkDiagnostics.GroupingAsSuppression], codes);
    }

    [Fact]
    public void AllEntitiesGroupingSuppressesByEveryEntityColumnAndAnyAlertByNone()
    {
        Assert.Equal("user,repositoryName", Build(r => Grouped(r, GroupingMatch.AllEntities)).Keys["alert.suppress.fields"]);
        var (keys, _) = Build(r => Grouped(r, GroupingMatch.AnyAlert));
        Assert.Equal("1", keys["alert.suppress"]);
        Assert.DoesNotContain("alert.suppress.fields", keys.Keys);
    }

    [Fact]
    public void ScheduleSuppressionWinsOverGroupingWithAWarning()
    {
        var (keys, codes) = Build(r => Grouped(r, GroupingMatch.AnyAlert) with { Schedule = r.Schedule with { Suppression = At(TimeSpan.FromHours(1)) } });
        Assert.Equal("1h", keys["alert.suppress.period"]);
        Assert.Equal([SplunkDiagnostics.GroupingNotCarried], codes);
    }

    [Fact]
    public void PerAlertSeverityAndTacticsColumnsAreReportedAsNotCarried()
    {
        var (_, codes) = Build(r => r with { Alert = new AlertTemplate(null, null, [], r.Span) { SeverityColumn = At("finding"), TacticsColumn = At("finding") } });
        Assert.Equal([SplunkDiagnostics.AlertSettingNotCarried, SplunkDiagnostics.AlertSettingNotCarried], codes);
    }
}
