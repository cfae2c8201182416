using RuleCompiler.Importers;
using RuleCompiler.Importers.Escu;
using RuleCompiler.Importers.Verification;
using RuleCompiler.Backends.Sentinel.Analysis;
using RuleCompiler.Compiler.Catalogues;
using RuleCompiler.Compiler.Diagnostics;
using Xunit;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary>The ESCU importer on small rules: per-construct diagnostics at exact positions, and the metadata mapping.</summary>
public class EscuImporterTests
{
    internal const string Header = """
        name: Test Rule
        id: 11111111-2222-3333-4444-555555555555
        version: 3
        date: '2024-01-02'
        author: Tester
        status: production
        type: TTP
        description: A test rule.

        """;

    private static ImportedRule Import(string yaml, SplTranslationContext? context = null) =>
        new EscuImporter(AttackCatalogue.Default, context ?? EscuScratch.Context).Import("rule.yml", yaml, "../../../schemas/rule.schema.json");

    private static Diagnostic Only(ImportedRule result, string code) => Assert.Single(result.Diagnostics, d => d.Code == code);

    [Fact]
    public void An_unsupported_command_in_a_single_quoted_search_is_reported_at_its_line_and_column()
    {
        var result = Import(Header + "search: '`cloudtrail` eventName=PutImage | streamstats count by user'\n");
        Assert.Equal(ImportStatus.Failed, result.Status);
        var diagnostic = Only(result, EscuDiagnosticCodes.UnsupportedCommand);
        Assert.Equal("rule.yml(9,44): error RC5022: 'streamstats' (an aggregate added to every row) has no canonical translation", diagnostic.ToString());
    }

    [Fact]
    public void Eventstats_is_a_summarize_of_the_rows_so_far_joined_back_on_its_keys_and_the_rule_binds()
    {
        var result = Import(Header + "search: '`cloudtrail` eventName=ConsoleLogin | bucket span=10m _time | stats dc(_raw) AS attempts by _time, src_ip"
            + " | eventstats avg(attempts) as avg_attempts, stdev(attempts) as ip_std by _time | where attempts > avg_attempts + ip_std * 3'\n");
        Assert.NotEqual(ImportStatus.Failed, result.Status);
        Assert.Contains(
            "let rc_rows_1 = (where eventName =~ \"ConsoleLogin\"\n  | extend _time = bin(_time, 10m)\n  | where isnotempty(sourceIPAddress)\n  | summarize attempts = count()\n      by _time, src_ip = sourceIPAddress);\n"
            + "  rc_rows_1\n  | join kind=leftouter (rc_rows_1 | where isnotempty(_time) | summarize avg_attempts = avg(attempts), ip_std = stdev(attempts) by _time) on _time\n"
            + "  | project-away _time1\n  | where attempts > avg_attempts + ip_std * 3\n",
            result.Yaml, StringComparison.Ordinal);
        using var scratch = new EscuScratch();
        var compiled = EscuScratch.Compile(scratch.Write(result.FileName!, result.Yaml!));
        Assert.True(compiled.ErrorCount == 0, string.Join("\n", compiled.Diagnostics));
        Assert.Equal(["_time", "src_ip", "attempts", "avg_attempts", "ip_std"], compiled.Rules.Single().Query.Body.Output.Columns.Select(c => c.Name));

        var noKeys = Import(Header + "search: '`cloudtrail` | stats count by sourceIPAddress | eventstats avg(count) as mean'\n");
        Assert.Contains(
            "  rc_rows_1\n  | extend rc_all_1 = true\n  | join kind=leftouter (rc_rows_1 | summarize mean = avg(count) | extend rc_all_1 = true) on rc_all_1\n  | project-away rc_all_1, rc_all_11\n",
            noKeys.Yaml, StringComparison.Ordinal);
        var taken = Import(Header + "search: '`cloudtrail` | stats count by sourceIPAddress | eventstats max(count) as count'\n");
        Assert.Contains(taken.Diagnostics, d => d.Code == EscuDiagnosticCodes.UnsupportedArgument && d.Message.Contains("replaces a field", StringComparison.Ordinal));
        // A key the add-on derives becomes a column first, which the join reads; a name that is no field stays refused.
        var derivedKey = Import(Header + "search: '`cloudtrail` eventName=X | eventstats count as n by src_ip'\n");
        Assert.Contains("  | extend src_ip = sourceIPAddress);\n  rc_rows_1\n  | join kind=leftouter (rc_rows_1 | where isnotempty(src_ip) | summarize n = count() by src_ip) on src_ip\n",
            derivedKey.Yaml, StringComparison.Ordinal);
        var unknownKey = Import(Header + "search: '`cloudtrail` eventName=X | eventstats count as n by no_such_field'\n");
        Assert.Contains(unknownKey.Diagnostics, d => d.Code == EscuDiagnosticCodes.UnsupportedArgument && d.Message.Contains("join key", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("`cloudtrail` | stats count by eventName | eventstats max(count) as top by eventName")]
    [InlineData("`cloudtrail` eventName=ConsoleLogin | stats count as attempts by sourceIPAddress | eventstats avg(attempts) as mean, stdev(attempts) as spread | where attempts > mean + 3 * spread")]
    [InlineData("`cloudtrail` eventName=ConsoleLogin | eventstats dc(src_ip) as ip_count by user_arn | where ip_count > 2 | table _time user_arn src_ip ip_count")]
    [InlineData("`cloudtrail` eventName=ConsoleLogin | rename userIdentity.arn as user | eventstats count as attempts dc(awsRegion) as regions max(_time) as last_seen by user, sourceIPAddress | where attempts > 3 AND regions > 1 | table user, sourceIPAddress, attempts, regions, last_seen")]
    public void Eventstats_compiles_to_kql_runs_in_csharp_and_round_trips_through_spl(string search) =>
        // The Splunk backend writes the imported join back as eventstats, which reads back to the same canonical search.
        BindsRunsAndRoundTrips(search);

    [Fact]
    public void Strftime_of_the_security_lake_epoch_milliseconds_round_trips_through_spl() =>
        // ESCU's business-hours rule with its day names quoted (unquoted, SPL reads them as fields).
        BindsRunsAndRoundTrips("`amazon_security_lake` api.operation=PutImage | eval hour=strftime(time/pow(10,3), \"%H\"), weekday=strftime(time/pow(10,3), \"%A\")"
            + " | where hour >= 20 OR hour < 8 OR weekday=\"Saturday\" OR weekday=\"Sunday\" | fillnull | stats count min(_time) as firstTime max(_time) as lastTime by api.operation actor.user.name cloud.region"
            + " | rename actor.user.name as user | `security_content_ctime(firstTime)`");

    internal static void BindsRunsAndRoundTrips(string search)
    {
        var verified = Verify(search);
        Assert.True(verified.Bound, verified.BindReason);
        Assert.NotEqual(false, verified.KqlAccepted);
        Assert.True(verified.CSharpRan, verified.CSharpReason);
        Assert.True(verified.RoundTrip, verified.RoundTripReason);
    }

    /// <summary>An ESCU rule of this search imported and verified as <c>rulec import --verify</c> does (without Kusto).</summary>
    internal static RuleVerification Verify(string search)
    {
        using var scratch = new EscuScratch();
        var source = Path.Combine(scratch.Root, "source.yml");
        File.WriteAllText(source, Header + "search: '" + search.Replace("'", "''", StringComparison.Ordinal) + "'\n");
        var imported = ImportBatch.Run(new EscuImporter(AttackCatalogue.Default, EscuScratch.Context), [source], Path.Combine(scratch.Root, "rules", "imported", "verified"), p => p);
        return Assert.Single(ImportVerifier.Verify("escu", imported, Path.Combine(scratch.Root, "rules", "imported", "verified"), p => p,
            new EscuRoundTripComparer(EscuScratch.Context), (_, _) => KustoAnalysis.Unavailable("not needed"), []).Rules);
    }

    [Fact]
    public void Positions_count_a_doubled_quote_of_a_single_quoted_search_as_two_characters_of_the_file()
    {
        var result = Import(Header + "search: '`cloudtrail` userAgent=\"it''s\" | transaction src'\n");
        var diagnostic = Only(result, EscuDiagnosticCodes.UnsupportedCommand);
        Assert.Equal((9, 43), (diagnostic.Span.Line, diagnostic.Span.Column));
    }

    [Fact]
    public void An_unsupported_command_in_a_block_search_is_reported_on_its_own_line()
    {
        var result = Import(Header + "search: |\n  `cloudtrail` eventName=PutImage\n  | lookup users user OUTPUT group\n");
        var diagnostic = Only(result, EscuDiagnosticCodes.UnsupportedCommand);
        Assert.Equal((11, 5), (diagnostic.Span.Line, diagnostic.Span.Column));
        Assert.Contains("'lookup'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_keyword_an_unknown_macro_and_an_unknown_eval_function_are_each_reported_where_they_stand()
    {
        // The first problem of a command stops that command; the next commands are still read.
        var result = Import(Header + "search: '`cloudtrail` failed | search `my_macro` | eval x=sha256(userAgent)'\n");
        Assert.Equal((9, 23), Position(Only(result, EscuDiagnosticCodes.KeywordSearch)));
        Assert.Equal((9, 39), Position(Only(result, EscuDiagnosticCodes.UnknownMacro)));
        Assert.Equal((9, 59), Position(Only(result, EscuDiagnosticCodes.UnsupportedFunction)));
        Assert.Null(result.Yaml);
    }

    [Fact]
    public void A_search_whose_macro_no_data_source_declares_fails_with_RC5024()
    {
        var result = Import(Header + "search: '`not_a_source` verb=create'\n");
        Assert.Equal((9, 10), Position(Only(result, EscuDiagnosticCodes.UnmappedDataSource)));
    }

    [Fact]
    public void A_generating_command_such_as_makeresults_fails_with_RC5022()
    {
        var result = Import(Header + "search: '| makeresults count=1 | eval user=\"x\"'\n");
        Assert.Equal((9, 12), Position(Only(result, EscuDiagnosticCodes.UnsupportedCommand)));
    }

    [Fact]
    public void The_older_tags_form_gives_attack_tags_risk_entities_drilldowns_and_the_test_data_as_a_reference()
    {
        var result = Import(Header + """
            search: '`cloudtrail` eventName=PutImage | stats count by src_ip user | `test_rule_filter`'
            how_to_implement: Install the add-on.
            known_false_positives: None.
            references:
            - https://example.com/a
            drilldown_searches:
            - name: View $user$
              search: '%original_detection_search% | search user = $user$'
              earliest_offset: $info_min_time$
              latest_offset: $info_max_time$
            tags:
              analytic_story:
              - Dev Sec Ops
              asset_type: AWS Account
              confidence: 70
              impact: 30
              message: Upload by $user$
              mitre_attack_id:
              - T1204.003
              observable:
              - name: user
                type: User
                role:
                - Victim
              - name: src_ip
                type: IP Address
                role:
                - Attacker
              product:
              - Splunk Enterprise
              required_fields:
              - eventName
              risk_score: 21
              security_domain: network
            tests:
            - name: True Positive Test
              attack_data:
              - data: https://example.com/attack_data/events.json
                sourcetype: aws:cloudtrail
            """);
        Assert.Equal(ImportStatus.Imported, result.Status);
        var yaml = result.Yaml!;
        Assert.Contains("version: 3\n", yaml, StringComparison.Ordinal);
        Assert.Contains("type: ttp\n", yaml, StringComparison.Ordinal);
        Assert.Contains("references:\n- https://example.com/a\n- https://example.com/attack_data/events.json\n", yaml, StringComparison.Ordinal);
        Assert.Contains("attack:\n- T1204.003\n", yaml, StringComparison.Ordinal);
        Assert.Contains("tags:\n  analytic_stories:\n  - Dev Sec Ops\n  asset_type: AWS Account\n  security_domain: network\n  product:\n  - Splunk Enterprise\n", yaml, StringComparison.Ordinal);
        Assert.Contains("risk:\n  impact: 30\n  confidence: 70\n  message: Upload by $user$\n", yaml, StringComparison.Ordinal);
        Assert.Contains("- type: Account\n  identifiers:\n    Name: user\n  role: risk_object\n  object_type: user\n", yaml, StringComparison.Ordinal);
        Assert.Contains("- type: IP\n  identifiers:\n    Address: src_ip\n  role: threat_object\n  object_type: ip_address\n", yaml, StringComparison.Ordinal);
        Assert.Contains("drilldowns:\n- name: View $user$\n  search: '%original_detection_search% | search user = $user$'\n", yaml, StringComparison.Ordinal);
        Assert.Contains("how_to_implement: Install the add-on.\n", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void The_newer_rba_form_gives_the_highest_object_score_as_impact_and_per_entity_scores()
    {
        var result = Import(Header + """
            search: '`cloudtrail` eventName=PutImage | stats count by src_ip user'
            rba:
              message: Upload by $user$ from $src_ip$
              risk_objects:
              - field: user
                type: user
                score: 56
              threat_objects:
              - field: src_ip
                type: ip_address
            tags:
              mitre_attack_id:
              - T1204.003
            """);
        var yaml = result.Yaml!;
        Assert.Contains("risk:\n  impact: 56\n  confidence: 100\n  message: Upload by $user$ from $src_ip$\n", yaml, StringComparison.Ordinal);
        Assert.Contains("- type: Account\n  identifiers:\n    Name: user\n  role: risk_object\n  object_type: user\n  score: 56\n", yaml, StringComparison.Ordinal);
        Assert.Contains("- type: IP\n  identifiers:\n    Address: src_ip\n  role: threat_object\n  object_type: ip_address\n", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tag_without_a_canonical_key_marks_the_rule_partial()
    {
        var result = Import(Header + "search: '`cloudtrail` eventName=PutImage'\ntags:\n  manual_test: Needs a person.\n");
        Assert.Equal(ImportStatus.Partial, result.Status);
        Assert.Equal((11, 3), Position(Only(result, EscuDiagnosticCodes.DroppedMetadata)));
        Assert.Contains("# PARTIAL IMPORT: RC5031: the ESCU tag 'manual_test' has no canonical key; not carried across\n", result.Yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void A_risk_message_naming_a_field_the_search_does_not_output_is_not_carried_across_and_the_rule_binds()
    {
        var result = Import(Header + """
            search: '`cloudtrail` eventName=ConsoleLogin | rename sourceIPAddress as src_ip | table src_ip user_arn'
            tags:
              impact: 40
              confidence: 50
              message: Sign-in by $user_arn$ from $City$ and $Country$ ($src_ip$)
              observable:
              - name: src_ip
                type: IP Address
                role:
                - Attacker
            """);
        Assert.Equal(ImportStatus.Partial, result.Status);
        var dropped = Only(result, EscuDiagnosticCodes.DroppedMetadata);
        Assert.Equal((13, 12), Position(dropped));
        Assert.Equal("the risk message names 'City', 'Country', which the search does not output, and Splunk does not document what it writes there; not carried across", dropped.Message);
        Assert.Contains("risk:\n  impact: 40\n  confidence: 50\n", result.Yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("message: Sign-in", result.Yaml, StringComparison.Ordinal);

        using var scratch = new EscuScratch();
        var compiled = EscuScratch.Compile(scratch.Write(result.FileName!, result.Yaml!));
        Assert.True(compiled.ErrorCount == 0, string.Join("\n", compiled.Diagnostics));
    }

    [Fact]
    public void An_entity_naming_a_field_the_table_drops_is_not_carried_across_and_the_rule_binds()
    {
        var result = Import(Header + """
            search: '`cloudtrail` eventName=AssumeRole | table src_ip action'
            rba:
              risk_objects:
              - field: user
                type: user
                score: 40
              threat_objects:
              - field: src_ip
                type: ip_address
            """);
        Assert.Equal(ImportStatus.Partial, result.Status);
        var dropped = Only(result, EscuDiagnosticCodes.DroppedMetadata);
        Assert.Equal((12, 5), Position(dropped));
        Assert.Equal("the entity field 'user' is not a column the search outputs, so Splunk raises no risk for it; not carried across", dropped.Message);
        Assert.DoesNotContain("Name: user", result.Yaml, StringComparison.Ordinal);
        Assert.Contains("Address: src_ip", result.Yaml, StringComparison.Ordinal);

        using var scratch = new EscuScratch();
        var compiled = EscuScratch.Compile(scratch.Write(result.FileName!, result.Yaml!));
        Assert.True(compiled.ErrorCount == 0, string.Join("\n", compiled.Diagnostics));
    }

    [Fact]
    public void A_rule_without_a_search_fails_with_RC5020()
    {
        var result = Import("name: x\nid: y\n");
        Assert.Equal(EscuDiagnosticCodes.MissingKey, Assert.Single(result.Diagnostics).Code);
    }

    private static (int, int) Position(Diagnostic diagnostic) => (diagnostic.Span.Line, diagnostic.Span.Column);
}
