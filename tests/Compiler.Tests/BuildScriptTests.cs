using System.Management.Automation.Language;

namespace RuleCompiler.Compiler.Tests;

/// <summary>build.ps1 must be valid PowerShell even where pwsh is not installed: parse it with PowerShell's own parser.</summary>
public class BuildScriptTests
{
    [Fact]
    public void Build_script_parses_without_errors()
    {
        var path = Path.Combine(TestPaths.RepoRoot, "build.ps1");
        var ast = Parser.ParseFile(path, out _, out var errors);
        Assert.True(errors.Length == 0, string.Join("\n", errors.Select(e => $"build.ps1({e.Extent.StartLineNumber},{e.Extent.StartColumnNumber}): {e.Message}")));
        var commands = ast.FindAll(node => node is CommandAst, searchNestedScriptBlocks: true).Cast<CommandAst>()
            .Select(c => c.Extent.Text).ToList();
        Assert.Contains(commands, c => c.StartsWith("dotnet test RuleCompiler.sln", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.Contains("validate rules/", StringComparison.Ordinal));
    }

    [Fact]
    public void The_parser_does_report_broken_scripts()
    {
        Parser.ParseInput("function f { if ($x) { 'unclosed' ", out _, out var errors);
        Assert.NotEmpty(errors);
    }
}
