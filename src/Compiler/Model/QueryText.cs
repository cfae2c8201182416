using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Language.Parsing;

namespace RuleCompiler.Compiler.Model;

/// <summary>
/// Query text as a rule, drilldown or fragment holds it: the text the parser reads, where it starts in its file,
/// and the map from offsets in the text to lines and columns of that file (built by the loader, which knows how
/// the text was written), so diagnostics point into the file the user edits.
/// </summary>
public sealed record QueryText(string Text, SourceSpan Span, SearchSourceMap Map)
{
    /// <summary>Text that is its own file (tests, generated input): offsets map to its own lines.</summary>
    public static QueryText Standalone(string text, SourceSpan span) => new(text, span, SearchSourceMap.ForText(text));
}
