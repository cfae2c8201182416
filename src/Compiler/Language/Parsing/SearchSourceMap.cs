namespace RuleCompiler.Compiler.Language.Parsing;

/// <summary>
/// Maps offsets in a query (the value of a YAML scalar) to 1-based line and column in the YAML file, so syntax
/// errors point into the file the user edits. It re-reads the scalar's raw text from its start mark according to
/// its style: block scalars (<c>|</c>, <c>&gt;</c>) strip indentation and (folded) turn line breaks into spaces;
/// flow scalars (plain, single- and double-quoted) fold lines, and quoted ones decode <c>''</c> and escapes.
/// The re-read value is checked against the loader's value; if they ever differ the map degrades to the scalar's
/// start position (<see cref="IsExact"/> is false) rather than point somewhere wrong.
/// </summary>
public sealed class SearchSourceMap
{
    private readonly int[] _lines;
    private readonly int[] _columns;

    private SearchSourceMap(int[] lines, int[] columns, bool isExact)
    {
        _lines = lines;
        _columns = columns;
        IsExact = isExact;
    }

    /// <summary>True when every offset maps to the exact character it came from.</summary>
    public bool IsExact { get; }

    /// <summary>
    /// A map for the scalar whose value is <paramref name="value"/>, written in <paramref name="style"/> starting at
    /// <paramref name="scalarStartLine"/>:<paramref name="scalarStartColumn"/> (the YAML reader's start mark, 1-based: the
    /// first character for plain scalars, the quote for quoted ones, the <c>|</c> or <c>&gt;</c> for block scalars).
    /// </summary>
    public static SearchSourceMap Create(string value, QueryTextStyle style, string fileText, int scalarStartLine, int scalarStartColumn)
    {
        var lineStarts = LineStarts(fileText);
        var start = OffsetOf(lineStarts, fileText.Length, scalarStartLine, scalarStartColumn);
        var offsets = Walk(value, style, fileText, start, lineStarts);
        if (offsets is null)
        {
            var fallback = new int[value.Length + 1];
            Array.Fill(fallback, start);
            return FromOffsets(fallback, fileText, lineStarts, isExact: false);
        }

        return FromOffsets(offsets, fileText, lineStarts, isExact: true);
    }

    /// <summary>A map for query text that is its own file (tests, command-line input): offsets map to its own lines.</summary>
    public static SearchSourceMap ForText(string text)
    {
        var offsets = new int[text.Length + 1];
        for (var i = 0; i < offsets.Length; i++)
        {
            offsets[i] = i;
        }

        return FromOffsets(offsets, text, LineStarts(text), isExact: true);
    }

    /// <summary>The 1-based line and column of the character at <paramref name="offset"/> in the query (clamped to its length).</summary>
    public (int Line, int Column) GetPosition(int offset)
    {
        var index = Math.Clamp(offset, 0, _lines.Length - 1);
        return (_lines[index], _columns[index]);
    }

    private static SearchSourceMap FromOffsets(int[] offsets, string fileText, List<int> lineStarts, bool isExact)
    {
        var lines = new int[offsets.Length];
        var columns = new int[offsets.Length];
        for (var i = 0; i < offsets.Length; i++)
        {
            var offset = Math.Clamp(offsets[i], 0, fileText.Length);
            var line = lineStarts.BinarySearch(offset);
            line = line >= 0 ? line : ~line - 1;
            lines[i] = line + 1;
            columns[i] = offset - lineStarts[line] + 1;
        }

        return new SearchSourceMap(lines, columns, isExact);
    }

    private static List<int> LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    private static int OffsetOf(List<int> lineStarts, int length, int line, int column)
    {
        var lineIndex = Math.Clamp(line - 1, 0, lineStarts.Count - 1);
        return Math.Clamp(lineStarts[lineIndex] + column - 1, 0, length);
    }

    /// <summary>File offsets of each value character (plus one for the end), or null when the re-read text differs.</summary>
    private static int[]? Walk(string value, QueryTextStyle style, string fileText, int start, List<int> lineStarts)
    {
        var reader = new ScalarReader(fileText);
        switch (style)
        {
            case QueryTextStyle.Literal or QueryTextStyle.Folded:
                reader.ReadBlock(start, folded: style == QueryTextStyle.Folded, value.Length);
                break;
            case QueryTextStyle.SingleQuoted:
                reader.ReadFlow(start + 1, FlowKind.SingleQuoted, value.Length);
                break;
            case QueryTextStyle.DoubleQuoted:
                reader.ReadFlow(start + 1, FlowKind.DoubleQuoted, value.Length);
                break;
            default:
                reader.ReadFlow(start, FlowKind.Plain, value.Length);
                break;
        }

        return reader.Result(value);
    }
}
