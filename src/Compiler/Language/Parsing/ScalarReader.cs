using System.Globalization;
using System.Text;

namespace RuleCompiler.Compiler.Language.Parsing;

internal enum FlowKind
{
    Plain,
    SingleQuoted,
    DoubleQuoted,
}

/// <summary>
/// Re-reads a YAML scalar's raw text and records, for each character of its value, the file offset it came from.
/// It stops once it has produced as many characters as the loader's value has (the value is the authority on where
/// the scalar ends), so it needs no full YAML tokenizer.
/// </summary>
internal sealed class ScalarReader(string text)
{
    private readonly StringBuilder _chars = new();
    private readonly List<int> _offsets = [];
    private readonly List<bool> _trimmable = [];
    private int _end;

    /// <summary>The offsets (with one for the end) if the re-read text matches <paramref name="value"/>; null otherwise.</summary>
    public int[]? Result(string value)
    {
        var result = new int[value.Length + 1];
        for (var i = 0; i < value.Length; i++)
        {
            if (i < _chars.Length)
            {
                if (_chars[i] != value[i])
                {
                    return null;
                }

                result[i] = _offsets[i];
            }
            else if (value[i] == '\n')
            {
                // Kept trailing line breaks (chomping "+") beyond the last line read.
                result[i] = _end;
            }
            else
            {
                return null;
            }
        }

        result[value.Length] = value.Length < _offsets.Count ? _offsets[value.Length] : _end;
        return result;
    }

    /// <summary>A literal (<c>|</c>) or folded (<c>&gt;</c>) block scalar whose indicator is at <paramref name="indicator"/>.</summary>
    public void ReadBlock(int indicator, bool folded, int needed)
    {
        var position = indicator + 1;
        var explicitIndent = 0;
        while (position < text.Length && text[position] is '+' or '-' or (>= '1' and <= '9'))
        {
            if (char.IsAsciiDigit(text[position]))
            {
                explicitIndent = text[position] - '0';
            }

            position++;
        }

        var headerEnd = text.IndexOf('\n', position);
        if (headerEnd < 0)
        {
            return;
        }

        var lines = BlockLines(headerEnd + 1, explicitIndent > 0 ? LineIndentation(indicator) + explicitIndent : -1);
        if (folded)
        {
            EmitFolded(lines, needed);
        }
        else
        {
            foreach (var line in lines)
            {
                if (_chars.Length >= needed)
                {
                    break;
                }

                EmitRange(line.ContentStart, line.ContentEnd);
                Emit('\n', line.ContentEnd, line.BreakLength);
            }
        }
    }

    /// <summary>A plain or quoted (flow) scalar whose first character (after the opening quote) is at <paramref name="position"/>.</summary>
    public void ReadFlow(int position, FlowKind kind, int needed)
    {
        var lineEmitStart = 0;
        while (position < text.Length && _chars.Length < needed)
        {
            var c = text[position];
            if (kind == FlowKind.SingleQuoted && c == '\'')
            {
                if (position + 1 < text.Length && text[position + 1] == '\'')
                {
                    Emit('\'', position, 2);
                    position += 2;
                    continue;
                }

                break;
            }

            if (kind == FlowKind.DoubleQuoted && c == '"')
            {
                break;
            }

            if (kind == FlowKind.DoubleQuoted && c == '\\')
            {
                position = ReadEscape(position, ref lineEmitStart);
                continue;
            }

            if (c is '\n' or '\r')
            {
                position = FoldLineBreak(position, lineEmitStart);
                lineEmitStart = _chars.Length;
                continue;
            }

            Emit(c, position, 1);
            position++;
        }
    }

    private void Emit(char c, int offset, int sourceLength, bool trimmable = true)
    {
        _chars.Append(c);
        _offsets.Add(offset);
        _trimmable.Add(trimmable);
        _end = offset + sourceLength;
    }

    private void EmitRange(int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            Emit(text[i], i, 1);
        }
    }

    private readonly record struct BlockLine(int ContentStart, int ContentEnd, int BreakLength, bool Blank, bool MoreIndented);

    private List<BlockLine> BlockLines(int position, int indent)
    {
        var lines = new List<BlockLine>();
        while (position < text.Length)
        {
            var lineEnd = text.IndexOf('\n', position);
            var hasBreak = lineEnd >= 0;
            lineEnd = hasBreak ? lineEnd : text.Length;
            var contentEnd = lineEnd > position && text[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            var spaces = 0;
            while (position + spaces < contentEnd && text[position + spaces] == ' ')
            {
                spaces++;
            }

            var blank = position + spaces == contentEnd;
            if (!blank && indent < 0)
            {
                indent = spaces;
            }

            if (!blank && spaces < indent)
            {
                break;
            }

            var contentStart = Math.Min(position + Math.Max(indent, 0), contentEnd);
            var moreIndented = !blank && contentStart < contentEnd && text[contentStart] is ' ' or '\t';
            lines.Add(new BlockLine(contentStart, contentEnd, (hasBreak ? lineEnd + 1 : lineEnd) - contentEnd, blank && contentStart == contentEnd, moreIndented));
            position = hasBreak ? lineEnd + 1 : text.Length;
        }

        return lines;
    }

    /// <summary>
    /// Folding: a single line break between two ordinary lines becomes a space; each empty line between them
    /// becomes a line feed; around more-indented lines breaks are kept.
    /// </summary>
    private void EmitFolded(List<BlockLine> lines, int needed)
    {
        var i = 0;
        while (i < lines.Count && lines[i].Blank)
        {
            Emit('\n', lines[i].ContentEnd, lines[i].BreakLength);
            i++;
        }

        while (i < lines.Count && _chars.Length < needed)
        {
            var line = lines[i];
            EmitRange(line.ContentStart, line.ContentEnd);
            var next = i + 1;
            while (next < lines.Count && lines[next].Blank)
            {
                next++;
            }

            var blanks = next - i - 1;
            var keepBreak = next >= lines.Count || line.MoreIndented || lines[next].MoreIndented;
            if (keepBreak)
            {
                Emit('\n', line.ContentEnd, line.BreakLength);
            }
            else if (blanks == 0)
            {
                Emit(' ', line.ContentEnd, line.BreakLength);
            }

            for (var b = i + 1; b < next; b++)
            {
                Emit('\n', lines[b].ContentEnd, lines[b].BreakLength);
            }

            i = next;
        }
    }

    private int LineIndentation(int offset)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(0, offset - 1)) + 1;
        var spaces = 0;
        while (lineStart + spaces < text.Length && text[lineStart + spaces] == ' ')
        {
            spaces++;
        }

        return spaces;
    }

    /// <summary>Flow folding at a line break: trailing spaces go, one break becomes a space, each empty line a line feed.</summary>
    private int FoldLineBreak(int position, int lineEmitStart)
    {
        while (_chars.Length > lineEmitStart && _chars[^1] is ' ' or '\t' && _trimmable[^1])
        {
            _chars.Length--;
            _offsets.RemoveAt(_offsets.Count - 1);
            _trimmable.RemoveAt(_trimmable.Count - 1);
        }

        var breakOffset = position;
        position = SkipBreak(position);
        var emptyLines = new List<int>();
        while (true)
        {
            while (position < text.Length && text[position] is ' ' or '\t')
            {
                position++;
            }

            if (position < text.Length && text[position] is '\n' or '\r')
            {
                emptyLines.Add(position);
                position = SkipBreak(position);
                continue;
            }

            break;
        }

        if (emptyLines.Count == 0)
        {
            Emit(' ', breakOffset, 1);
        }

        foreach (var offset in emptyLines)
        {
            Emit('\n', offset, 1);
        }

        return position;
    }

    private int SkipBreak(int position) =>
        text[position] == '\r' && position + 1 < text.Length && text[position + 1] == '\n' ? position + 2 : position + 1;

    /// <summary>A double-quoted escape; an escaped line break joins the lines without a space.</summary>
    private int ReadEscape(int backslash, ref int lineEmitStart)
    {
        if (backslash + 1 >= text.Length)
        {
            return text.Length;
        }

        var kind = text[backslash + 1];
        if (kind is '\n' or '\r')
        {
            var position = SkipBreak(backslash + 1);
            while (position < text.Length && text[position] is ' ' or '\t')
            {
                position++;
            }

            lineEmitStart = _chars.Length;
            return position;
        }

        var simple = kind switch
        {
            '0' => "\0", 'a' => "\a", 'b' => "\b", 't' or '\t' => "\t", 'n' => "\n", 'v' => "\v", 'f' => "\f",
            'r' => "\r", 'e' => "\u001b", ' ' => " ", '"' => "\"", '/' => "/", '\\' => "\\", 'N' => "\u0085",
            '_' => "\u00a0", 'L' => "\u2028", 'P' => "\u2029",
            _ => null,
        };
        if (simple is not null)
        {
            Emit(simple[0], backslash, 2, trimmable: false);
            return backslash + 2;
        }

        var digits = kind switch { 'x' => 2, 'u' => 4, 'U' => 8, _ => 0 };
        if (digits > 0 && backslash + 2 + digits <= text.Length
            && int.TryParse(text.AsSpan(backslash + 2, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
            && code is >= 0 and <= 0x10FFFF)
        {
            foreach (var c in char.ConvertFromUtf32(code is >= 0xD800 and <= 0xDFFF ? 0xFFFD : code))
            {
                Emit(c, backslash, 2 + digits, trimmable: false);
            }

            return backslash + 2 + digits;
        }

        Emit(kind, backslash, 2, trimmable: false);
        return backslash + 2;
    }
}
