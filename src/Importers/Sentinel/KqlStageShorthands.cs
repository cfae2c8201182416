namespace RuleCompiler.Importers.Sentinel;

/// <summary>A stage written out: the text that replaces <c>Length</c> characters from the pipe, and text to add at a later offset.</summary>
internal sealed record KqlStageShorthand(int Length, string Replacement, (int At, string Text)? Append)
{
    /// <summary>What the written-out form does not carry (the column order), for a warning at the stage; null when it carries everything.</summary>
    public string? Loses { get; init; }
}

/// <summary>
/// KQL stages that are shorthand for canonical stages, written out before parsing so that the canonical parser reads
/// them: <c>top N by e [asc|desc] [nulls first|last]</c> is <c>sort by e ... | take N</c> (KQL's <c>top</c> orders
/// and places nulls as <c>sort</c> does, descending by default); <c>limit N</c> is <c>take N</c>; the <c>count</c>
/// stage is <c>summarize Count = count()</c> (one row, the column KQL names <c>Count</c>); <c>as T</c> names the rows
/// for a later reference, so when nothing refers to <c>T</c> it changes nothing and is dropped. <c>project-reorder</c>
/// only orders columns and is dropped, and <c>project-keep</c> without wildcards is <c>project</c>; both with a warning
/// that the column order is not carried.
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
            case "project-reorder":
                return new KqlStageShorthand(StageEnd(tokens, pipe + 2) - start, "", null)
                {
                    Loses = "project-reorder only changes the column order, and is not carried: the canonical rule's columns keep the order its stages give them (entities, custom details and alert templates read columns by name)",
                };
            case "project-keep" when !StageTokens(tokens, pipe + 2).Any(t => t.Text == "*"):
                return new KqlStageShorthand(stage.Start + stage.Text.Length - start, "| project", null)
                {
                    Loses = "project-keep is written as project, which keeps the same columns in the order listed rather than in their input order",
                };
            case "as" when next is { IsIdentifier: true } && (pipe + 3 >= tokens.Count || tokens[pipe + 3].Text is "|" or ";" or ")"):
                var referenced = tokens.Where((t, i) => i != pipe + 2 && t.IsIdentifier && t.Text == next.Text).Any();
                return referenced ? null : new KqlStageShorthand(next.Start + next.Text.Length - start, "", null);
            default:
                return null;
        }
    }

    /// <summary>
    /// <c>union [isfuzzy=true|false] [kind=outer] A, (B | ...), ...</c> starting a query or a let: the first leg is
    /// the input and the others a <c>union</c> stage, <c>A | union (B | ...), ...</c>, which has the same rows and
    /// columns (the input's first, then each new one, as KQL's outer union). <c>Start</c> is where the first leg's
    /// text begins (inside its parentheses); the edits drop its closing parenthesis, turn the comma into the stage's
    /// pipe and parenthesise bare legs. Null for any other form (withsource, kind=inner, a single leg).
    /// </summary>
    public static (int Start, IReadOnlyList<(int At, int Length, string Text)> Edits)? LeadingUnion(IReadOnlyList<KqlToken> tokens, int union)
    {
        var i = union + 1;
        while (i + 2 < tokens.Count && tokens[i].IsIdentifier && tokens[i + 1].Text == "="
            && ((tokens[i].Text == "isfuzzy" && tokens[i + 2].Text is "true" or "false") || (tokens[i].Text == "kind" && tokens[i + 2].Text == "outer")))
        {
            i += 3;
        }

        var legs = new List<(int First, int Last)>();
        while (i < tokens.Count)
        {
            var last = tokens[i].Text == "(" ? Closing(tokens, i) : tokens[i].IsIdentifier ? i : -1;
            if (last < 0)
            {
                return null;
            }

            legs.Add((i, last));
            i = last + 1;
            if (i >= tokens.Count || tokens[i].Text != ",")
            {
                break;
            }

            i++;
        }

        if (legs.Count < 2)
        {
            return null;
        }

        var edits = new List<(int At, int Length, string Text)>();
        var (first, end) = legs[0];
        var paren = tokens[first].Text == "(";
        if (paren)
        {
            edits.Add((tokens[end].Start, 1, ""));
        }

        edits.Add((tokens[end + 1].Start, 1, " | union"));
        foreach (var (legStart, legEnd) in legs.Skip(1).Where(l => tokens[l.First].Text != "("))
        {
            edits.Add((tokens[legStart].Start, 0, "("));
            edits.Add((tokens[legEnd].Start + tokens[legEnd].Text.Length, 0, ")"));
        }

        return (paren ? tokens[first].Start + 1 : tokens[first].Start, edits);
    }

    // The index of the parenthesis that closes the one at open, or -1.
    private static int Closing(IReadOnlyList<KqlToken> tokens, int open)
    {
        var depth = 0;
        for (var i = open; i < tokens.Count; i++)
        {
            depth += tokens[i].Text is "(" or "[" ? 1 : tokens[i].Text is ")" or "]" ? -1 : 0;
            if (depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static readonly Dictionary<string, string> Conversions = new(StringComparer.Ordinal)
    {
        ["string"] = "tostring", ["long"] = "tolong", ["int"] = "tolong", ["real"] = "toreal", ["double"] = "toreal",
        ["bool"] = "tobool", ["boolean"] = "tobool", ["datetime"] = "todatetime",
    };

    /// <summary>
    /// <c>mv-expand x = e to typeof(T)</c> at the <c>to</c> at <paramref name="to"/>: the element converted to T, which is
    /// <c>mv-expand x = e | extend x = toT(x)</c> (the cast goes, the extend follows the stage); <c>typeof(dynamic)</c>
    /// converts nothing. Null when the stage expands several columns or names its column by an expression.
    /// </summary>
    public static KqlStageShorthand? MvExpandCast(IReadOnlyList<KqlToken> tokens, int to)
    {
        if (to + 4 >= tokens.Count || tokens[to + 1].Text != "typeof" || tokens[to + 2].Text != "(" || tokens[to + 4].Text != ")")
        {
            return null;
        }

        var stage = to - 1;
        var depth = 0;
        while (stage >= 0 && !(depth == 0 && tokens[stage].Text is "mv-expand" or "mvexpand"))
        {
            depth += tokens[stage].Text is ")" or "]" ? 1 : tokens[stage].Text is "(" or "[" ? -1 : 0;
            if (depth < 0 || (depth == 0 && tokens[stage].Text is "|" or "," or ";"))
            {
                return null;
            }

            stage--;
        }

        if (stage < 0 || (tokens[stage].Text != "mvexpand" && stage > 0 && tokens[stage - 1].Text != "|"))
        {
            return null;
        }

        // The column: the name assigned, or a bare column, or the column parsed by parse_json/todynamic.
        var name = tokens[stage + 2].Text == "=" ? tokens[stage + 1].Text
            : stage + 2 == to ? tokens[stage + 1].Text
            : tokens[stage + 1].Text is "parse_json" or "todynamic" && stage + 5 == to && tokens[stage + 2].Text == "(" && tokens[stage + 4].Text == ")" ? tokens[stage + 3].Text
            : null;
        var type = tokens[to + 3].Text;
        if (name is null || !(tokens[stage + 1].IsIdentifier && (type == "dynamic" || Conversions.ContainsKey(type))))
        {
            return null;
        }

        var length = tokens[to + 4].Start + 1 - tokens[to].Start;
        var end = StageEnd(tokens, to + 5);
        return new KqlStageShorthand(length, "", type == "dynamic" ? null : (end, $" | extend {name} = {Conversions[type]}({name})"));
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

    // The tokens of the stage from index to its end.
    private static IEnumerable<KqlToken> StageTokens(IReadOnlyList<KqlToken> tokens, int index)
    {
        var end = StageEnd(tokens, index);
        return tokens.Skip(index).TakeWhile(t => t.Start < end);
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
