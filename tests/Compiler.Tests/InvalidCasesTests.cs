using System.Text.RegularExpressions;
using RuleCompiler.Compiler.Loading;

namespace RuleCompiler.Compiler.Tests;

/// <summary>
/// Every broken file under Invalid/ states what it must produce: <c># expect: CODE line:col</c> lines in the file, or
/// a <c>FILE.expect</c> sidecar for files that cannot hold a comment (empty, binary). A file with no expectation is
/// context (a valid data source). A folder whose name ends in <c>_across_files</c> is one case validated as a whole.
/// The diagnostics must be exactly the expected ones: nothing missing, nothing extra.
/// </summary>
public partial class InvalidCasesTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var path in AllCasePaths())
        {
            data.Add(Path.GetRelativePath(TestPaths.InvalidCases, path).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_invalid_case_gives_exactly_its_expected_diagnostics(string relativeCase)
    {
        var path = Path.Combine(TestPaths.InvalidCases, relativeCase);
        var files = Directory.Exists(path) ? Directory.EnumerateFiles(path, "*.yml", SearchOption.AllDirectories).ToList() : [path];
        var expected = files.SelectMany(f => Expectations(f).Select(e => $"{Name(f)} {e}")).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);

        var result = RuleRepository.Load(path);

        var actual = result.Diagnostics.Select(d => $"{Name(d.Span.Path)} {d.Code} {d.Span.Line}:{d.Span.Column}").Order(StringComparer.Ordinal).ToList();
        Assert.True(expected.SequenceEqual(actual),
            $"expected:\n  {string.Join("\n  ", expected)}\nactual:\n  {string.Join("\n  ", result.Diagnostics)}");
    }

    [Fact]
    public void There_are_at_least_forty_cases_covering_every_foundation_error_code()
    {
        var cases = AllCasePaths().ToList();
        Assert.True(cases.Count >= 40, $"only {cases.Count} invalid cases");
        var covered = cases.SelectMany(c => Directory.Exists(c) ? Directory.EnumerateFiles(c, "*.yml", SearchOption.AllDirectories) : [c])
            .SelectMany(Expectations).Select(e => e.Split(' ')[0]).ToHashSet();
        var codes = DiagnosticCodes.InSource().Where(c => c.Value.StartsWith("RC1", StringComparison.Ordinal) && !c.Value.StartsWith("RC19", StringComparison.Ordinal)
                && c.Name.Contains("DiagnosticCodes.", StringComparison.Ordinal))
            .Select(c => c.Value).Except(["RC1008", "RC1299", "RC1313"])
            .Except(["RC1316", "RC1317"]); // symbolic links, made on the fly by Cli/RepositoryIntegrityTests (git fixtures cannot hold them portably)
        var uncovered = codes.Where(c => !covered.Contains(c)).ToList();
        Assert.True(uncovered.Count == 0, "codes without an invalid case: " + string.Join(", ", uncovered));
    }

    private static IEnumerable<string> AllCasePaths()
    {
        var root = TestPaths.InvalidCases;
        var folders = Directory.EnumerateDirectories(root, "*_across_files").ToList();
        var files = Directory.EnumerateFiles(root, "*.yml", SearchOption.AllDirectories)
            .Where(f => !folders.Any(d => f.StartsWith(d + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            .Where(f => Expectations(f).Any());
        return files.Concat(folders).Order(StringComparer.Ordinal);
    }

    private static IEnumerable<string> Expectations(string file)
    {
        var sidecar = file + ".expect";
        var text = File.Exists(sidecar) ? File.ReadAllText(sidecar) : File.ReadAllText(file);
        var pattern = File.Exists(sidecar) ? SidecarLine() : ExpectComment();
        return pattern.Matches(text).Select(m => m.Groups[1].Value.Trim());
    }

    private static string Name(string path) => Path.GetRelativePath(TestPaths.InvalidCases, path).Replace('\\', '/');

    [GeneratedRegex(@"^# expect: (RC\d{4} \d+:\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex ExpectComment();

    [GeneratedRegex(@"^(RC\d{4} \d+:\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex SidecarLine();
}
