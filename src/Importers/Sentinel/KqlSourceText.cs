using System.Text;

namespace RuleCompiler.Importers.Sentinel;

/// <summary>
/// Sentinel KQL rewritten, token by token, into the spellings the canonical parser reads, with a map from every
/// offset of the rewritten text back to the original so diagnostics point into the source file:
/// <c>let x = Table | ...;</c> and <c>let x = materialize(Table | ...);</c> become <c>let x = (Table | ...);</c>,
/// <c>mvexpand</c> is <c>mv-expand</c>, <c>order by</c> is <c>sort by</c>, and the stages that are other stages'
/// shorthand are written out (<see cref="KqlStageShorthands"/>: <c>top</c>, <c>limit</c>, <c>count</c>, an unused
/// <c>as</c>). Everything else is left as written; the canonical parser and <see cref="KqlTranslator"/> decide what
/// translates.
/// </summary>
public sealed class KqlSourceText
{
    private readonly List<(int Rewritten, int Original)> anchors;

    private KqlSourceText(string text, List<(int Rewritten, int Original)> anchors)
    {
        Text = text;
        this.anchors = anchors;
    }

    /// <summary>The rewritten text the canonical parser reads.</summary>
    public string Text { get; }

    /// <summary>
    /// Offsets (in <see cref="Text"/>) of <c>has_any</c> and <c>has_all</c> operators, written there as <c>in</c> so
    /// the parser reads their list; <see cref="KqlTranslator"/> turns those <c>in</c>s into <c>has</c> terms.
    /// </summary>
    public IReadOnlyDictionary<int, string> HasOperators { get; private init; } = new Dictionary<int, string>();

    /// <summary>Offsets (in <see cref="Text"/>) of the <c>join</c>s that were KQL <c>lookup</c>s (<see cref="KqlTranslator"/> removes the right keys).</summary>
    public IReadOnlySet<int> Lookups { get; private init; } = new HashSet<int>();

    /// <summary>Stages written out without their column order (offset and length in the original query, and what is lost).</summary>
    public IReadOnlyList<(int Start, int Length, string Message)> Unordered { get; private init; } = [];

    /// <summary>The offset in the original query of <paramref name="offset"/> in <see cref="Text"/>.</summary>
    public int Original(int offset)
    {
        var best = (Rewritten: 0, Original: 0);
        foreach (var anchor in anchors)
        {
            if (anchor.Rewritten > offset)
            {
                break;
            }

            best = anchor;
        }

        return best.Original + (offset - best.Rewritten);
    }

    public static KqlSourceText Rewrite(string query, IReadOnlySet<string> tables)
    {
        var tokens = KqlTokens.Scan(query);
        var output = new StringBuilder();
        var anchors = new List<(int, int)> { (0, 0) };
        var copied = 0;
        var pendingClose = new Stack<int>();
        var letDepth = -1;
        var depth = 0;
        var hasOperators = new Dictionary<int, string>();
        var unordered = new List<(int Start, int Length, string Message)>();
        var lookups = new HashSet<int>();

        void CopyTo(int position)
        {
            output.Append(query, copied, position - copied);
            copied = position;
        }

        var inserts = new List<(int At, string Text)>();
        var edits = new List<(int At, int Length, string Text)>();

        void Insert(int upTo)
        {
            // Text written after a later token (top's take, a union leg's pipe) goes in once the rewriting has copied
            // up to there, replacing what the edit covers.
            foreach (var edit in edits.Concat(inserts.Select(p => (p.At, Length: 0, p.Text))).Where(e => e.At <= upTo && e.At >= copied).OrderBy(e => e.At).ToList())
            {
                CopyTo(edit.At);
                output.Append(edit.Text);
                copied = edit.At + edit.Length;
                anchors.Add((output.Length, copied));
            }

            inserts.RemoveAll(p => p.At <= upTo);
            edits.RemoveAll(e => e.At <= upTo);
        }

        void Replace(int start, int length, string replacement)
        {
            // Two rewrites of one token (only malformed KQL, such as a join whose right side is a stage name) keep the
            // first; the text then fails to parse, as the query would in Kusto.
            if (start < copied)
            {
                return;
            }

            CopyTo(start);
            output.Append(replacement);
            copied = start + length;
            anchors.Add((output.Length, copied));
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            Insert(token.Start);
            if (token.Text == "|" && token.Start >= copied && KqlStageShorthands.Expand(tokens, i) is { } shorthand)
            {
                if (shorthand.Loses is { } loses)
                {
                    unordered.Add((tokens[i + 1].Start, tokens[i + 1].Text.Length, loses));
                }

                Replace(token.Start, shorthand.Length, shorthand.Replacement);
                if (shorthand.Append is { } append)
                {
                    inserts.Add(append);
                }

                continue;
            }

            if (IsAdjacentString(tokens, i))
            {
                // KQL joins adjacent literals of one kind: 'a''b' is "ab" (and not 'a' then 'b').
                Replace(token.Start + token.Text.Length - 1, 2, "");
                continue;
            }

            if (token.IsIdentifier && i > 0 && tokens[i - 1].Start + 1 == token.Start && char.IsAsciiDigit(tokens[i - 1].Text[0])
                && DurationUnit(token.Text) is { } unit)
            {
                // 1min, 2hours, 3days: KQL's long unit names; the canonical language writes m, h, d.
                Replace(token.Start, token.Text.Length, unit);
                continue;
            }

            if (token.Text == "(" && TupleAssignment(tokens, i) is { } pick)
            {
                // (x, a, b) = arg_max(X, A, B): KQL's names for arg_max's columns, which are the columns' own.
                Replace(token.Start, tokens[pick].Start - token.Start, "");
                i = pick - 1;
                continue;
            }

            switch (token.Text)
            {
                case "(" or "[":
                    depth++;
                    break;
                case ")" or "]":
                    depth--;
                    break;
                case "lookup" when i > 0 && tokens[i - 1].Text == "|" && token.Start >= copied:
                    // lookup is a join of its kind (leftouter by default) whose right keys are then removed.
                    CopyTo(token.Start);
                    lookups.Add(output.Length);
                    Replace(token.Start, token.Text.Length, i + 2 < tokens.Count && tokens[i + 1].Text == "kind" && tokens[i + 2].Text == "=" ? "join" : "join kind=leftouter");
                    if (JoinRight(tokens, i + 1) is { } bare && tokens[bare].IsIdentifier)
                    {
                        Replace(tokens[bare].Start, 0, "(");
                        Replace(tokens[bare].Start + tokens[bare].Text.Length, 0, ")");
                    }

                    break;
                case "join" when i > 0 && tokens[i - 1].Text == "|" && JoinRight(tokens, i + 1) is { } right && tokens[right].IsIdentifier:
                    // join kind=inner name on ... : KQL takes a bare table or let name; the canonical form parenthesises it.
                    Replace(tokens[right].Start, 0, "(");
                    Replace(tokens[right].Start + tokens[right].Text.Length, 0, ")");
                    break;
                case "has_any" or "has_all" when token.Start >= copied:
                    CopyTo(token.Start);
                    hasOperators[output.Length] = token.Text;
                    Replace(token.Start, token.Text.Length, "in");
                    break;
                case "isfuzzy" when i > 0 && tokens[i - 1].Text == "union" && i + 2 < tokens.Count && tokens[i + 1].Text == "=" && tokens[i + 2].Text is "true" or "false":
                    // isfuzzy lets a union leg name a table that may not exist; every leg here reads a known data source.
                    Replace(token.Start, tokens[i + 2].Start + tokens[i + 2].Text.Length - token.Start, "");
                    break;
                case "to" when KqlStageShorthands.MvExpandCast(tokens, i) is { } cast:
                    Replace(token.Start, cast.Length, cast.Replacement);
                    if (cast.Append is { } conversion)
                    {
                        inserts.Add(conversion);
                    }

                    break;
                case "union" when (i == 0 || tokens[i - 1].Text is ";" or "(" or "=") && KqlStageShorthands.LeadingUnion(tokens, i) is { } union:
                    // union (a), (b) starting a query is a | union (b): the first leg is the input.
                    Replace(token.Start, union.Start - token.Start, "");
                    edits.AddRange(union.Edits);
                    break;
                case "hint" when i + 4 < tokens.Count && tokens[i + 1].Text == "." && tokens[i + 2].IsIdentifier && tokens[i + 3].Text == "=" && HintEnd(tokens, i + 4) is { } hintEnd:
                    // hint.strategy=broadcast, hint.shufflekey=x, ...: how Kusto runs a join or summarize, not what it returns.
                    Replace(token.Start, hintEnd - token.Start, "");
                    break;
                case "mvexpand":
                    Replace(token.Start, token.Text.Length, "mv-expand");
                    break;
                case "<" when i + 1 < tokens.Count && tokens[i + 1].Text == ">" && tokens[i + 1].Start == token.Start + 1:
                    Replace(token.Start, 2, "!=");
                    break;
                case "." when i + 1 < tokens.Count && tokens[i + 1].Text == "[":
                    // a.["x-y"] is KQL's spelling of a["x-y"].
                    Replace(token.Start, 1, "");
                    break;
                case "dynamic" when i + 3 < tokens.Count && tokens[i + 1].Text == "(" && tokens[i + 2].Text == "null" && tokens[i + 3].Text == ")":
                    Replace(token.Start, tokens[i + 3].Start + 1 - token.Start, "null");
                    break;
                case "nulls" when i + 1 < tokens.Count && IsDefaultNullOrder(tokens[i - 1].Text, tokens[i + 1].Text):
                    // The canonical sort puts nulls first ascending and last descending, KQL's default.
                    Replace(token.Start, tokens[i + 1].Start + tokens[i + 1].Text.Length - token.Start, "");
                    break;
                case "order" when i + 1 < tokens.Count && tokens[i + 1].Text == "by" && i > 0 && tokens[i - 1].Text == "|":
                    Replace(token.Start, token.Text.Length, "sort");
                    break;
                case "let" when depth == 0 && i + 3 < tokens.Count && tokens[i + 2].Text == "=":
                    var value = i + 3;
                    if (tokens[value].Text == "materialize" && value + 1 < tokens.Count && tokens[value + 1].Text == "(")
                    {
                        // materialize() only caches; its parentheses are the canonical sub-pipeline's.
                        Replace(tokens[value].Start, tokens[value].Text.Length, "");
                    }
                    else if (IsPipelineStart(tokens, value, tables))
                    {
                        Replace(tokens[value].Start, 0, "(");
                        letDepth = depth;
                        pendingClose.Push(depth);
                    }

                    break;
                case ";" when pendingClose.Count > 0 && depth == letDepth:
                    pendingClose.Pop();
                    Replace(token.Start, 0, ")");
                    letDepth = -1;
                    break;
            }
        }

        Insert(query.Length);
        CopyTo(query.Length);
        return new KqlSourceText(output.ToString(), anchors) { HasOperators = hasOperators, Unordered = unordered, Lookups = lookups };
    }

    // The token after join's parameters (kind=..., hint.x=...), or null at the end.
    private static int? JoinRight(IReadOnlyList<KqlToken> tokens, int index)
    {
        while (index + 1 < tokens.Count && tokens[index].IsIdentifier && tokens[index + 1].Text is "=" or ".")
        {
            index += tokens[index + 1].Text == "." ? 2 : 3;
        }

        return index < tokens.Count ? index : null;
    }

    // The index of arg_max/arg_min after "(a, ['b.c'], ...) =", or null.
    private static int? TupleAssignment(IReadOnlyList<KqlToken> tokens, int open)
    {
        var i = open + 1;
        while (i < tokens.Count)
        {
            var width = tokens[i].IsIdentifier ? 1
                : tokens[i].Text == "[" && i + 2 < tokens.Count && tokens[i + 1].Text.Length >= 2 && tokens[i + 2].Text == "]" ? 3
                : 0;
            if (width == 0 || i + width >= tokens.Count)
            {
                return null;
            }

            i += width;
            if (tokens[i].Text == ")")
            {
                return i + 2 < tokens.Count && tokens[i + 1].Text == "=" && tokens[i + 2].Text is "arg_max" or "arg_min" ? i + 2 : null;
            }

            if (tokens[i].Text != ",")
            {
                return null;
            }

            i++;
        }

        return null;
    }

    private static string? DurationUnit(string word) => word switch
    {
        "min" or "minute" or "minutes" => "m",
        "sec" or "second" or "seconds" => "s",
        "hr" or "hrs" or "hour" or "hours" => "h",
        "day" or "days" => "d",
        "millisecond" or "milliseconds" => "ms",
        _ => null,
    };

    // The offset after a hint's value (a name, a string or a whole number), or null.
    private static int? HintEnd(IReadOnlyList<KqlToken> tokens, int value)
    {
        var end = value;
        while (end + 1 < tokens.Count && char.IsAsciiDigit(tokens[value].Text[0]) && tokens[end + 1].Text is [>= '0' and <= '9'] && tokens[end + 1].Start == tokens[end].Start + 1)
        {
            end++;
        }

        return tokens[value].IsIdentifier || tokens[value].Text[0] is '"' or '\'' or (>= '0' and <= '9') ? tokens[end].Start + tokens[end].Text.Length : null;
    }

    /// <summary>Whether <c>nulls first|last</c> after <paramref name="before"/> is the canonical sort's own placement.</summary>
    internal static bool IsDefaultNullOrder(string before, string order) =>
        (before == "asc" && order == "first") || (before != "asc" && order == "last");

    private static bool IsAdjacentString(IReadOnlyList<KqlToken> tokens, int i) =>
        i + 1 < tokens.Count && !tokens[i].IsIdentifier && tokens[i].Text.Length >= 2 && tokens[i].Text[0] is '\'' or '"'
        && tokens[i + 1].Start == tokens[i].Start + tokens[i].Text.Length && tokens[i + 1].Text.Length >= 2 && tokens[i + 1].Text[0] == tokens[i].Text[0];

    // A let whose value is a table, or another let's name, followed by a pipe: a sub-pipeline.
    private static bool IsPipelineStart(IReadOnlyList<KqlToken> tokens, int index, IReadOnlySet<string> tables) =>
        tokens[index].IsIdentifier
        && (tables.Contains(tokens[index].Text) || tokens[index].Text == "union" || (index + 1 < tokens.Count && tokens[index + 1].Text == "|"));
}

/// <summary>A token of KQL text: identifiers, punctuation, strings and numbers (comments and whitespace skipped).</summary>
public sealed record KqlToken(string Text, int Start, bool IsIdentifier);

/// <summary>The small KQL scanner the rewriting needs: strings (quoted, verbatim), comments, identifiers, symbols.</summary>
public static class KqlTokens
{
    public static IReadOnlyList<KqlToken> Scan(string text)
    {
        var tokens = new List<KqlToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (c is '"' or '\'' || (c == '@' && i + 1 < text.Length && text[i + 1] is '"' or '\''))
            {
                var start = i;
                var verbatim = c == '@';
                var quote = verbatim ? text[++i] : c;
                i++;
                while (i < text.Length && text[i] != quote && text[i] != '\n')
                {
                    i += !verbatim && text[i] == '\\' ? 2 : 1;
                }

                i = Math.Min(i + 1, text.Length);
                tokens.Add(new KqlToken(text[start..i], start, false));
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '-') && !(text[i] == '-' && !IsDashedKeyword(text, start, i)))
                {
                    i++;
                }

                tokens.Add(new KqlToken(text[start..i], start, true));
            }
            else
            {
                tokens.Add(new KqlToken(c.ToString(), i, false));
                i++;
            }
        }

        return tokens;
    }

    // project-away, project-rename, mv-expand: the dash belongs to the word only in these stage names.
    private static bool IsDashedKeyword(string text, int start, int dash)
    {
        var head = text[start..dash];
        return head is "project" or "mv" or "fill";
    }
}
