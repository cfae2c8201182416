using System.Text.RegularExpressions;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Yaml;

namespace RuleCompiler.Compiler.Loading;

/// <summary>
/// A rule still holding the placeholder text <c>rulec new</c> writes (<see cref="Marker"/>) gets a warning at each
/// value that holds it, so a scaffold that validates as written is never mistaken for a finished rule (and
/// <c>--warnings-as-errors</c> stops it in CI). It reads the rule's YAML values, so comments are left alone.
/// </summary>
public static partial class PlaceholderChecks
{
    /// <summary>Placeholder text left in a rule (RC19xx: the check belongs with <c>rulec new</c>, which writes it).</summary>
    public const string PlaceholderText = "RC1921";

    /// <summary>The word every scaffold placeholder contains.</summary>
    public const string Marker = "TODO";

    public static IEnumerable<Diagnostic> Check(YamlNode? node) => node switch
    {
        YamlScalar scalar when MarkerWord().IsMatch(scalar.Value) => [Diagnostic.Warning(PlaceholderText,
            $"placeholder text '{Marker}' left from 'rulec new': replace it with the rule's real content",
            scalar.Span)],
        YamlSequence sequence => sequence.Items.SelectMany(Check),
        YamlMapping mapping => mapping.Entries.SelectMany(e => Check(e.Value)),
        _ => [],
    };

    [GeneratedRegex(@"\bTODO\b")]
    private static partial Regex MarkerWord();
}
