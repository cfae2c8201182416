using System.Text.Json;
using System.Text.RegularExpressions;
using RuleCompiler.Backends.Sentinel.Analysis;
using RuleCompiler.Backends.Splunk.Emit;
using RuleCompiler.Backends.Tests.CSharp;
using RuleCompiler.Backends.Tests.Splunk;
using RuleCompiler.Compiler.Catalogues;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Importers;
using RuleCompiler.Importers.Escu;
using RuleCompiler.Importers.Verification;
using RuleCompiler.Runtime.Events;
using RuleCompiler.Runtime.Rows;
using Xunit;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary>
/// tstats over the data-model data sources (cim_authentication, cim_change, es_risk), on hand-written searches in the
/// style of ESCU: each imports (golden canonical rule under Golden/EscuTstats), binds, runs in C#, compiles back to
/// tstats (golden SPL under Golden/SplunkTstats) and reads back to the same canonical search; what has no faithful
/// translation is refused at its place.
/// </summary>
public partial class EscuTstatsTests
{
    public static TheoryData<string, string> Cases => new()
    {
        {
            // ESCU's risk shape: the summaries macro (fillnull_value=null), time aggregates, drop_dm_object_name.
            "risk_by_object_summaries_macro",
            "| tstats `security_content_summariesonly` count min(_time) as firstTime max(_time) as lastTime sum(All_Risk.calculated_risk_score) as risk_score"
            + " values(All_Risk.annotations.mitre_attack.mitre_tactic_id) as tactics dc(source) as detections from datamodel=Risk.All_Risk"
            + " where All_Risk.risk_object_type=user source=*AWS* by All_Risk.risk_object | `drop_dm_object_name(All_Risk)`"
            + " | where detections >= 2 | `security_content_ctime(firstTime)` | `security_content_ctime(lastTime)`"
        },
        {
            // The root dataset named by the data model alone; span= over _time; a wildcard and OR binding tighter than AND.
            "authentication_failures_per_ten_minutes",
            "| tstats count from datamodel=Authentication where Authentication.action=failure Authentication.app=signin* OR Authentication.app=sso*"
            + " by _time Authentication.user Authentication.src span=10m | `drop_dm_object_name(Authentication)` | where count > 5"
        },
        {
            // summariesonly=true (noted), no where, values(), an explicit rename instead of the macro.
            "authentication_sources_per_user",
            "| tstats summariesonly=true allow_old_summaries=false count values(Authentication.src) as src from datamodel=Authentication.Authentication"
            + " by Authentication.user | rename Authentication.user as user | where count > 1"
        },
        {
            // fillnull_value groups rows without a by-field under its text; IN, a parenthesised OR and NOT.
            "change_deletions_fillnull",
            "| tstats fillnull_value=\"unknown\" count dc(All_Changes.object) as objects from datamodel=Change.All_Changes"
            + " where All_Changes.action IN (deleted, modified) (All_Changes.user_type=AssumedRole OR All_Changes.user_type=IAMUser) NOT All_Changes.status=failure"
            + " by All_Changes.user All_Changes.vendor_region | `drop_dm_object_name(All_Changes)` | where objects >= 3"
        },
        {
            // No by-fields: one row of aggregates; earliest/latest of _time.
            "change_trail_deletions_overall",
            "| tstats count earliest(_time) as firstTime latest(_time) as lastTime from datamodel=Change.All_Changes where All_Changes.command=DeleteTrail"
            + " | `security_content_ctime(firstTime)` | `security_content_ctime(lastTime)`"
        },
        {
            // avg and max of a number field, and a count of the rows where a field has a value.
            "authentication_durations",
            "| tstats avg(Authentication.duration) as mean max(Authentication.duration) as longest count(Authentication.reason) as with_reason"
            + " from datamodel=Authentication where Authentication.signature=ConsoleLogin by Authentication.user | where longest > 3 * mean"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Tstats_imports_binds_runs_writes_back_as_tstats_and_round_trips(string name, string search)
    {
        using var scratch = new EscuScratch();
        var source = Path.Combine(scratch.Root, name + ".yml");
        File.WriteAllText(source, EscuImporterTests.Header + "search: '" + search.Replace("'", "''", StringComparison.Ordinal) + "'\n");
        var imported = Assert.Single(ImportBatch.Run(new EscuImporter(AttackCatalogue.Default, EscuScratch.Context), [source], scratch.Rules, p => p));
        Assert.True(imported.Yaml is not null, string.Join("\n", imported.Diagnostics));
        Assert.Equal(ImportStatus.Imported, imported.Status);
        ImportGolden.MatchesAndBinds(imported, Path.Combine(RepositoryPaths.Root, "tests", "Backends.Tests", "Golden", "EscuTstats", name + ".yml"));

        var verified = Assert.Single(ImportVerifier.Verify("escu", [imported], scratch.Rules, p => p, new EscuRoundTripComparer(EscuScratch.Context),
            (_, _) => KustoAnalysis.Unavailable("not needed"), [JsonDocument.Parse(DataModelRow).RootElement]).Rules);
        Assert.True(verified.Bound, verified.BindReason);
        Assert.True(verified.CSharpRan, verified.CSharpReason);
        Assert.True(verified.RoundTrip, verified.RoundTripReason);
        // No Log Analytics table holds a data model: the Sentinel target says so for the whole rule.
        Assert.Contains("RC4104", verified.KqlReason ?? "", StringComparison.Ordinal);

        var compiled = EscuScratch.Compile(Path.Combine(scratch.Rules, imported.FileName!));
        var spl = SplEmitter.Emit(Assert.Single(compiled.Rules));
        Assert.False(spl.HasErrors, string.Join("\n", spl.Diagnostics));
        Assert.StartsWith("| tstats summariesonly=false allow_old_summaries=true ", spl.Spl, StringComparison.Ordinal);
        SplGolden.Matches(spl.Spl + "\n", "SplunkTstats", name + ".spl");
    }

    private const string DataModelRow = """{"_time": "2024-06-01T07:30:00Z", "source": "AWS Rule", "All_Risk": {"risk_object": "alice", "calculated_risk_score": 10}}""";

    private static ImportedRule Import(string search) =>
        new EscuImporter(AttackCatalogue.Default, EscuScratch.Context).Import("rule.yml", EscuImporterTests.Header + "search: '" + search + "'\n", "../../../schemas/rule.schema.json");

    [Theory]
    [InlineData("| tstats prestats=true count from datamodel=Authentication by Authentication.user", "prestats", "RC5039")]
    [InlineData("| tstats append=true count from datamodel=Authentication by Authentication.user", "append", "RC5039")]
    [InlineData("| tstats chunk_size=1000 count from datamodel=Authentication by Authentication.user", "chunk_size", "RC5039")]
    [InlineData("| tstats count from datamodel=Change where nodename=All_Changes.Account_Management by All_Changes.user", "nodename", "RC5039")]
    [InlineData("| tstats count from datamodel=Risk.All_Risk by All_Risk.analyticstories", "All_Risk.analyticstories", "RC5039")]
    [InlineData("| tstats count from datamodel=Authentication by Authentication.user span=1h", "span", "RC5039")]
    [InlineData("| tstats count from my_namespace by host", "my_namespace", "RC5039")]
    [InlineData("| tstats min(_time) as first count from datamodel=Authentication by _time Authentication.user span=1h", "_time", "RC5039")]
    [InlineData("| tstats count where index=main by host", "tstats", "RC5039")]
    [InlineData("| tstats count from datamodel=Network_Traffic.All_Traffic by All_Traffic.src", "Network_Traffic.All_Traffic", "RC5040")]
    [InlineData("| tstats count from datamodel=Risk.Other by All_Risk.risk_object", "Risk.Other", "RC5040")]
    [InlineData("| tstats count from datamodel=Authentication where action=failure by Authentication.user", "action", "RC5041")]
    [InlineData("| tstats count from datamodel=Change where object IN (a, b) by All_Changes.user", "object", "RC5041")]
    [InlineData("| tstats count from datamodel=Authentication by user", "user", "RC5041")]
    [InlineData("| tstats dc(Authentication.nothing) as n from datamodel=Authentication by Authentication.user", "Authentication.nothing", "RC5041")]
    [InlineData("| tstats `summariesonly` count from datamodel=Authentication by Authentication.user", "`summariesonly`", "RC5025")]
    public void What_tstats_cannot_carry_across_is_refused_at_the_construct(string search, string at, string code)
    {
        var result = Import(search);
        Assert.Equal(ImportStatus.Failed, result.Status);
        var diagnostic = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal((9, 10 + search.IndexOf(at, StringComparison.Ordinal)), (diagnostic.Span.Line, diagnostic.Span.Column));
    }

    [Fact]
    public void A_second_tstats_is_refused_at_its_name()
    {
        const string search = "| tstats count from datamodel=Authentication by Authentication.user | tstats count from datamodel=Authentication";
        var diagnostic = Assert.Single(Import(search).Diagnostics, d => d.IsError);
        Assert.Equal((EscuDiagnosticCodes.UnsupportedTstats, 9, 10 + search.LastIndexOf("tstats", StringComparison.Ordinal)), (diagnostic.Code, diagnostic.Span.Line, diagnostic.Span.Column));
    }

    [Fact]
    public void A_field_without_its_dataset_names_the_prefixed_field()
    {
        var result = Import("| tstats count from datamodel=Authentication by user");
        Assert.Contains("names the field Authentication.user", Assert.Single(result.Diagnostics, d => d.IsError).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Summariesonly_true_and_the_summaries_macro_are_noted_not_refused()
    {
        var result = Import("| tstats summariesonly=t count from datamodel=Authentication by Authentication.user");
        Assert.Contains(result.Diagnostics, d => d.Code == EscuDiagnosticCodes.TstatsNote && d.Message.Contains("accelerated summaries", StringComparison.Ordinal));
        var macro = Import("| tstats `security_content_summariesonly` count from datamodel=Authentication by Authentication.user");
        Assert.Contains(macro.Diagnostics, d => d.Code == EscuDiagnosticCodes.TstatsNote && d.Message.Contains("fillnull_value=null", StringComparison.Ordinal));
        Assert.Contains("fill-null \"null\" in Authentication.user", macro.Yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_fillnull_value_the_null_by_field_guard_is_written_and_with_it_the_fill()
    {
        var dropped = Import("| tstats count from datamodel=Authentication by Authentication.user Authentication.src");
        Assert.Contains("where isnotempty(Authentication.user) and isnotempty(Authentication.src)\n  | summarize", dropped.Yaml, StringComparison.Ordinal);
        var filled = Import("| tstats fillnull_value=none count from datamodel=Authentication by _time Authentication.user span=1h");
        Assert.Contains("extend _time = bin(_time, 1h)\n  | fill-null \"none\" in Authentication.user\n  | summarize", filled.Yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("isnotempty", filled.Yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Drop_dm_object_name_renames_only_the_columns_of_its_prefix()
    {
        var result = Import("| tstats count values(Authentication.src) as Authentication.sources from datamodel=Authentication by Authentication.user Authentication.app | `drop_dm_object_name(Authentication)`");
        Assert.Contains("project-rename user = Authentication.user, app = Authentication.app, sources = Authentication.sources", result.Yaml, StringComparison.Ordinal);
        var overEvents = Import("`cloudtrail` | `drop_dm_object_name(Authentication)`");
        Assert.Contains(overEvents.Diagnostics, d => d.Code == EscuDiagnosticCodes.UnsupportedArgument && d.Message.Contains("over events", StringComparison.Ordinal));
    }

    [Fact]
    public void The_importer_reads_past_tstats_and_iplocation()
    {
        // The shape of ESCU's console-login-from-a-new-place rules up to their join: tstats, then iplocation.
        var result = Import("| tstats earliest(_time) as firstTime latest(_time) as lastTime from datamodel=Authentication where Authentication.signature=ConsoleLogin"
            + " by Authentication.user Authentication.src | iplocation Authentication.src | `drop_dm_object_name(Authentication)` | table firstTime lastTime user City");
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        Assert.Contains("City = geo_info_from_ip_address(Authentication.src).city", result.Yaml, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"search: \|\n(  .*\n)+")]
    private static partial Regex SearchBlock();

    /// <summary>A canonical rule over es_risk with this search, compiled, and what the Splunk emitter says about it.</summary>
    private static SplResult EmitOverRisk(string search)
    {
        using var scratch = new EscuScratch();
        var template = Import("| tstats count from datamodel=Risk.All_Risk by All_Risk.risk_object");
        var yaml = SearchBlock().Replace(template.Yaml!, "search: |\n" + string.Concat(search.Split('\n').Select(l => "  " + l + "\n")), 1);
        var compiled = EscuScratch.Compile(scratch.Write(template.FileName!, yaml));
        Assert.True(compiled.ErrorCount == 0, string.Join("\n", compiled.Diagnostics));
        return SplEmitter.Emit(Assert.Single(compiled.Rules));
    }

    [Theory]
    [InlineData("where All_Risk.risk_object_type == \"user\"\n| project All_Risk.risk_object", "RC4016")]
    [InlineData("summarize n = count() by All_Risk.risk_object\n| union (summarize n = count() by All_Risk.risk_object)", "RC4016")]
    [InlineData("where All_Risk.risk_score > All_Risk.calculated_risk_score\n| summarize n = count() by All_Risk.risk_object", "RC4017")]
    [InlineData("summarize n = count() * 2 by All_Risk.risk_object", "RC4018")]
    [InlineData("summarize n = sum(All_Risk.risk_score + 1) by All_Risk.risk_object", "RC4018")]
    [InlineData("summarize n = count() by object = tolower(All_Risk.risk_object)", "RC4018")]
    [InlineData("fill-null \"x\" in All_Risk.risk_object_type\n| summarize n = count() by All_Risk.risk_object", "RC4019")]
    [InlineData("extend _time = bin(_time, 1h)\n| summarize first = min(_time) by _time, All_Risk.risk_object", "RC4018")]
    public void A_pipeline_tstats_cannot_read_is_refused_by_the_splunk_backend(string search, string code)
    {
        var result = EmitOverRisk(search);
        Assert.Contains(result.Diagnostics, d => d.IsError && d.Code == code);
    }

    [Fact]
    public void Guards_of_the_by_fields_are_tstats_own_behaviour_and_other_conditions_are_search_terms()
    {
        var result = EmitOverRisk("where All_Risk.risk_object_type =~ \"user\" and isnotempty(All_Risk.risk_object)\n| summarize n = count() by All_Risk.risk_object");
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.StartsWith("| tstats summariesonly=false allow_old_summaries=true count as n from datamodel=Risk.All_Risk where All_Risk.risk_object_type=user by All_Risk.risk_object\n", result.Spl, StringComparison.Ordinal);
    }
}

/// <summary>
/// What tstats means, run through the C# backend on hand-made rows of the Risk data model (each data-model field
/// nested below All_Risk, Splunk's default fields at the top): a row without the by-field is left out, unless
/// fillnull_value groups it under its text (ESCU's summaries macro: "null").
/// </summary>
public class EscuTstatsExecutionTests
{
    private static readonly string[] Rows =
    [
        """{"_time": "2024-06-01T07:30:00Z", "source": "AWS A", "All_Risk": {"risk_object": "alice", "calculated_risk_score": 10}}""",
        """{"_time": "2024-06-01T07:31:00Z", "source": "AWS B", "All_Risk": {"risk_object": "alice", "calculated_risk_score": 20}}""",
        """{"_time": "2024-06-01T07:32:00Z", "source": "AWS B", "All_Risk": {"calculated_risk_score": 5}}""",
        """{"_time": "2024-06-01T07:33:00Z", "source": "Other", "All_Risk": {"risk_object": "bob", "calculated_risk_score": 7}}""",
    ];

    private static List<string> Run(string spl)
    {
        var translated = SplQueryTranslator.Translate(spl, EscuScratch.Context);
        Assert.True(translated.Search is not null, string.Join("\n", translated.Diagnostics));
        var risk = EscuScratch.Context.DataSources.Single(d => d.Name == "es_risk");
        using var set = RuleHarness.Compile([RuleHarness.Source("Tstats Rule", QueryParser.Parse(translated.Search!).Query!, dataSource: risk)]);
        return [.. RuleHarness.Run(set.Rules[0], Rows).Select(RuleHarness.Text).Order(StringComparer.Ordinal)];
    }

    [Fact]
    public void A_row_without_the_by_field_is_left_out() =>
        Assert.Equal(
            ["All_Risk.risk_object=alice, score=30, n=2", "All_Risk.risk_object=bob, score=7, n=1"],
            Run("| tstats sum(All_Risk.calculated_risk_score) as score count as n from datamodel=Risk.All_Risk by All_Risk.risk_object"));

    [Fact]
    public void Fillnull_value_groups_rows_without_the_by_field_under_its_text() =>
        Assert.Equal(
            ["All_Risk.risk_object=alice, score=30, n=2", "All_Risk.risk_object=bob, score=7, n=1", "All_Risk.risk_object=none, score=5, n=1"],
            Run("| tstats fillnull_value=none sum(All_Risk.calculated_risk_score) as score count as n from datamodel=Risk.All_Risk by All_Risk.risk_object"));

    [Fact]
    public void The_summaries_macro_fills_with_null_and_the_where_terms_filter_before_aggregating() =>
        Assert.Equal(
            ["score=30, sources=2, risk_object=alice", "score=5, sources=1, risk_object=null"],
            Run("| tstats `security_content_summariesonly` sum(All_Risk.calculated_risk_score) as score dc(source) as sources from datamodel=Risk.All_Risk"
                + " where source=*aws* by All_Risk.risk_object | `drop_dm_object_name(All_Risk)`"));

    [Fact]
    public void The_time_of_a_row_is_its_default_field_time() =>
        Assert.Equal(
            ["All_Risk.risk_object=alice, first=2024-06-01T07:30:00Z, last=2024-06-01T07:31:00Z", "All_Risk.risk_object=bob, first=2024-06-01T07:33:00Z, last=2024-06-01T07:33:00Z"],
            Run("| tstats min(_time) as first latest(_time) as last from datamodel=Risk.All_Risk by All_Risk.risk_object"));

    [Fact]
    public void Span_bins_the_time_the_rows_are_grouped_by() =>
        Assert.Equal(
            ["_time=2024-06-01T07:30:00Z, All_Risk.risk_object=alice, n=2", "_time=2024-06-01T07:30:00Z, All_Risk.risk_object=bob, n=1"],
            Run("| tstats count as n from datamodel=Risk.All_Risk by _time All_Risk.risk_object span=5m"));

    [Fact]
    public void A_data_model_rule_is_offered_only_the_rows_of_its_dataset()
    {
        using var risk = JsonDocument.Parse(Rows[0]);
        using var cloudTrail = JsonDocument.Parse("""{"eventSource": "signin.amazonaws.com", "eventName": "ConsoleLogin", "All_Risk": {}}""");
        Assert.True(EventShape.Accepts(EventShape.DataModel("All_Risk"), Row.FromEvent(risk.RootElement)));
        Assert.False(EventShape.Accepts(EventShape.DataModel("Authentication"), Row.FromEvent(risk.RootElement)));
        Assert.True(EventShape.Accepts(EventShape.CloudTrail, Row.FromEvent(risk.RootElement)));
        Assert.Equal(EventShape.CloudTrail, EventShape.Of(Row.FromEvent(cloudTrail.RootElement)));
    }
}
