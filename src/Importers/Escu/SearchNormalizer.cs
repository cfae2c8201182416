using System.Text;
using System.Text.RegularExpressions;

namespace RuleCompiler.Importers.Escu;

/// <summary>
/// A canonical search (as <see cref="SplQueryTranslator"/> writes it) in a form two searches that mean the same
/// compare equal in: one line per stage, whitespace collapsed, consecutive where stages as one sorted set of
/// conjuncts (their order commutes), and the conventions of either side left out: fill-null stages (the Splunk
/// backend fills group-by fields before every stats), extends that only copy a field and the <c>name = field</c> form
/// of a group-by key (the backend spells derivations out as evals), <c>coalesce(x, "")</c> around concatenated
/// values, and <c>isempty(x) or x == ""</c>, the backend's spelling of <c>isempty(x)</c>. A let's opening and closing
/// are lines of their own.
/// </summary>
public static partial class SearchNormalizer
{
    public static IReadOnlyList<string> Normalize(string search)
    {
        var lines = new List<string>();
        var conjuncts = new SortedSet<string>(StringComparer.Ordinal);
        var cleared = new HashSet<string>(StringComparer.Ordinal);
        // A let's opening and closing on lines of their own, so its first and last stages read like any other stage.
        search = LetOpening().Replace(search, "$1\n| ").Replace(");\n", "\n| );\n| ", StringComparison.Ordinal);
        search = WithLocatedMembers(search);
        foreach (var raw in search.Split("\n| "))
        {
            var stage = ToText().Replace(Coalesced().Replace(Whitespace().Replace(raw, " ").Trim(), "$1"), "$1");
            stage = Member().Replace(Bracketed().Replace(stage, "$1"), ".$1");
            stage = Span().Replace(stage, m => $"bin({m.Groups[1].Value}, {Seconds(m.Groups[2].Value, m.Groups[3].Value)}s)");
            stage = WithNegatedEqualities(stage);
            stage = WithoutMembershipGuards(stage);
            stage = WithoutComparisonGuards(stage);
            // A comparison between and/or operands needs no parentheses: (a >= b) is a >= b there.
            stage = GroupedComparison().Replace(stage, "${comparison}");
            if (stage.StartsWith("fill-null ", StringComparison.Ordinal))
            {
                continue;
            }

            if ((Union(stage) ?? TableJoin(stage)) is { } nested)
            {
                Flush(conjuncts, lines);
                lines.Add(nested);
                continue;
            }

            if (stage.StartsWith("where ", StringComparison.Ordinal))
            {
                AddConjuncts(conjuncts, stage["where ".Length..]);

                continue;
            }

            if (!stage.StartsWith("extend ", StringComparison.Ordinal))
            {
                cleared.Clear();
            }

            if (stage.StartsWith("extend ", StringComparison.Ordinal))
            {
                var kept = SplitTopLevel(stage["extend ".Length..], ", ").Select(a => WithClearedPrevious(a, cleared)).Where(a => !Copy().IsMatch(a)).ToList();
                if (kept.Count == 0)
                {
                    continue;
                }

                // One line per assignment, so a derivation reads the same as an extend or as a computed group-by key.
                Flush(conjuncts, lines);
                lines.AddRange(kept.Select(k => "extend " + k));
                continue;
            }
            else if (stage.StartsWith("summarize ", StringComparison.Ordinal) && stage.LastIndexOf(" by ", StringComparison.Ordinal) is > 0 and var by)
            {
                var keys = SplitTopLevel(stage[(by + 4)..], ", ");
                Flush(conjuncts, lines);
                lines.AddRange(keys.Where(k => KeyName().IsMatch(k) && !Copy().IsMatch(k)).Select(k => "extend " + k));
                stage = stage[..by] + " by " + string.Join(", ", keys.Select(k => KeyName().Match(k) is { Success: true } m ? m.Groups[1].Value : k));
            }

            else if (stage.StartsWith("project ", StringComparison.Ordinal))
            {
                stage = ProjectWithoutDerivations(stage, conjuncts, lines);
            }

            Flush(conjuncts, lines);
            lines.Add(stage);
        }

        Flush(conjuncts, lines);
        return lines;
    }

    /// <summary>
    /// The Splunk backend's <c>eval x=null()</c> before a rex that sets a new x (raw events may hold an undeclared
    /// field x), read back: <c>extend x = null</c>, then the rex's <c>x = iif(..., x)</c>, whose x is that null. Records
    /// the cleared name and writes the rex's previous value as <c>null</c>, as the importer writes it for a new field.
    /// </summary>
    private static string WithClearedPrevious(string assignment, HashSet<string> cleared)
    {
        if (ClearedColumn().Match(assignment) is { Success: true } clear)
        {
            cleared.Add(clear.Groups[1].Value);
            return assignment;
        }

        var rex = KeepsPrevious().Match(assignment);
        var name = assignment[..Math.Max(assignment.IndexOf(" = ", StringComparison.Ordinal), 0)];
        if (rex.Success && cleared.Remove(name))
        {
            return $"{name} = {rex.Groups[2].Value}, null)";
        }

        cleared.Remove(name);
        return assignment;
    }

    [GeneratedRegex(@"^([\w\[\]"".-]+) = null$", RegexOptions.CultureInvariant)]
    private static partial Regex ClearedColumn();

    [GeneratedRegex(@"^([\w\[\]"".-]+) = (iif\(.* matches regex .*), \1\)$", RegexOptions.CultureInvariant)]
    private static partial Regex KeepsPrevious();

    /// <summary>
    /// A union stage with each branch normalised as a search of its own (its stages one after another, separated by
    /// <c>‖</c>), or null for other stages. The importer writes a branch's stages on one line, separated by
    /// <c> | </c>.
    /// </summary>
    private static string? Union(string stage)
    {
        if (!stage.StartsWith("union (", StringComparison.Ordinal) || !stage.EndsWith(')'))
        {
            return null;
        }

        var branches = SplitTopLevel(stage["union ".Length..], ", ");
        if (branches.Any(b => !b.StartsWith('(') || !b.EndsWith(')')))
        {
            return null;
        }

        return "union " + string.Join(", ", branches.Select(b =>
            "(" + string.Join(" ‖ ", Normalize(string.Join("\n| ", SplitTopLevel(b[1..^1], " | ")))) + ")"));
    }

    /// <summary>
    /// A join on a table (<c>join kind=K (table(T) | stages) on keys</c>, as the importer writes SPL's join with an
    /// inputlookup subsearch) with its right side normalised as a search of its own (stages separated by <c>‖</c>), or
    /// null for other stages.
    /// </summary>
    private static string? TableJoin(string stage)
    {
        if (TableJoinStage().Match(stage) is not { Success: true } join)
        {
            return null;
        }

        var right = join.Groups["right"].Value;
        var end = QueryParentheses.Closing(right, 0);
        if (end < 0 || !right[(end + 1)..].StartsWith(" on ", StringComparison.Ordinal))
        {
            return null;
        }

        var stages = SplitTopLevel(right[1..end], " | ");
        return $"join {join.Groups["kind"].Value} ({stages[0]} ‖ {string.Join(" ‖ ", Normalize(string.Join("\n| ", stages.Skip(1))))}){right[(end + 1)..]}";
    }

    [GeneratedRegex(@"^join (?<kind>kind=\w+) (?<right>\(table\(\w+\).*)$", RegexOptions.CultureInvariant)]
    private static partial Regex TableJoinStage();

    /// <summary>
    /// SPL's table takes names only, so the backend writes a computed project column as an eval before it: a
    /// column <c>name = expression</c> reads as <c>extend name = expression</c> (a copy is left out, as in an extend)
    /// and the name, when no other column of the project reads that name (it would then read the new value).
    /// </summary>
    private static string ProjectWithoutDerivations(string stage, SortedSet<string> conjuncts, List<string> lines)
    {
        var columns = SplitTopLevel(stage["project ".Length..], ", ");
        var derived = columns.Where(c => KeyName().Match(c) is { Success: true } m
            && !columns.Any(o => !ReferenceEquals(o, c) && Reads(o, m.Groups[1].Value))).ToList();
        Flush(conjuncts, lines);
        lines.AddRange(derived.Where(c => !Copy().IsMatch(c)).Select(c => "extend " + c));
        return "project " + string.Join(", ", columns.Select(c => derived.Contains(c) ? KeyName().Match(c).Groups[1].Value : c));
    }

    /// <summary>Whether a project column reads the field (or a path below it) anywhere in its text.</summary>
    private static bool Reads(string column, string name) =>
        Regex.IsMatch(column, @"(?<![\w.""])" + Regex.Escape(name) + @"(?!\w)", RegexOptions.CultureInvariant);

    /// <summary>The and-ed terms of a condition, a parenthesised group of and-ed terms read as its terms (and is associative).</summary>
    private static void AddConjuncts(SortedSet<string> conjuncts, string condition)
    {
        // and binds tighter than or: a condition with an or at the top is one term.
        var parts = SplitTopLevel(condition, " or ").Count > 1 ? [condition] : SplitTopLevel(condition, " and ");
        foreach (var part in parts)
        {
            var term = Unwrap(part);
            if (term != part && SplitTopLevel(term, " and ").Count > 1)
            {
                AddConjuncts(conjuncts, term);
                continue;
            }

            conjuncts.Add(EmptyTest().Replace(term, "isempty($1)"));
        }
    }

    private static void Flush(SortedSet<string> conjuncts, List<string> lines)
    {
        // isnotempty(e) already excludes e == "": the backend's spelled-out second half adds nothing, for any e.
        const string NotEmptyText = " != \"\"";
        conjuncts.RemoveWhere(c => c.EndsWith(NotEmptyText, StringComparison.Ordinal) && conjuncts.Contains($"isnotempty({c[..^NotEmptyText.Length]})"));

        // An ordering comparison is false for null already, so isnotempty(e) next to one with e on either side adds nothing.
        conjuncts.RemoveWhere(c => GuardedOperand(c) is { } e && conjuncts.Any(o => o != c
            && (o.StartsWith(e + " <", StringComparison.Ordinal) || o.StartsWith(e + " >", StringComparison.Ordinal)
                || new[] { " < ", " <= ", " > ", " >= " }.Any(op => o.EndsWith(op + e, StringComparison.Ordinal)))));

        // So is an equality with a non-empty text or a number: the Splunk backend's guard before == adds nothing.
        conjuncts.RemoveWhere(c => NotEmpty().Match(c) is { Success: true } m && conjuncts.Any(o => NonEmptyEquality().Match(o) is { Success: true } e && e.Groups[1].Value == m.Groups[1].Value));
        if (conjuncts.Count > 0)
        {
            // An or-ed term keeps its parentheses: (a or b) and c is not a or b and c.
            lines.Add("where " + string.Join(" and ", conjuncts.Select(c => SplitTopLevel(c, " or ").Count > 1 ? $"({c})" : c)));
            conjuncts.Clear();
        }
    }

    /// <summary>The e of a conjunct <c>isnotempty(e)</c>, or null.</summary>
    private static string? GuardedOperand(string conjunct)
    {
        const string Guard = "isnotempty(";
        return conjunct.StartsWith(Guard, StringComparison.Ordinal) && QueryParentheses.Closing(conjunct, Guard.Length - 1) == conjunct.Length - 1
            ? conjunct[Guard.Length..^1]
            : null;
    }

    /// <summary>
    /// <c>isnotempty(x) and x in~ (...)</c> as <c>x in~ (...)</c>: a list without <c>""</c> never holds an empty value,
    /// so the guard the Splunk backend writes before a match adds nothing; nor before an ordering comparison, or an
    /// equality with a non-empty text, anywhere in the condition.
    /// </summary>
    private static string WithoutMembershipGuards(string stage)
    {
        const string Guard = "isnotempty(";
        for (var at = stage.IndexOf(Guard, StringComparison.Ordinal); at >= 0; at = stage.IndexOf(Guard, at + 1, StringComparison.Ordinal))
        {
            var close = QueryParentheses.Closing(stage, at + Guard.Length - 1);
            if (close < 0)
            {
                break;
            }

            var subject = stage[(at + Guard.Length)..close];
            var rest = stage[(close + 1)..];
            // An equality with a non-empty text is false for an empty value (ordering comparisons: below).
            if (new[] { " == \"", " =~ \"" }.Any(op => rest.StartsWith(" and " + subject + op, StringComparison.Ordinal))
                && !rest.StartsWith(" and " + subject + " == \"\"", StringComparison.Ordinal) && !rest.StartsWith(" and " + subject + " =~ \"\"", StringComparison.Ordinal))
            {
                stage = stage[..at] + stage[(close + " and ".Length + 1)..];
                continue;
            }

            if (OrderingOfSubjectFollows(rest, subject))
            {
                stage = stage[..at] + stage[(close + " and ".Length + 1)..];
                at--; // the next guard may now start where this one did
                continue;
            }

            foreach (var op in new[] { " in~ (", " in (" })
            {
                var test = " and " + subject + op;
                if (rest.StartsWith(test, StringComparison.Ordinal) && QueryParentheses.Closing(rest, test.Length - 1) is > 0 and var end
                    && !SplitTopLevel(rest[test.Length..end], ", ").Contains("\"\"", StringComparer.Ordinal))
                {
                    stage = stage[..at] + stage[(close + " and ".Length + 1)..];
                    break;
                }
            }
        }

        return stage;
    }

    /// <summary>
    /// The Splunk backend's spellings inside a condition, at any depth: <c>isnotempty(x) and x == "text"</c> (a guard the
    /// comparison implies), <c>isnotempty(tolower(x)) and tolower(x) == tolower("text")</c> (its <c>=~</c>) and
    /// <c>(isempty(x) or x == "")</c> (its <c>isempty</c>), <c>isnotempty(a) and isnotempty(b) and a == b</c> (its == of two
    /// fields, whose isnotnull guards the SPL reader reads as isnotempty). Each is an and-chain or a parenthesised group, so taking
    /// it out in place keeps the precedence of what surrounds it.
    /// </summary>
    private static string WithoutComparisonGuards(string stage)
    {
        stage = WithoutLowerCaseGuards(stage);
        stage = WithoutMatchGuards(stage);
        stage = GuardedEquality().Replace(stage, "$1 $2 $3");
        stage = GuardedFieldEquality().Replace(stage, "$1 == $2");
        stage = GuardedDataMatch().Replace(stage, "$1 matches regex $2");
        stage = WithoutEmptyTextDefaults(stage);
        stage = LowerEquality().Replace(stage, "$1 =~ $2");
        stage = GroupedEmptyTest().Replace(stage, "isempty($1)");
        stage = WholeEmptyTest().Replace(stage, "isempty($1)");
        return WithoutNegatedNotEmpty(WholeNotEmptyTest().Replace(stage, "isnotempty($1$2)"));
    }

    /// <summary>
    /// <c>isnotempty(e) and e matches regex "p"</c> as <c>e matches regex "p"</c> when p cannot match the empty text,
    /// and <c>isnotempty(e) and e == "text"</c> (or <c>=~</c>) as the equality for a non-empty text: then the test
    /// implies the guard (the Splunk backend writes it because SPL's match() and == of a null are null). e is any
    /// expression, found by its parentheses (the add-on's errorCode is a coalesce of an iif).
    /// </summary>
    private static string WithoutMatchGuards(string stage)
    {
        const string Guard = "isnotempty(";
        for (var at = stage.IndexOf(Guard, StringComparison.Ordinal); at >= 0; at = stage.IndexOf(Guard, at + 1, StringComparison.Ordinal))
        {
            var close = QueryParentheses.Closing(stage, at + Guard.Length - 1);
            if (close < 0 || (at > 0 && (char.IsLetterOrDigit(stage[at - 1]) || stage[at - 1] == '_')))
            {
                continue;
            }

            var subject = stage[(at + Guard.Length)..close];
            foreach (var op in new[] { " matches regex ", " == ", " =~ " })
            {
                // A match of a pattern that cannot match "", or an equality with a non-empty text, implies the guard.
                var test = $" and {subject}{op}";
                if (string.CompareOrdinal(stage, close + 1, test, 0, test.Length) == 0
                    && QuotedLiteralAt().Match(stage, close + 1 + test.Length) is { Success: true } literal
                    && (op != " matches regex " || !MatchesEmptyText(literal.Value)))
                {
                    stage = stage[..at] + stage[(close + 1 + " and ".Length)..];
                    break;
                }
            }
        }

        return stage;
    }

    /// <summary>Whether the pattern of a quoted literal can match the empty text (then the guard is a condition of its own).</summary>
    private static bool MatchesEmptyText(string quoted)
    {
        var literal = quoted[1..^1];
        if (RegexEscape().Replace(literal, "").Contains('\\', StringComparison.Ordinal))
        {
            return true;
        }

        try
        {
            return Regex.IsMatch("", RegexEscape().Replace(literal, e => e.Value[1..]), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    [GeneratedRegex(@"\G""(?:[^""\\]|\\.)+""", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedLiteralAt();

    // The quoted-literal escapes that stand for one character of the pattern: \\ and \".
    [GeneratedRegex(@"\\[\\""]", RegexOptions.CultureInvariant)]
    private static partial Regex RegexEscape();

    [GeneratedRegex(@"(?<=(?: and | or |\(|, ))\((?<comparison>[\w\[\].]+ (?:<|<=|>|>=|==|!=) (?:[\w\[\].]+|""(?:[^""\\]|\\.)*""))\)(?=(?: and | or |\)|,))", RegexOptions.CultureInvariant)]
    private static partial Regex GroupedComparison();

    // (startswith_cs and endswith_cs: the Splunk backend's match() anchored at one end, read back as the operator.)
    [GeneratedRegex(@"isnotempty\(([\w\[\]"".*/-]+)\) and \1 (==|=~|startswith_cs|endswith_cs) (""(?:[^""\\]|\\.)+"")", RegexOptions.CultureInvariant)]
    private static partial Regex GuardedEquality();

    // The backend's equality of two fields, isnotnull(a) AND isnotnull(b) AND a==b (SPL's == of a null is null), which
    // the SPL reader reads with isnotempty: the guards are the backend's spelling of the canonical ==, not a condition.
    [GeneratedRegex(@"isnotempty\(([\w\[\]"".*/-]+)\) and isnotempty\(([\w\[\]"".*/-]+)\) and \1 == \2(?![\w.\[(])", RegexOptions.CultureInvariant)]
    private static partial Regex GuardedFieldEquality();

    // The backend's match of a pattern read from the data, isnotnull(x) AND isnotnull(p) AND match(x, p): the language's
    // meaning of that form (a null subject or pattern is false), as the == of two fields above.
    [GeneratedRegex(@"isnotempty\(([\w\[\]"".*/-]+)\) and isnotempty\(([\w\[\]"".*/-]+)\) and \1 matches regex \2(?![\w.\[(])", RegexOptions.CultureInvariant)]
    private static partial Regex GuardedDataMatch();

    /// <summary>
    /// <c>coalesce(e, "")</c> as <c>e</c>: the Splunk backend's reading of a null text as "" (before a match() of a pattern
    /// that matches the empty text, on each side of an == of texts that may be missing). The language makes null and ""
    /// one value (semantics decision 1), so the two forms mean the same wherever they stand.
    /// </summary>
    private static string WithoutEmptyTextDefaults(string stage)
    {
        const string Call = "coalesce(";
        for (var at = stage.IndexOf(Call, StringComparison.Ordinal); at >= 0; at = stage.IndexOf(Call, at + 1, StringComparison.Ordinal))
        {
            var close = QueryParentheses.Closing(stage, at + Call.Length - 1);
            if (close < 0 || (at > 0 && (char.IsLetterOrDigit(stage[at - 1]) || stage[at - 1] is '_' or '.')))
            {
                continue;
            }

            var arguments = SplitTopLevel(stage[(at + Call.Length)..close], ", ");
            if (arguments is [var value, "\"\""] && !SplitTopLevel(value, " ").Skip(1).Any())
            {
                stage = stage[..at] + value + stage[(close + 1)..];
                at--; // a coalesce may start where this one did
            }
        }

        return stage;
    }

    [GeneratedRegex(@"isnotempty\(tolower\(([\w\[\]"".-]+)\)\) and tolower\(\1\) == tolower\((""(?:[^""\\]|\\.)*"")\)", RegexOptions.CultureInvariant)]
    private static partial Regex LowerEquality();

    [GeneratedRegex(@"\(isempty\(([\w\[\]"".-]+)\) or \1 == """"\)", RegexOptions.CultureInvariant)]
    private static partial Regex GroupedEmptyTest();

    // The same as a whole argument (of iif or case), where the backend writes no parentheses.
    [GeneratedRegex(@"(?<=\(|, )isempty\(([\w\[\]"".-]+)\) or \1 == """"(?=, |\))", RegexOptions.CultureInvariant)]
    private static partial Regex WholeEmptyTest();

    // The backend's isnotempty(x), spelled out, grouped or as a whole argument.
    [GeneratedRegex(@"(?:\(isnotempty\(([\w\[\]"".-]+)\) and \1 != """"\)|(?<=\(|, )isnotempty\(([\w\[\]"".-]+)\) and \2 != """"(?=, |\)))", RegexOptions.CultureInvariant)]
    private static partial Regex WholeNotEmptyTest();

    /// <summary>
    /// <c>isnotempty(tolower(e)) and tolower(e) == tolower("text")</c>, the Splunk backend's <c>e =~ "text"</c>, for any
    /// expression e (a computed field's case, say), as <c>e =~ "text"</c>.
    /// </summary>
    private static string WithoutLowerCaseGuards(string stage)
    {
        const string Guard = "isnotempty(tolower(";
        for (var at = stage.IndexOf(Guard, StringComparison.Ordinal); at >= 0; at = stage.IndexOf(Guard, at + 1, StringComparison.Ordinal))
        {
            var close = QueryParentheses.Closing(stage, at + "isnotempty(".Length - 1);
            var lowered = QueryParentheses.Closing(stage, at + Guard.Length - 1);
            if (close < 0 || lowered != close - 1)
            {
                continue;
            }

            var subject = stage[(at + Guard.Length)..lowered];
            var test = $" and tolower({subject}) == tolower(\"";
            if (string.CompareOrdinal(stage, close + 1, test, 0, test.Length) == 0
                && QueryParentheses.Closing(stage, close + test.Length - 1) is > 0 and var end
                && LiteralText().IsMatch(stage[(close + test.Length)..end]))
            {
                stage = $"{stage[..at]}{subject} =~ {stage[(close + test.Length)..end]}{stage[(end + 1)..]}";
            }
        }

        return stage;
    }

    [GeneratedRegex(@"^""(?:[^""\\]|\\.)*""$", RegexOptions.CultureInvariant)]
    private static partial Regex LiteralText();

    /// <summary>
    /// Whether the guards after <c>isnotempty(subject)</c> end in an ordering comparison with the subject on either
    /// side (<c>isnotempty(a) and isnotempty(b) and a >= b</c>): such a comparison is false for an empty operand.
    /// </summary>
    private static bool OrderingOfSubjectFollows(string rest, string subject)
    {
        const string NextGuard = " and isnotempty(";
        while (rest.StartsWith(NextGuard, StringComparison.Ordinal) && QueryParentheses.Closing(rest, NextGuard.Length - 1) is > 0 and var close)
        {
            rest = rest[(close + 1)..];
        }

        if (!rest.StartsWith(" and ", StringComparison.Ordinal))
        {
            return false;
        }

        var term = FirstTerm(rest[" and ".Length..]);
        return new[] { " < ", " <= ", " > ", " >= " }.Any(op =>
            term.StartsWith(subject + op, StringComparison.Ordinal) || term.EndsWith(op + subject, StringComparison.Ordinal));
    }

    // The text up to the first and/or outside parentheses and strings, or to a parenthesis closing an outer group, or to
    // the comma ending a function argument (the condition of an iif).
    private static string FirstTerm(string text)
    {
        foreach (var (i, depth) in QueryParentheses.OutsideStrings(text, 0))
        {
            if (depth < 0 || depth == 0 && (text[i] == ',' || string.CompareOrdinal(text, i, " and ", 0, 5) == 0 || string.CompareOrdinal(text, i, " or ", 0, 4) == 0))
            {
                return text[..i];
            }
        }

        return text;
    }

    // The index of the parenthesis closing the one at open, outside string literals; -1 when there is none.
    private static string Unwrap(string text) =>
        text.StartsWith('(') && text.EndsWith(')') && SplitTopLevel(text[1..^1], " or ").Count >= 1 && Balanced(text[1..^1]) ? text[1..^1] : text;

    private static bool Balanced(string text)
    {
        var depth = 0;
        foreach (var c in text)
        {
            depth += c switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth < 0)
            {
                return false;
            }
        }

        return depth == 0;
    }

    /// <summary>Splits at a separator outside parentheses, brackets and string literals.</summary>
    private static List<string> SplitTopLevel(string text, string separator)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        var depth = 0;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                current.Append(c);
                if (c == '\\' && i + 1 < text.Length)
                {
                    current.Append(text[++i]);
                }
                else if (c == '"')
                {
                    quoted = false;
                }

                continue;
            }

            if (c == '"')
            {
                quoted = true;
            }

            depth += c switch { '(' or '[' => 1, ')' or ']' => -1, _ => 0 };
            if (depth == 0 && string.CompareOrdinal(text, i, separator, 0, separator.Length) == 0)
            {
                parts.Add(current.ToString());
                current.Clear();
                i += separator.Length - 1;
                continue;
            }

            current.Append(c);
        }

        parts.Add(current.ToString());
        return parts;
    }

    [GeneratedRegex(@"^(let \w+ = \()", RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex LetOpening();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"coalesce\(([^(),""]+), """"\)", RegexOptions.CultureInvariant)]
    private static partial Regex Coalesced();

    private static long Seconds(string count, string unit) =>
        long.Parse(count, System.Globalization.CultureInfo.InvariantCulture) * unit switch { "m" => 60, "h" => 3600, "d" => 86400, _ => 1 };

    [GeneratedRegex(@"bin\(([^(),]+), (\d+)([smhd])\)", RegexOptions.CultureInvariant)]
    private static partial Regex Span();

    // ["name"] where a bare name would do, and x["member"] as x.member.
    [GeneratedRegex(@"(?<![\w\]])\[""([A-Za-z_][\w.]*)""\]", RegexOptions.CultureInvariant)]
    private static partial Regex Bracketed();

    [GeneratedRegex(@"(?<=[\w\]])\[""([A-Za-z_]\w*)""\]", RegexOptions.CultureInvariant)]
    private static partial Regex Member();

    [GeneratedRegex(@"^isnotempty\(([\w\[\]"".-]+)\)$", RegexOptions.CultureInvariant)]
    private static partial Regex NotEmpty();

    [GeneratedRegex(@"^([\w\[\]"".-]+) (?:==|=~) (?:""(?:[^""\\]|\\.)+""|-?\d+(?:\.\d+)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex NonEmptyEquality();

    // tostring() of a path: the text of a dynamic value, which SPL fields always are.
    [GeneratedRegex(@"tostring\(([\w\[\]"".-]+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex ToText();

    [GeneratedRegex(@"^isempty\(([^()]+)\) or \1 == """"$", RegexOptions.CultureInvariant)]
    private static partial Regex EmptyTest();

    // name = a.path (or a tostring of one): a copy, not a computation.
    [GeneratedRegex(@"^[\w\[\]"".-]+ = (?:tostring\()?[\w\[\]"".-]+\)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Copy();

    [GeneratedRegex(@"^([\w\[\]"".-]+) = ", RegexOptions.CultureInvariant)]
    private static partial Regex KeyName();
}
