using System.Text.RegularExpressions;

namespace RuleCompiler.Compiler.Tests;

/// <summary>The README's layout tour names only paths that exist, so it stays true as the tree changes.</summary>
public partial class ReadmeTests
{
    [Fact]
    public void Every_path_in_the_layout_tour_exists()
    {
        var readme = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "README.md"));
        var tour = readme[readme.IndexOf("## Layout", StringComparison.Ordinal)..];
        tour = tour[(tour.IndexOf("```", StringComparison.Ordinal) + 3)..];
        tour = tour[..tour.IndexOf("```", StringComparison.Ordinal)];
        var missing = new List<string>();
        string? parent = null;
        foreach (Match entry in TourEntry().Matches(tour))
        {
            var nested = entry.Groups[1].Value.Length > 0;
            var name = entry.Groups[2].Value;
            var path = nested && parent is not null ? parent + name : name;
            if (!nested)
            {
                parent = name;
            }

            // rules/ is the content's, merged from its own branch; the tour describes the merged tree.
            if (path != "rules/" && !File.Exists(Path.Combine(TestPaths.RepoRoot, path)) && !Directory.Exists(Path.Combine(TestPaths.RepoRoot, path)))
            {
                missing.Add(path);
            }
        }

        Assert.Equal([], missing);
        Assert.Contains("dotnet test RuleCompiler.sln", readme);
    }

    [GeneratedRegex(@"^( *)(\S+)\s{2,}", RegexOptions.Multiline)]
    private static partial Regex TourEntry();
}
