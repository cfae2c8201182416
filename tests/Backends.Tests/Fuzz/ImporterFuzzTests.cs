using System.Text;
using CsCheck;
using RuleCompiler.Backends.Tests.Importers;
using RuleCompiler.Compiler.Catalogues;
using RuleCompiler.Importers;
using RuleCompiler.Importers.Escu;
using RuleCompiler.Importers.Sentinel;
using RuleCompiler.Importers.Sigma;
using Xunit;

namespace RuleCompiler.Backends.Tests.Fuzz;

/// <summary>
/// Mutation fuzzing of the three importers, seeded from the corpus's AWS rules of each format (ESCU, Sentinel, Sigma):
/// rules arrive from outside, so a mutated rule (a token inserted, a range cut or doubled, a byte changed, the text cut
/// short) must give diagnostics with RC codes and positions in the file, never an exception; so must the SPL and KQL
/// translators on mutated queries (tokens of both languages inserted, ranges cut or doubled, the text cut short). Each
/// property runs about 4 s. A failing case prints its CsCheck seed.
/// </summary>
public class ImporterFuzzTests
{
    private const int SecondsEach = 4;

    private static string Corpus(params string[] parts) => Path.Combine([RepositoryPaths.Corpus, .. parts]);

    private static Func<byte[][]> Seeds(string folder, string pattern, int take) => () =>
        [.. Directory.EnumerateFiles(folder, pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal).Take(take).Select(File.ReadAllBytes)];

    [CorpusFact]
    public void The_escu_importer_never_throws()
    {
        var folder = Corpus("splunk", "security_content", "detections", "cloud");
        // The path is a real file of the checkout, so the importer reads the checkout's macros as it does in use.
        var path = Directory.EnumerateFiles(folder, "*aws*.yml").Order(StringComparer.Ordinal).First();
        Fuzz(new EscuImporter(AttackCatalogue.Default, EscuScratch.Context), path, Seeds(folder, "*aws*.yml", 60));
    }

    [CorpusFact]
    public void The_sentinel_importer_never_throws()
    {
        var folder = Corpus("Azure", "Azure-Sentinel", "Solutions", "Amazon Web Services");
        Fuzz(SentinelCorpusTests.Importer(), Path.Combine(folder, "fuzz.yaml"), Seeds(folder, "*.yaml", 80));
    }

    [CorpusFact]
    public void The_sigma_importer_never_throws()
    {
        var folder = Corpus("SigmaHQ", "sigma", "rules", "cloud", "aws");
        Fuzz(new SigmaImporter(AttackCatalogue.Default), Path.Combine(folder, "fuzz.yml"), Seeds(folder, "*.yml", 60));
    }

    // Query syntax of both source languages, and hostile text, for the query-level properties.
    private static readonly string[] QueryTokens =
    [
        "|", " | ", "[", "]", "[search ", "`", "`cloudtrail`", "`x(", ")`", "(", ")", "\"", "'", "\\", "=", "!=", "==", "<", ">=",
        " OR ", " AND ", "NOT ", " IN (", "*", "{}", "{0}", ".", ",", " as ", " by ", "| eval a=", "| stats count by ",
        "| where ", "| rename a.* as *", "| spath path=a{} output=b", "| mvexpand b", "| append [search `cloudtrail` x=1]",
        "| eventstats count by a", "| table a b", "| fillnull", "| dedup a", "| bin _time span=5m", "if(", "case(", "match(",
        "mvindex(split(a, \":\"), -1)", "strftime(_time, \"%H\")", "pow(2, 64)", "$", "\u0000", "\n", "\r\n",
        "| extend a = ", "| summarize count() by ", "| join kind=inner (", "| union (", "let x = ", ";", "parse_json(",
        "tostring(", "mv-expand ", "| project-away ", "dynamic([", "])", "ago(1d)", "has_any (", "@'", "h@\"", "externaldata (",
        "99999999999999999999", "1e999", "-", "//", "::error::",
    ];

    private static Gen<string> MutatedQuery(string[] seeds) =>
        Gen.Int[0, seeds.Length - 1].Select(Gen.Int[1, 6], Gen.Int[0, int.MaxValue].Array[6, 6], (pick, count, randoms) =>
        {
            var text = new StringBuilder(seeds[pick]);
            for (var m = 0; m < count; m++)
            {
                var r = randoms[m];
                var at = text.Length == 0 ? 0 : r % text.Length;
                switch (r % 4)
                {
                    case 0: text.Insert(at, QueryTokens[(r / 4) % QueryTokens.Length]); break;
                    case 1: text.Remove(at, Math.Min(text.Length - at, 1 + (r / 7) % 30)); break;
                    case 2: text.Insert(at, text.ToString(at, Math.Min(text.Length - at, 1 + (r / 7) % 120))); break;
                    default: text.Length = at; break;
                }
            }

            return text.ToString();
        });

    [CorpusFact]
    public void The_spl_translator_never_throws()
    {
        var folder = Corpus("splunk", "security_content", "detections", "cloud");
        var searches = Directory.EnumerateFiles(folder, "*aws*.yml").Order(StringComparer.Ordinal)
            .Select(f => System.Text.RegularExpressions.Regex.Match(File.ReadAllText(f), @"(?m)^search: (.*(?:\n  .*)*)").Groups[1].Value.Trim('\''))
            .Where(t => t.Length > 0).ToArray();
        Assert.NotEmpty(searches);
        MutatedQuery(searches).Sample(spl =>
        {
            var translation = SplQueryTranslator.Translate(spl, EscuScratch.Context, "q.spl");
            Assert.All(translation.Diagnostics, d => FuzzTests.AssertCode(d.Code));
            Assert.True(translation.Search is not null || translation.Diagnostics.Any(d => d.IsError));
        }, time: SecondsEach, threads: 1);
    }

    [CorpusFact]
    public void The_kql_translator_never_throws()
    {
        var folder = Corpus("Azure", "Azure-Sentinel", "Solutions", "Amazon Web Services");
        var queries = Directory.EnumerateFiles(folder, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => SentinelImporter.QueryOf(File.ReadAllText(f))).OfType<string>().ToArray();
        Assert.NotEmpty(queries);
        var tables = SentinelColumns.ByTable(SentinelCorpusTests.DataSources);
        MutatedQuery(queries).Sample(kql =>
        {
            var translation = KqlTranslator.Translate(kql, tables);
            Assert.All(translation.Diagnostics, d => FuzzTests.AssertCode(d.Code));
            Assert.True(translation.Succeeded || translation.Diagnostics.Any(d => d.Severity == Compiler.Diagnostics.DiagnosticSeverity.Error));
        }, time: SecondsEach, threads: 1);
    }

    private static void Fuzz(IRuleImporter importer, string path, Func<byte[][]> seeds)
    {
        Assert.NotEmpty(seeds());
        FuzzTests.Mutated(seeds).Sample(bytes =>
        {
            var imported = importer.Import(path, Encoding.UTF8.GetString(bytes), "../schemas/rule.schema.json");
            Assert.All(imported.Diagnostics, d =>
            {
                FuzzTests.AssertCode(d.Code);
                Assert.Equal(path, d.Span.Path);
            });
            // A rule that is not written says why.
            Assert.True(imported.Yaml is not null || imported.Diagnostics.Any(d => d.IsError));
        }, time: SecondsEach, threads: 1);
    }
}
