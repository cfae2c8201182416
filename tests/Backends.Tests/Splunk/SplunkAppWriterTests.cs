using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using RuleCompiler.Backends.Splunk;
using RuleCompiler.Backends.Splunk.App;
using RuleCompiler.Backends.Splunk.Conf;
using Xunit;

namespace RuleCompiler.Backends.Tests.Splunk;

/// <summary>The Splunk app of the four Splunk seed rules: layout, .conf validity against Splunk's specs, ESCU conventions, determinism.</summary>
public class SplunkAppWriterTests
{
    private static SplunkAppFiles Rendered => SplunkAppWriter.Render(SplunkAppFixture.App);

    [SplunkAppFact]
    public void TheAppHasTheEscuLayout()
    {
        var rendered = Rendered;
        Assert.Empty(rendered.Diagnostics);
        Assert.Equal(
            ["README.md", "app.manifest", "default/analyticstories.conf", "default/app.conf", "default/macros.conf", "default/savedsearches.conf", "default/transforms.conf", "lookups/aws_ecr_users_asl.csv", "metadata/default.meta"],
            rendered.Files.Keys);
    }

    [SplunkAppFact]
    public void EveryConfParsesAndPassesSplunksSpecs()
    {
        var rendered = Rendered;
        var checks = new (string Path, ConfSpec Spec, ConfSpec? Actions)[]
        {
            ("default/savedsearches.conf", SplunkReference.SavedSearches(), SplunkReference.AlertActions()),
            ("default/macros.conf", SplunkReference.Spec("macros.conf"), null),
            ("default/app.conf", SplunkReference.Spec("app.conf"), null),
            ("default/transforms.conf", SplunkReference.Spec("transforms.conf"), null),
            ("metadata/default.meta", SplunkReference.Spec("default.meta"), null),
            ("default/analyticstories.conf", SplunkReference.EscuKeys("analyticstories.conf"), null),
        };
        foreach (var (path, spec, actions) in checks)
        {
            var file = ConfReader.Read(path, rendered.Text(path));
            Assert.Empty(file.Problems);
            Assert.NotEmpty(file.Stanzas);
            Assert.Empty(ConfChecker.Check(file, spec, actions));
        }
    }

    [SplunkAppFact]
    public void AppAndMacroKeysAreOnesTheRealEscuAppUses()
    {
        var rendered = Rendered;
        foreach (var name in new[] { "app.conf", "macros.conf" })
        {
            var file = ConfReader.Read(name, rendered.Text("default/" + name));
            var escu = SplunkReference.EscuKeys(name);
            var keysUsed = escu.Stanzas.SelectMany(s => s.Keys).Select(k => k.Name).ToHashSet();
            Assert.All(file.Stanzas.SelectMany(s => s.Entries), e => Assert.Contains(e.Key, keysUsed));
        }
    }

    [SplunkAppFact]
    public void SavedSearchesFollowEscuConventions()
    {
        var saved = ConfReader.Read("savedsearches.conf", Rendered.Text("default/savedsearches.conf"));
        Assert.Equal(SplunkAppFixture.SeedRules.Length, saved.Stanzas.Length);
        var medium = saved.Find("DA-ESS-RuleCompiler - AWS ECR Container Scanning Findings Medium - Rule")!;

        Assert.Equal("1", medium["action.risk"]);
        Assert.Equal(
            """[{"risk_object_field":"user","risk_object_type":"user","risk_score":21},{"risk_object_field":"repository","risk_object_type":"other","risk_score":21}]""",
            medium["action.risk.param._risk"]);
        Assert.Equal("Vulnerabilities with severity $severity$ found in repository $repository$", medium["action.risk.param._risk_message"]);
        Assert.Equal(
            """{"analytic_story":["Dev Sec Ops"],"cis20":["CIS 13"],"kill_chain_phases":["Installation"],"mitre_attack":["T1204.003","T1204"],"nist":["DE.AE"]}""",
            medium["action.correlationsearch.annotations"]);
        Assert.Equal("0 * * * *", medium["cron_schedule"]);
        Assert.Equal("-1h", medium["dispatch.earliest_time"]);
        Assert.Null(medium["action.notable"]); // an anomaly raises risk, not a notable
        Assert.StartsWith("`cloudtrail` eventSource=ecr.amazonaws.com", medium["search"], StringComparison.Ordinal);
        Assert.EndsWith("\n| `aws_ecr_container_scanning_findings_medium_filter`", medium["search"], StringComparison.Ordinal);
        Assert.Equal(SplunkAppFixture.OnePipePerLine(SplunkAppFixture.EscuSearch("aws_ecr_container_scanning_findings_medium")), medium["search"]);
    }

    [SplunkAppFact]
    public void MacrosDefineSourcesCtimeAndOneFilterPerRule()
    {
        var macros = ConfReader.Read("macros.conf", Rendered.Text("default/macros.conf"));
        Assert.Equal("sourcetype=aws:cloudtrail", macros.Find("cloudtrail")!["definition"]);
        Assert.NotNull(macros.Find("amazon_security_lake"));
        Assert.Equal("convert timeformat=\"%Y-%m-%dT%H:%M:%S\" ctime($field$)", macros.Find("security_content_ctime(1)")!["definition"]);
        foreach (var rule in SplunkAppFixture.SeedRules)
        {
            Assert.Equal("search *", macros.Find(rule + "_filter")!["definition"]);
        }
    }

    [SplunkAppFact]
    public void ListsBecomeCsvLookupsWithATransform()
    {
        var rendered = Rendered;
        var transforms = ConfReader.Read("transforms.conf", rendered.Text("default/transforms.conf"));
        var lookup = transforms.Find("aws_ecr_users_asl")!;
        Assert.Equal(("aws_ecr_users_asl.csv", "false"), (lookup["filename"], lookup["case_sensitive_match"]));
        var rows = rendered.Text("lookups/aws_ecr_users_asl.csv").Split('\n');
        Assert.Equal("value", rows[0]);
        Assert.Contains("arn:aws:iam::111122223333:user/ci-image-publisher", rows);
    }

    [SplunkAppFact]
    public void StoriesListTheirDetections()
    {
        var stories = ConfReader.Read("analyticstories.conf", Rendered.Text("default/analyticstories.conf"));
        var devSecOps = stories.Find("analytic_story://Dev Sec Ops")!;
        Assert.Contains("\"DA-ESS-RuleCompiler - AWS ECR Container Scanning Findings High - Rule\"", devSecOps["searches"], StringComparison.Ordinal);
        Assert.Equal("detection", stories.Find("savedsearch://DA-ESS-RuleCompiler - AWS ECR Container Scanning Findings High - Rule")!["type"]);
    }

    [SplunkAppFact]
    public void TheTarballHoldsTheAppFolderSortedWithFixedMetadata()
    {
        var app = SplunkAppFixture.App;
        var bytes = SplunkAppWriter.Tarball(app, SplunkAppWriter.Render(app));
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        var entries = new List<TarEntry>();
        while (reader.GetNextEntry() is { } entry)
        {
            entries.Add(entry);
        }

        var names = entries.Select(e => e.Name).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Contains("DA-ESS-RuleCompiler/default/savedsearches.conf", names);
        Assert.Contains("DA-ESS-RuleCompiler/default/", names);
        Assert.Contains("DA-ESS-RuleCompiler/app.manifest", names);
        Assert.All(names, n => Assert.StartsWith("DA-ESS-RuleCompiler/", n, StringComparison.Ordinal));
        Assert.All(entries, e => Assert.Equal((0, 0), (e.Uid, e.Gid)));
        var newestRule = app.Rules.Max(r => r.Rule.Date).ToDateTime(TimeOnly.MinValue);
        Assert.All(entries, e => Assert.Equal(new DateTimeOffset(newestRule, TimeSpan.Zero), e.ModificationTime));
        Assert.All(entries.Where(e => e.EntryType == TarEntryType.RegularFile), e => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, e.Mode));
    }

    [SplunkAppFact]
    public void BuildingTwiceGivesTheSameBytesInAnyCultureAndTimeZone()
    {
        var outA = Directory.CreateTempSubdirectory("rulec-splunk-a").FullName;
        var outB = Directory.CreateTempSubdirectory("rulec-splunk-b").FullName;
        var culture = CultureInfo.CurrentCulture;
        var timeZone = Environment.GetEnvironmentVariable("TZ");
        try
        {
            var first = SplunkAppWriter.Write(SplunkAppFixture.Build(SplunkAppInfo.DefaultName), outA);
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = UnusualCulture();
            Environment.SetEnvironmentVariable("TZ", "Pacific/Kiritimati");
            TimeZoneInfo.ClearCachedData();
            var second = SplunkAppWriter.Write(SplunkAppFixture.Build(SplunkAppInfo.DefaultName), outB);

            Assert.Empty(first.Diagnostics);
            Assert.Equal(Path.Combine(outA, "splunk", "DA-ESS-RuleCompiler-1.0.0.tar.gz"), first.Tarball);
            Assert.Equal(File.ReadAllBytes(first.Tarball!), File.ReadAllBytes(second.Tarball!));
            Assert.True(File.Exists(Path.Combine(outA, "splunk", "DA-ESS-RuleCompiler", "default", "savedsearches.conf")));
        }
        finally
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
            Environment.SetEnvironmentVariable("TZ", timeZone);
            TimeZoneInfo.ClearCachedData();
            Directory.Delete(outA, recursive: true);
            Directory.Delete(outB, recursive: true);
        }
    }

    /// <summary>
    /// The repository builds with invariant globalization, so no named culture exists; a modified clone of the
    /// invariant culture changes what culture-sensitive formatting would (digits' signs, separators, date order).
    /// </summary>
    private static CultureInfo UnusualCulture()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NegativeSign = "\u2212";
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = ".";
        culture.DateTimeFormat.DateSeparator = ".";
        culture.DateTimeFormat.ShortDatePattern = "dd.MM.yyyy";
        culture.DateTimeFormat.LongTimePattern = "HH.mm.ss";
        return culture;
    }

    [SplunkAppFact]
    public void AValueAConfFileCannotHoldStopsTheBuildWithADiagnosticAtTheRule()
    {
        var app = SplunkAppFixture.App;
        var broken = app with { Rules = [app.Rules[0] with { Spl = "`cloudtrail` x=1 \\\n| stats count" }, .. app.Rules.Skip(1)] };
        var outDir = Directory.CreateTempSubdirectory("rulec-splunk-bad").FullName;
        try
        {
            var output = SplunkAppWriter.Write(broken, outDir);
            var problem = Assert.Single(output.Diagnostics);
            Assert.Equal(SplunkDiagnostics.ConfValueNotWritable, problem.Code);
            Assert.Equal(app.Rules[0].Rule.Path, problem.Span.Path);
            Assert.Null(output.Tarball);
            Assert.False(Directory.Exists(Path.Combine(outDir, "splunk")));
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }
}
