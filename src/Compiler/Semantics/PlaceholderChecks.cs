using System.Text.RegularExpressions;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Compiler.Semantics;

/// <summary>
/// A rule still holding the placeholder text <c>rulec new</c> writes (<see cref="Marker"/>) gets a warning at each
/// place, so a scaffold that validates as written is never mistaken for a finished rule (and
/// <c>--warnings-as-errors</c> stops it in CI). YAML comment lines are left alone: a comment is not rule content.
/// </summary>
public static partial class PlaceholderChecks
{
    /// <summary>Placeholder text left in a rule (RC19xx: the check belongs with <c>rulec new</c>, which writes it).</summary>
    public const string PlaceholderText = "RC1921";

    /// <summary>The word every scaffold placeholder contains.</summary>
    public const string Marker = "TODO";

    public static IEnumerable<Diagnostic> Check(Rule rule)
    {
        var lines = rule.Search.FileText.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith('#') || MarkerWord().Match(lines[i]) is not { Success: true } match)
            {
                continue;
            }

            yield return Diagnostic.Warning(PlaceholderText,
                $"placeholder text '{Marker}' left from 'rulec new': replace it with the rule's real content",
                SourceSpan.At(rule.Path, i + 1, match.Index + 1));
        }
    }

    [GeneratedRegex(@"\bTODO\b")]
    private static partial Regex MarkerWord();
}
