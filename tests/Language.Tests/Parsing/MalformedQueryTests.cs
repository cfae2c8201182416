using System.Text.RegularExpressions;
using RuleCompiler.Compiler.Language.Parsing;
using Xunit;

namespace RuleCompiler.Language.Tests.Parsing;

/// <summary>
/// One file per malformed query in Parsing/Malformed: <c>.rcq</c> files are queries whose first line is a comment
/// <c>// expect: CODE at LINE:COL</c>; <c>.yml</c> files are rules whose <c>search</c> is malformed, with
/// <c># expect: CODE at LINE:COL</c> giving the position in the YAML file.
/// </summary>
public partial class MalformedQueryTests
{
    public static TheoryData<string> QueryFiles() => [.. CaseFiles("*.rcq")];

    public static TheoryData<string> YamlFiles() => [.. CaseFiles("*.yml")];

    [Fact]
    public void There_are_at_least_fifty_cases_and_every_style_of_yaml_scalar_is_covered()
    {
        Assert.True(CaseFiles("*.rcq").Count() + CaseFiles("*.yml").Count() >= 50);
        var styles = CaseFiles("*.yml").Select(f => YamlSearchScalar.Read(File.ReadAllText(Path.Combine(Folder, f))).Style).Distinct();
        Assert.Equal(5, styles.Count());
    }

    [Theory]
    [MemberData(nameof(QueryFiles))]
    public void Malformed_query_reports_its_code_at_its_position(string file)
    {
        var text = File.ReadAllText(Path.Combine(Folder, file));
        var (code, line, column) = Expectation(text, "//");

        var result = QueryParser.Parse(text);

        Assert.Null(result.Query);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal((line, column), SearchSourceMap.ForText(text).GetPosition(diagnostic.Span.Start));
        Assert.False(string.IsNullOrWhiteSpace(diagnostic.Message));
    }

    [Theory]
    [MemberData(nameof(YamlFiles))]
    public void Malformed_search_in_yaml_reports_its_code_at_the_file_position(string file)
    {
        var path = Path.Combine(Folder, file);
        var fileText = File.ReadAllText(path);
        var (code, line, column) = Expectation(fileText, "#");
        var scalar = YamlSearchScalar.Read(fileText);
        var map = SearchSourceMap.Create(scalar.Value, scalar.Style, fileText, scalar.Line, scalar.Column);

        var result = QueryParser.Parse(scalar.Value);

        Assert.True(map.IsExact);
        var diagnostic = Assert.Single(result.Diagnostics).ToDiagnostic(file, map);
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal((line, column), (diagnostic.Span.Line, diagnostic.Span.Column));
        Assert.StartsWith($"{file}({line},{column}): error {code}: ", diagnostic.ToString());
    }

    private static string Folder => TestFiles.Folder("Parsing", "Malformed");

    private static IEnumerable<string> CaseFiles(string pattern) =>
        Directory.EnumerateFiles(Folder, pattern).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    private static (string Code, int Line, int Column) Expectation(string text, string commentPrefix)
    {
        var match = ExpectationPattern().Match(text.Split('\n')[0]);
        Assert.True(match.Success && text.StartsWith(commentPrefix, StringComparison.Ordinal), "the first line must be a comment 'expect: CODE at LINE:COL'");
        return (match.Groups[1].Value, int.Parse(match.Groups[2].Value), int.Parse(match.Groups[3].Value));
    }

    [GeneratedRegex(@"expect: (RC\d{4}) at (\d+):(\d+)")]
    private static partial Regex ExpectationPattern();
}
