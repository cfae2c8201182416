using RuleCompiler.Compiler.Catalogues;
using RuleCompiler.Importers;
using RuleCompiler.Importers.Escu;
using RuleCompiler.Importers.Sentinel;
using RuleCompiler.Importers.Sigma;
using Xunit;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary>
/// Source files that YamlDotNet's representation model throws on (found by ImporterFuzzTests) are import errors with
/// the code for an unreadable source, in every importer.
/// </summary>
public class SourceYamlTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "name: x\nid: [a, b\nsearch: '`cloudtrail`'\n", "never closed" },
        { "name: x\nname: y\nsearch: '`cloudtrail`'\n", "not YAML" },
        { "name: x\nsearch: " + new string('[', 200) + new string(']', 200) + "\n", "nesting deeper than 64 levels" },
        { "name: &a x\nsearch: *b\n", "not YAML" },
        { "name: x\ntags:\n  ? {a: b}\n  : c\nsearch: '`cloudtrail`'\n", "a mapping key that is not text" },
        { "name: x\n[a]: b\n", "a mapping key that is not text" },
    };

    // Each importer with its code for a file it cannot read (the Sentinel importer's own, RC5050).
    private static IEnumerable<(IRuleImporter Importer, string Code)> Importers =>
    [
        (new EscuImporter(AttackCatalogue.Default, EscuScratch.Context), ImporterDiagnosticCodes.UnreadableSource),
        (new SigmaImporter(AttackCatalogue.Default), ImporterDiagnosticCodes.UnreadableSource),
        (SentinelCorpusTests.Importer(), SentinelImportCodes.MalformedRule),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Yaml_the_model_cannot_read_is_an_unreadable_source_error(string text, string message)
    {
        foreach (var (importer, code) in Importers)
        {
            var imported = importer.Import("rule.yml", text, "../schemas/rule.schema.json");
            Assert.Null(imported.Yaml);
            var error = Assert.Single(imported.Diagnostics, d => d.IsError);
            Assert.Equal(code, error.Code);
            Assert.Contains(message, error.Message, StringComparison.Ordinal);
            Assert.Equal("rule.yml", error.Span.Path);
        }
    }
}
