using System.Text.RegularExpressions;
using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Compiler.Tests;

/// <summary>The descriptors rulec carries are the rows of docs/diagnostics.md, one per code constant.</summary>
public partial class DiagnosticCatalogueTests
{
    [Fact]
    public void Every_code_constant_has_exactly_one_descriptor_and_every_descriptor_a_constant()
    {
        var constants = DiagnosticCodes.InSource().Select(c => c.Value).Distinct().Order(StringComparer.Ordinal);
        var descriptors = DiagnosticCatalogue.All.Select(d => d.Code).Order(StringComparer.Ordinal);

        Assert.Equal(constants, descriptors);
    }

    [Fact]
    public void The_embedded_page_is_the_docs_page()
    {
        var page = DiagnosticCatalogue.Parse(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "diagnostics.md")));

        Assert.Equal(page.OrderBy(d => d.Code, StringComparer.Ordinal), DiagnosticCatalogue.All.OrderBy(d => d.Code, StringComparer.Ordinal));
    }

    [Fact]
    public void Each_descriptor_has_a_title_a_severity_from_its_row_and_an_anchor_of_a_real_heading()
    {
        var headings = Heading().Matches(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "diagnostics.md")))
            .Select(m => DiagnosticCatalogue.Anchor(m.Groups[1].Value)).ToHashSet();

        Assert.All(DiagnosticCatalogue.All, d =>
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Title), d.Code);
            Assert.DoesNotContain('`', d.Title);
            Assert.Contains(d.HelpAnchor, headings);
        });
        Assert.Equal(DiagnosticSeverity.Warning, DiagnosticCatalogue.Find("RC1908")!.Severity);
        Assert.Equal(DiagnosticSeverity.Error, DiagnosticCatalogue.Find("RC1001")!.Severity);
        Assert.Equal(DiagnosticSeverity.Info, DiagnosticCatalogue.Find("RC5028")!.Severity);
        Assert.Equal("yaml-rc10xx", DiagnosticCatalogue.Find("RC1001")!.HelpAnchor);
        Assert.Equal("an operator from another language: && (write and), || (write or)", DiagnosticCatalogue.Find("RC2000")!.Title);
    }

    [Theory]
    [InlineData("YAML (RC10xx)", "yaml-rc10xx")]
    [InlineData("Query syntax (RC2000–RC2499; reported by the parser)", "query-syntax-rc2000rc2499-reported-by-the-parser")]
    [InlineData("Splunk backend: the SPL emitter (RC4000–RC4049)", "splunk-backend-the-spl-emitter-rc4000rc4049")]
    public void Anchors_are_the_ones_github_gives_headings(string heading, string anchor) =>
        Assert.Equal(anchor, DiagnosticCatalogue.Anchor(heading));

    [GeneratedRegex(@"^## (.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();
}
