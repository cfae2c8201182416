using RuleCompiler.Backends.Tests.Sentinel;
using RuleCompiler.Compiler.Catalogues;
using RuleCompiler.Importers;
using RuleCompiler.Importers.Escu;
using RuleCompiler.Importers.Verification;
using Xunit;
using Xunit.Abstractions;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary>
/// ESCU detections that read lookups (hand-written, in Importers/Tables/security_content, with ESCU-style lookup
/// definitions in its lookups/ folder): join [| inputlookup ...] comes across as a join on table(T), the lookups as table
/// files beside the rules, and each imported rule binds, round-trips to SPL and runs in C#; every other shape is
/// refused at the construct with its code. Canonical searches are compared with Importers/Tables/golden/&lt;rule&gt;.yml.
/// </summary>
public class EscuTableImportTests(ITestOutputHelper output)
{
    private static readonly string Content = Path.Combine(RepositoryPaths.Root, "tests", "Backends.Tests", "Importers", "Tables", "security_content");

    // The refusals, each with the code it must give.
    private static readonly Dictionary<string, string> Refused = new(StringComparer.Ordinal)
    {
        ["hw_tbl_first_in_lookup_order"] = "RC5046", // max=1 over rows in the lookup's own order
        ["hw_tbl_overwrites_field"] = "RC5046", // SPL's join overwrites firstTime
        ["hw_tbl_unknown_lookup"] = "RC5045",
        ["hw_tbl_broken_lookup"] = "RC5047", // its definition names neither a collection nor a file
        ["hw_tbl_join_every_field"] = "RC5046", // a join without fields
        ["hw_tbl_inputlookup_where"] = "RC5046", // inputlookup with options
        ["hw_tbl_lookup_overwrites"] = "RC5046", // lookup output into a field the rows have: OUTPUT and OUTPUTNEW differ there
    };

    [AnalyzerFact]
    public void Lookup_joins_import_bind_round_trip_and_run_and_the_rest_are_refused()
    {
        using var scratch = new EscuScratch();
        var results = ImportBatch.Run(new EscuImporter(AttackCatalogue.Default, EscuScratch.Context), [Path.Combine(Content, "detections")], scratch.Rules, p => p);
        output.WriteLine(ImportTable.Format(results));
        var report = ImportVerifier.Verify("escu", results, scratch.Rules, p => p, new EscuRoundTripComparer(EscuScratch.Context),
            (tables, queries) => AnalyzerFactAttribute.Analyzer.Analyze(tables, queries), []);
        output.WriteLine(VerificationTable.Format(report, topReasons: 20));

        Assert.Equal(14, report.Rules.Count);
        foreach (var rule in report.Rules)
        {
            var name = Path.GetFileNameWithoutExtension(rule.SourcePath);
            var imported = results.Single(r => r.SourcePath == rule.SourcePath);
            if (Refused.TryGetValue(name, out var code))
            {
                Assert.True(imported.Status == ImportStatus.Failed, $"{name} imported");
                Assert.Contains(code, imported.Diagnostics.Where(d => d.IsError).Select(d => d.Code));
                continue;
            }

            Assert.True(imported.Status == ImportStatus.Imported, $"{name}: {string.Join("; ", imported.Diagnostics.Where(d => d.Severity != Compiler.Diagnostics.DiagnosticSeverity.Info))}");
            Assert.True(rule.Bound, $"{name}: {rule.BindReason}");
            Assert.True(rule.RoundTrip == true, $"{name}: {rule.RoundTripReason}");
            Assert.True(rule.CSharpRan == true, $"{name}: {rule.CSharpReason}");
            // The maintained tables name no watchlist (ESCU's lookups live in Splunk only): not built for Sentinel, said so.
            Assert.StartsWith("RC4106", rule.KqlReason, StringComparison.Ordinal);
            ImportGoldenText(imported, name);
        }

        var tables = Directory.EnumerateFiles(Path.Combine(scratch.Rules, "tables")).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(["hw_bucket_owners.yml", "hw_seen_console_users.yml"], tables);
        var seen = File.ReadAllText(Path.Combine(scratch.Rules, "tables", "hw_seen_console_users.yml"));
        Assert.Contains("- {name: firstTime, type: datetime}", seen, StringComparison.Ordinal);
        Assert.Contains("- {name: City, type: string}", seen, StringComparison.Ordinal);
        Assert.Contains("collection: hw_seen_console_users", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("_key", seen, StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_row_per_key_is_stated_with_arg_min_and_a_note()
    {
        var source = Path.Combine(Content, "detections", "cloud", "hw_tbl_new_region.yml");
        var context = EscuScratch.Context.WithLookupsAbove(source);
        var search = new YamlDotNet.Serialization.DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(File.ReadAllText(source))["search"].ToString()!;
        var translation = SplQueryTranslator.Translate(search, context);
        Assert.Contains("| summarize arg_min(seenRegion, *) by user", translation.Search, StringComparison.Ordinal);
        Assert.Contains("| where isnotempty(user)) on user", translation.Search, StringComparison.Ordinal);
        Assert.Contains("| project-away user1", translation.Search, StringComparison.Ordinal);
        Assert.Contains(translation.Diagnostics, d => d.Code == EscuDiagnosticCodes.FidelityNote && d.Message.Contains("smallest seenRegion", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("| lookup hw_seen_console_users user", "RC5046", "OUTPUT or OUTPUTNEW")] // every other column, unnamed
    [InlineData("| lookup hw_seen_console_users user_arn OUTPUT City", "RC5046", "not a column")]
    [InlineData("| lookup hw_seen_console_users user OUTPUT City AS user", "RC5046", "already a field")]
    [InlineData("| lookup hw_seen_console_users user OUTPUT firstTime AS seen | where seen > 5", "RC5027", "multivalue")] // a list where SPL has one value
    [InlineData("| lookup hw_seen_console_users user OUTPUT firstTime AS seen | eval first=seen", "RC5027", "multivalue")]
    public void A_lookup_of_a_table_is_refused_where_its_meaning_would_change(string lookup, string code, string reason)
    {
        var source = Path.Combine(Content, "detections", "cloud", "hw_tbl_new_region.yml");
        var translation = SplQueryTranslator.Translate("`cloudtrail` eventName=ConsoleLogin | stats count by user_arn | rename user_arn as user " + lookup, EscuScratch.Context.WithLookupsAbove(source));
        Assert.Null(translation.Search);
        Assert.Contains(translation.Diagnostics, d => d.Code == code && d.IsError && d.Message.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Outputnew_into_a_field_every_row_has_changes_nothing_and_reads_as_nothing()
    {
        var source = Path.Combine(Content, "detections", "cloud", "hw_tbl_new_region.yml");
        const string Head = "`cloudtrail` eventName=AssumeRole | stats min(_time) as firstTime count by user_arn | rename user_arn as user ";
        var translation = SplQueryTranslator.Translate(Head + "| lookup hw_seen_console_users user OUTPUTNEW firstTime | eval status=if(firstTime > relative_time(now(), \"-24h@h\"), \"New\", \"Seen\")",
            EscuScratch.Context.WithLookupsAbove(source));
        Assert.True(translation.Search is not null, string.Join("\n", translation.Diagnostics));
        Assert.DoesNotContain("join", translation.Search, StringComparison.Ordinal);
        Assert.Contains(translation.Diagnostics, d => d.Code == EscuDiagnosticCodes.FidelityNote && d.Message.Contains("changes no row", StringComparison.Ordinal));
        // OUTPUT overwrites, and OUTPUTNEW into a field that may be missing looks some rows up: both stay refused.
        foreach (var lookup in new[] { "| lookup hw_seen_console_users user OUTPUT firstTime", "| eval seen=null() | lookup hw_seen_console_users user OUTPUTNEW firstTime AS seen" })
        {
            var refused = SplQueryTranslator.Translate(Head + lookup, EscuScratch.Context.WithLookupsAbove(source));
            Assert.Contains(refused.Diagnostics, d => d.Code == EscuDiagnosticCodes.UntranslatedLookup && d.IsError);
        }
    }

    private static void ImportGoldenText(ImportedRule imported, string name)
    {
        var golden = Path.Combine(Content, "..", "golden", name + ".yml");
        if (Environment.GetEnvironmentVariable("RULEC_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(golden, imported.Yaml);
        }

        Assert.True(File.Exists(golden), $"missing golden file {golden} (run with RULEC_UPDATE_GOLDEN=1)");
        Assert.Equal(File.ReadAllText(golden), imported.Yaml);
    }
}
