namespace RuleCompiler.Importers.Sentinel;

/// <summary>A stage written out: the text that replaces <c>Length</c> characters from the pipe, and text to add at a later offset.</summary>
internal sealed record KqlStageShorthand(int Length, string Replacement, (int At, string Text)? Append);

/// <summary>
/// KQL stages that are shorthand for canonical stages, written out before parsing so that the canonical parser reads
/// them: <c>top N by e [asc|desc] [nulls first|last]</c> is <c>sort by e ... | take N</c> (KQL's <c>top</c> orders
/// and places nulls as <c>sort</c> does, descending by default); <c>limit N</c> is <c>take N</c>; the <c>count</c>
/// stage is <c>summarize Count = count()</c> (one row, the column KQL names <c>Count</c>); <c>as T</c> names the rows
/// for a later reference, so when nothing refers to <c>T</c> it changes nothing and is dropped.
/// </summary>
internal static class KqlStageShorthands
{
    /// <summary>The written-out form of the stage after the pipe at <paramref name="pipe"/>, or null when it is no shorthand.</summary>
    public static KqlStageShorthand? Expand(IReadOnlyList<KqlToken> tokens, int pipe)
    {
        if (pipe + 1 >= tokens.Count || !tokens[pipe + 1].IsIdentifier)
        {
            return null;
        }

        var stage = tokens[pipe + 1];
        var next = pipe + 2 < tokens.Count ? tokens[pipe + 2] : null;
        var start = tokens[pipe].Start;
        switch (stage.Text)
        {
            case "limit" when next is { Text: [>= '0' and <= '9', ..] }:
                return new KqlStageShorthand(stage.Start + stage.Text.Length - start, "| take", null);
            case "count" when next is null || next.Text is "|" or ")" or ";":
                return new KqlStageShorthand(stage.Start + stage.Text.Length - start, "| summarize Count = count()", null);
            case "top" when Number(tokens, pipe + 2) is var (rows, by) && by < tokens.Count && tokens[by].Text == "by":
                var end = StageEnd(tokens, by + 1);
                return new KqlStageShorthand(tokens[by].Start - start, "| sort ", (end, $" | take {rows}"));
            case "as" when next is { IsIdentifier: true } && (pipe + 3 >= tokens.Count || tokens[pipe + 3].Text is "|" or ";" or ")"):
                var referenced = tokens.Where((t, i) => i != pipe + 2 && t.IsIdentifier && t.Text == next.Text).Any();
                return referenced ? null : new KqlStageShorthand(next.Start + next.Text.Length - start, "", null);
            default:
                return null;
        }
    }

    // A whole number written at index (the scanner gives one token per digit), and the index after it.
    private static (long Value, int Next)? Number(IReadOnlyList<KqlToken> tokens, int index)
    {
        var digits = "";
        var i = index;
        while (i < tokens.Count && tokens[i].Text is [>= '0' and <= '9'] && (i == index || tokens[i].Start == tokens[i - 1].Start + 1))
        {
            digits += tokens[i].Text;
            i++;
        }

        return long.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? (value, i) : null;
    }

    // The offset just after the last token of the stage that starts at index, which ends at a pipe, a semicolon or
    // a closing parenthesis of its own depth, or at the end of the query.
    private static int StageEnd(IReadOnlyList<KqlToken> tokens, int index)
    {
        var depth = 0;
        var last = tokens[index - 1];
        for (var i = index; i < tokens.Count; i++)
        {
            var text = tokens[i].Text;
            if (depth == 0 && text is "|" or ";" or ")")
            {
                break;
            }

            depth += text is "(" or "[" ? 1 : text is ")" or "]" ? -1 : 0;
            last = tokens[i];
        }

        return last.Start + last.Text.Length;
    }
}
