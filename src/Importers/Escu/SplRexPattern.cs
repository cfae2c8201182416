using System.Collections.Immutable;
using System.Text;

namespace RuleCompiler.Importers.Escu;

/// <summary>A capturing group of a rex pattern: its PCRE number, its name (null when unnamed), where it starts.</summary>
/// <param name="Optional">Whether a match can leave the group out (it or a group around it is quantified to zero
/// times, or it lies in one branch of an alternation): SPL then leaves the field as it was.</param>
internal sealed record RexGroup(int Number, string? Name, bool Optional, int Index);

/// <summary>PCRE syntax outside the portable dialect, at its index in the pattern.</summary>
internal sealed record RexProblem(int Index, string Message);

/// <summary>
/// A rex regular expression (PCRE, as Splunk runs it) read for the portable dialect (docs/semantics.md §5.5): its
/// capturing groups, numbered left to right as PCRE numbers them (named or not; <c>(?:...)</c>, flag groups,
/// escaped parentheses and parentheses in a character class do not count), and <see cref="Canonical"/>, the same
/// pattern with the group names taken out (so group n is group n in .NET, RE2 and PCRE alike: .NET would number
/// named groups after the unnamed ones) and PCRE's <c>$</c> (the end, or just before a final newline) written
/// <c>\n?$</c>, which matches at the same places in the dialect, where <c>$</c> is the very end only.
/// </summary>
internal sealed record RexPattern(string Canonical, ImmutableArray<RexGroup> Groups)
{
    /// <summary>Reads a PCRE pattern; a construct outside the portable dialect is a problem at its index.</summary>
    public static (RexPattern? Pattern, RexProblem? Problem) Read(string pcre)
    {
        var reader = new Reader(pcre);
        try
        {
            return (reader.Run(), null);
        }
        catch (ProblemAt problem)
        {
            return (null, new RexProblem(problem.Index, problem.Message));
        }
    }

    private sealed class ProblemAt(int index, string message) : Exception(message)
    {
        public int Index => index;
    }

    private sealed class Frame(Frame? parent, int number, string? name, int index)
    {
        public Frame? Parent => parent;

        public int Number => number;

        public string? Name => name;

        public int Index => index;

        public bool HasAlternation { get; set; }

        public int Minimum { get; set; } = 1;
    }

    private sealed class Reader(string pattern)
    {
        private readonly StringBuilder _out = new(pattern.Length + 8);
        private readonly List<Frame> _groups = [];
        private readonly Stack<Frame> _open = new();
        private int _i;

        // Only a leading (?m) keeps $ as the dialect reads it in every engine (before each newline and at the end).
        private readonly bool _multiline = LeadingFlags(pattern).Contains('m', StringComparison.Ordinal);

        public RexPattern Run()
        {
            var top = new Frame(null, 0, null, 0);
            _open.Push(top);
            while (_i < pattern.Length)
            {
                var c = pattern[_i];
                switch (c)
                {
                    case '\\':
                        Escape();
                        break;
                    case '[':
                        Class();
                        break;
                    case '(':
                        Open();
                        break;
                    case ')':
                        Close();
                        break;
                    case '|':
                        _open.Peek().HasAlternation = true;
                        Copy(1);
                        break;
                    case '$':
                        Dollar(_i);
                        _i++;
                        break;
                    case '*' or '+' or '?' or '{':
                        Quantifier();
                        break;
                    default:
                        Copy(1);
                        break;
                }
            }

            if (_open.Count > 1)
            {
                throw new ProblemAt(_open.Peek().Index, "a group without its closing ')'");
            }

            var groups = _groups.OrderBy(g => g.Number).Select(g => new RexGroup(g.Number, g.Name, IsOptional(g), g.Index));
            return new RexPattern(_out.ToString(), [.. groups]);
        }

        private static bool IsOptional(Frame group)
        {
            if (group.Minimum == 0)
            {
                return true;
            }

            for (var outer = group.Parent; outer is not null; outer = outer.Parent)
            {
                if (outer.HasAlternation || outer.Minimum == 0)
                {
                    return true;
                }
            }

            return false;
        }

        private void Copy(int length)
        {
            _out.Append(pattern, _i, length);
            _i += length;
        }

        private char At(int index) => index < pattern.Length ? pattern[index] : '\0';

        private void Escape()
        {
            var next = At(_i + 1);
            if (next == '\0')
            {
                throw new ProblemAt(_i, "a backslash at the end of the pattern");
            }

            if (!char.IsAsciiLetterOrDigit(next))
            {
                Copy(2);
                return;
            }

            if (next == 'Z')
            {
                // PCRE's \Z is its $ without (?m): the end, or just before a final newline.
                Dollar(_i);
                _i += 2;
                return;
            }

            if (next == 'x' && char.IsAsciiHexDigit(At(_i + 2)) && char.IsAsciiHexDigit(At(_i + 3)))
            {
                Copy(4);
                return;
            }

            if ("dDwWsSbBAztnrfa".Contains(next, StringComparison.Ordinal))
            {
                Copy(2);
                return;
            }

            throw new ProblemAt(_i, UnportableEscape(next));
        }

        private static string UnportableEscape(char letter) => letter switch
        {
            >= '0' and <= '9' => $"the backreference or octal escape \\{letter} (the portable dialect has neither)",
            'g' or 'k' => $"the backreference \\{letter} (the portable dialect has none)",
            'K' => "\\K (PCRE's reset of the match start) is not in the portable dialect",
            'Q' or 'E' => "\\Q...\\E quoting is not in the portable dialect: escape each character",
            'G' => "the anchor \\G is not in the portable dialect",
            'h' or 'H' or 'v' or 'V' or 'R' => $"PCRE's \\{letter} (horizontal or vertical space, a line break) is not in the portable dialect (.NET reads \\v as a vertical tab)",
            'p' or 'P' => $"the Unicode property class \\{letter}{{...}} is not in the portable dialect (its names differ between the engines)",
            'x' => "\\x{...} is not in the portable dialect: write \\xhh",
            _ => $"the escape \\{letter} is not in the portable dialect",
        };

        private void Class()
        {
            var start = _i;
            var j = _i + 1;
            if (At(j) == '^') j++;
            if (At(j) == ']') j++;
            while (j < pattern.Length && pattern[j] != ']')
            {
                var c = pattern[j];
                if (c == '\\')
                {
                    var next = At(j + 1);
                    if (char.IsAsciiLetterOrDigit(next) && !"dDwWsStnrfa".Contains(next, StringComparison.Ordinal)
                        && !(next == 'x' && char.IsAsciiHexDigit(At(j + 2)) && char.IsAsciiHexDigit(At(j + 3))))
                    {
                        throw new ProblemAt(j, next == 'b' ? "\\b in a character class (a backspace in PCRE) is not in the portable dialect" : UnportableEscape(next));
                    }

                    j += 2;
                    continue;
                }

                if (c == '[' && At(j + 1) is ':' or '=' or '.')
                {
                    throw new ProblemAt(j, "a POSIX class such as [:alpha:] is not in the portable dialect (.NET reads it as its characters)");
                }

                if (c == '-' && At(j + 1) == '[')
                {
                    throw new ProblemAt(j, "character class subtraction is not in the portable dialect");
                }

                j++;
            }

            if (j >= pattern.Length)
            {
                throw new ProblemAt(start, "a character class without its closing ']'");
            }

            Copy(j + 1 - start);
        }

        private void Open()
        {
            var start = _i;
            if (At(_i + 1) == '*')
            {
                throw new ProblemAt(start, "the PCRE verb (*...) is not in the portable dialect");
            }

            if (At(_i + 1) != '?')
            {
                Push(null, start);
                _i++;
                _out.Append('(');
                return;
            }

            var rest = pattern.AsSpan(_i + 2);
            if (rest.StartsWith("P<") || rest.StartsWith("'") || (rest.StartsWith("<") && rest.Length > 1 && (char.IsAsciiLetter(rest[1]) || rest[1] == '_')))
            {
                var nameStart = _i + 2 + (rest[0] == 'P' ? 2 : 1);
                var end = pattern.IndexOf(rest[0] == '\'' ? '\'' : '>', nameStart);
                if (end < 0)
                {
                    throw new ProblemAt(start, "a group name without its closing '>'");
                }

                Push(pattern[nameStart..end], start);
                _i = end + 1;
                _out.Append('(');
                return;
            }

            if (rest.StartsWith(":"))
            {
                Push(number: -1, start);
                Copy(3);
                return;
            }

            if (rest.IsEmpty || !(char.IsAsciiLetter(rest[0]) || (rest[0] == '-' && rest.Length > 1 && char.IsAsciiLetter(rest[1]))) || rest[0] is 'P' or 'R')
            {
                throw new ProblemAt(start, GroupSyntax(rest));
            }

            var flagsEnd = _i + 2;
            while (flagsEnd < pattern.Length && (char.IsAsciiLetter(pattern[flagsEnd]) || pattern[flagsEnd] == '-'))
            {
                flagsEnd++;
            }

            if (flagsEnd > _i + 2 && At(flagsEnd) is ')' or ':')
            {
                Flags(pattern[(_i + 2)..flagsEnd], start, scoped: At(flagsEnd) == ':');
                if (At(flagsEnd) == ':')
                {
                    Push(number: -1, start);
                }

                Copy(flagsEnd + 1 - _i);
                return;
            }

            throw new ProblemAt(start, GroupSyntax(rest));
        }

        private static string GroupSyntax(ReadOnlySpan<char> rest) => rest switch
        {
            _ when rest.StartsWith("=") || rest.StartsWith("!") => "lookahead (?=...) / (?!...) is not in the portable dialect",
            _ when rest.StartsWith("<=") || rest.StartsWith("<!") => "lookbehind (?<=...) / (?<!...) is not in the portable dialect",
            _ when rest.StartsWith(">") => "the atomic group (?>...) is not in the portable dialect",
            _ when rest.StartsWith("|") => "the branch reset group (?|...) is not in the portable dialect",
            _ when rest.StartsWith("(") => "the conditional (?(...)...) is not in the portable dialect",
            _ when rest.StartsWith("#") => "the comment (?#...) is not in the portable dialect",
            _ when rest.StartsWith("P=") || rest.StartsWith("P>") || rest.StartsWith("&") || rest.StartsWith("R") || (rest.Length > 0 && (char.IsAsciiDigit(rest[0]) || rest[0] is '+' or '-'))
                => "a backreference, recursion or subroutine call is not in the portable dialect",
            _ => "this group syntax is not in the portable dialect",
        };

        private static void Flags(string flags, int at, bool scoped)
        {
            foreach (var flag in flags)
            {
                if (flag == 'm' && (at != 0 || scoped))
                {
                    throw new ProblemAt(at, "the flag m other than as a leading (?m) is not translated ($ would mean one thing before it and another after)");
                }

                if (flag is not ('i' or 's' or 'm' or '-'))
                {
                    throw new ProblemAt(at, $"the flag {flag} is not in the portable dialect (only i, s and m are)");
                }
            }
        }

        private void Push(string? name, int at) => Push(_groups.Count + 1, at, name);

        private void Push(int number, int at, string? name = null)
        {
            var frame = new Frame(_open.Peek(), number, name, at);
            _open.Push(frame);
            if (number > 0)
            {
                _groups.Add(frame);
            }
        }

        private void Close()
        {
            if (_open.Count == 1)
            {
                throw new ProblemAt(_i, "a ')' without its opening '('");
            }

            var frame = _open.Pop();
            Copy(1);
            frame.Minimum = QuantifierMinimum();
        }

        // The least number of times the quantifier at the current position repeats what precedes it (1 with none).
        private int QuantifierMinimum() => At(_i) switch
        {
            '*' or '?' => 0,
            '{' when Counted(_i) is { } counted => counted.Minimum,
            _ => 1,
        };

        private void Quantifier()
        {
            int length;
            if (pattern[_i] == '{')
            {
                if (At(_i + 1) == ',' && char.IsAsciiDigit(At(_i + 2)))
                {
                    throw new ProblemAt(_i, "a repeat {,n} (a literal in older PCRE and in .NET, {0,n} in PCRE2 10.43) is not translated: write {0,n}");
                }

                if (Counted(_i) is not { } counted)
                {
                    Copy(1); // a literal brace, as in PCRE
                    return;
                }

                length = counted.Length;
            }
            else
            {
                length = 1;
            }

            Copy(length);
            if (At(_i) == '+')
            {
                throw new ProblemAt(_i, "the possessive quantifier (x*+, x++, x?+) is not in the portable dialect");
            }

            if (At(_i) == '?')
            {
                Copy(1);
            }
        }

        // {n}, {n,} or {n,m} at index: its least count and its length; null when the brace is a literal.
        private (int Minimum, int Length)? Counted(int index)
        {
            var j = index + 1;
            while (char.IsAsciiDigit(At(j))) j++;
            if (j == index + 1)
            {
                return null;
            }

            var minimum = int.TryParse(pattern.AsSpan(index + 1, Math.Min(j - index - 1, 9)), System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue;
            if (At(j) == ',')
            {
                j++;
                while (char.IsAsciiDigit(At(j))) j++;
            }

            return At(j) == '}' ? (minimum, j + 1 - index) : null;
        }

        private void Dollar(int at)
        {
            if (_multiline)
            {
                if (pattern[at] == '\\')
                {
                    throw new ProblemAt(at, "\\Z with (?m) is not translated: write \\n?$ outside a group, or \\z");
                }

                _out.Append('$');
                return;
            }

            // \n? consumes the final newline the PCRE end test stands before: harmless outside a capturing group only.
            if (_open.Any(f => f.Number > 0))
            {
                throw new ProblemAt(at, "an end anchor inside a capturing group: PCRE's $ also matches just before a final newline, and the dialect's only at the very end (write \\z, or move it out of the group)");
            }

            _out.Append(@"\n?$");
        }

        private static string LeadingFlags(string pattern)
        {
            if (!pattern.StartsWith("(?", StringComparison.Ordinal))
            {
                return "";
            }

            var end = 2;
            while (end < pattern.Length && char.IsAsciiLetter(pattern[end])) end++;
            return end < pattern.Length && pattern[end] == ')' ? pattern[2..end] : "";
        }
    }
}
