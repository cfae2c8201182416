using System.Text;
using CsCheck;
using RuleCompiler.Backends.Tests.Importers;
using RuleCompiler.Compiler.Catalogues;
using RuleCompiler.Importers;
using RuleCompiler.Importers.Escu;
using RuleCompiler.Importers.Sigma;
using Xunit;

namespace RuleCompiler.Backends.Tests.Fuzz;

/// <summary>
/// Mutation fuzzing of the three importers, seeded from the corpus's AWS rules of each format (ESCU, Sentinel, Sigma):
/// rules arrive from outside, so a mutated rule (a token inserted, a range cut or doubled, a byte changed, the text cut
/// short) must give diagnostics with RC codes and positions in the file, never an exception. Each property runs about
/// 4 s. A failing case prints its CsCheck seed.
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
