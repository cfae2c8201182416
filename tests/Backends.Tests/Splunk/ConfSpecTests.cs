using RuleCompiler.Backends.Splunk;
using RuleCompiler.Backends.Splunk.Conf;
using Xunit;

namespace RuleCompiler.Backends.Tests.Splunk;

/// <summary>Reading Splunk's .spec files and checking .conf text against them.</summary>
public class ConfSpecTests
{
    [ReferenceFact]
    public void ReadsSavedSearchesSpecKeysAndTypes()
    {
        var spec = SplunkReference.Spec("savedsearches.conf");
        var keys = spec.Stanzas.Single(s => s.Name == "<stanza name>").Keys
            .GroupBy(k => k.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Type, StringComparer.Ordinal);

        Assert.True(keys.Count > 200, $"only {keys.Count} keys read");
        Assert.Equal("boolean", keys["disabled"].ToString());
        Assert.Equal("0 | 1", keys["enableSched"].ToString());
        Assert.Equal("unsignedinteger | auto", keys["schedule_window"].ToString());
        Assert.Equal("integer", keys["quantity"].ToString());
        Assert.True(keys["search"].IsAny);
        Assert.True(keys["dispatch.ttl"].IsAny); // <integer>[p] is not a plain integer
        Assert.Contains("action.<action_name>.<parameter>", keys.Keys);
    }

    [ReferenceFact]
    public void TheRealEscuAppFilesPassSplunksSpecs()
    {
        Assert.Empty(ConfChecker.Check(SplunkReference.EscuConf("app.conf"), SplunkReference.Spec("app.conf")));
        Assert.Empty(ConfChecker.Check(SplunkReference.EscuConf("macros.conf"), SplunkReference.Spec("macros.conf")));
        var meta = ConfReader.Read("default.meta", File.ReadAllText(Path.Combine(SplunkReference.EscuApp, "metadata", "default.meta")));
        Assert.Empty(ConfChecker.Check(meta, SplunkReference.Spec("default.meta")));
    }

    [ReferenceFact]
    public void UnknownKeysAndWrongTypesAreReportedWhereTheyAre()
    {
        const string text = "[ESCU - X - Rule]\ndisabled = maybe\nenableSched = 1\nschedule_window = auto\nquantity = -3\nsearchh = x\naction.email.to = a@b.c\naction.nosuchaction = 1\naction.escu.eli5 = why\naction.risk.param._risk_score = high\n";
        var file = ConfReader.Read("savedsearches.conf", text);

        var problems = ConfChecker.Check(file, SplunkReference.SavedSearches(), SplunkReference.AlertActions());

        Assert.Equal(
            [
                $"savedsearches.conf(2,12): error {SplunkDiagnostics.ConfValueType}",
                $"savedsearches.conf(6,1): error {SplunkDiagnostics.ConfUnknownKey}",
                $"savedsearches.conf(8,1): error {SplunkDiagnostics.ConfUnknownKey}",
                $"savedsearches.conf(10,33): error {SplunkDiagnostics.ConfValueType}",
            ],
            problems.Select(p => p.ToString()[..p.ToString().IndexOf(": ", p.ToString().IndexOf("error", StringComparison.Ordinal), StringComparison.Ordinal)]));
    }

    [ReferenceFact]
    public void StanzaSpecificKeysOnlyCountInTheirStanza()
    {
        var file = ConfReader.Read("app.conf", "[launcher]\nversion = 1.0.0\nis_configured = true\n[install]\nis_configured = true\nbuild = soon\n");
        var problems = ConfChecker.Check(file, SplunkReference.Spec("app.conf"));
        Assert.Equal([(3, SplunkDiagnostics.ConfUnknownKey), (6, SplunkDiagnostics.ConfValueType)], problems.Select(p => (p.Span.Line, p.Code)));
    }

    [ReferenceFact]
    public void TheEsSupplementOnlyDeclaresWhatNoPublicSpecDoes()
    {
        var publicSaved = ConfSpec.Merge(SplunkReference.Spec("savedsearches.conf"), SplunkReference.LegacyEscuSpec("savedsearches.conf"));
        var publicActions = ConfSpec.Merge(SplunkReference.Spec("alert_actions.conf"), SplunkReference.LegacyEscuSpec("alert_actions.conf"));

        foreach (var key in EnterpriseSecuritySpecs.SavedSearches.Stanzas.SelectMany(s => s.Keys).Where(k => !k.Name.Contains('<')).Select(k => k.Name).Distinct())
        {
            Assert.DoesNotContain(publicSaved.Stanzas.SelectMany(s => s.Keys), k => k.Name == key);
        }

        foreach (var stanza in EnterpriseSecuritySpecs.AlertActions.Stanzas.Where(s => !s.HasPlaceholder))
        {
            var declaredPublicly = publicActions.Stanzas.Where(s => s.Name == stanza.Name).SelectMany(s => s.Keys).Select(k => k.Name)
                .Except(GlobalAlertActionKeys(publicActions)).ToHashSet();
            Assert.DoesNotContain(stanza.Keys.Select(k => k.Name), declaredPublicly.Contains);
        }
    }

    private static HashSet<string> GlobalAlertActionKeys(ConfSpec spec) =>
        spec.Stanzas.Where(s => s.Name == SpecStanza.AnyStanza).SelectMany(s => s.Keys).Select(k => k.Name).ToHashSet();
}
