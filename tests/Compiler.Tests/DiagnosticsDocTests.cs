using System.Text.RegularExpressions;

namespace RuleCompiler.Compiler.Tests;

/// <summary>docs/diagnostics.md and the code constants agree: every code documented once, every documented code real.</summary>
public partial class DiagnosticsDocTests
{
    [Fact]
    public void Every_code_constant_is_documented_once_and_every_documented_foundation_code_exists()
    {
        var documented = TableCode().Matches(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "diagnostics.md")))
            .Select(m => m.Groups[1].Value).ToList();
        var inSource = DiagnosticCodes.InSource().ToList();

        Assert.Equal(documented.Count, documented.Distinct().Count());
        Assert.Equal(inSource.Count, inSource.Select(c => c.Value).Distinct().Count());
        var undocumented = inSource.Where(c => !documented.Contains(c.Value)).Select(c => $"{c.Name} = {c.Value}");
        Assert.Equal([], undocumented);
        var unknown = documented.Where(code => inSource.All(c => c.Value != code));
        Assert.Equal([], unknown);
    }

    [GeneratedRegex(@"^\| (RC\d{4}) \|", RegexOptions.Multiline)]
    private static partial Regex TableCode();
}
