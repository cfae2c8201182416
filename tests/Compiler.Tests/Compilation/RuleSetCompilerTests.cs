using RuleCompiler.Compiler.Compilation;
using RuleCompiler.Compiler.Loading;

namespace RuleCompiler.Compiler.Tests.Compilation;

/// <summary>The repository's own rules compile; a broken search or a dangling column reference is reported in the file.</summary>
public sealed class RuleSetCompilerTests : IDisposable
{
    private const string BusinessHours = "aws/ecr/aws_ecr_container_upload_outside_business_hours.yml";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rulec-compile-tests", Guid.NewGuid().ToString("N"));

    public RuleSetCompilerTests()
    {
        var source = Path.Combine(TestPaths.RepoRoot, "rules");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_root, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [Fact]
    public void Every_rule_in_the_repository_compiles_without_diagnostics()
    {
        var result = RuleSetCompiler.Compile(RuleRepository.Load(_root));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(result.Repository.Rules.Length, result.Rules.Length);
        Assert.True(result.Rules.Length >= 5);
    }

    [Fact]
    public void A_misspelt_field_in_a_search_is_reported_at_its_line_and_column_in_the_yaml_file()
    {
        Edit(BusinessHours, "eventName == \"PutImage\"", "eventNme == \"PutImage\"");
        var (line, column) = Find(BusinessHours, "eventNme");

        var result = RuleSetCompiler.Compile(RuleRepository.Load(_root));

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("RC2501", error.Code);
        Assert.Contains("did you mean 'eventName'", error.Message);
        Assert.Equal((line, column), (error.Span.Line, error.Span.Column));
        Assert.DoesNotContain(result.Rules, r => r.Rule.Path.EndsWith("outside_business_hours.yml", StringComparison.Ordinal));
    }

    [Fact]
    public void A_syntax_error_in_a_search_is_reported_in_the_yaml_file()
    {
        Edit(BusinessHours, "| summarize", "| sumarize");
        var (line, column) = Find(BusinessHours, "sumarize");

        var result = RuleSetCompiler.Compile(RuleRepository.Load(_root));

        var error = Assert.Single(result.Diagnostics);
        Assert.StartsWith("RC2", error.Code);
        Assert.Equal((line, column), (error.Span.Line, error.Span.Column));
    }

    [Fact]
    public void A_risk_message_placeholder_that_names_no_output_column_is_an_error()
    {
        Edit(BusinessHours, "from $user$", "from $usr$");
        var (line, _) = Find(BusinessHours, "$usr$");

        var result = RuleSetCompiler.Compile(RuleRepository.Load(_root));

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("RC1313", error.Code);
        Assert.Contains("'usr'", error.Message);
        Assert.Equal(line, error.Span.Line);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private void Edit(string relative, string old, string replacement)
    {
        var path = Path.Combine(_root, relative);
        var text = File.ReadAllText(path);
        Assert.Contains(old, text);
        File.WriteAllText(path, text.Replace(old, replacement, StringComparison.Ordinal));
    }

    private (int Line, int Column) Find(string relative, string text)
    {
        var lines = File.ReadAllLines(Path.Combine(_root, relative));
        var index = Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        return (index + 1, lines[index].IndexOf(text, StringComparison.Ordinal) + 1);
    }
}
