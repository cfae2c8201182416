namespace RuleCompiler.Backends.Splunk.Conf;

/// <summary>
/// The one escaping function for .conf text: every key, stanza name and value of a generated .conf goes through
/// it, and what <see cref="ConfReader"/> (and Splunk) would read differently is refused with a reason instead of
/// written. ConfPropertyTests proves on adversarial values that what is written reads back exactly and cannot start
/// a new stanza or setting.
/// </summary>
/// <remarks>
/// .conf has no escape character, only line continuation: a line ending in a backslash continues on the next line
/// and the line break is part of the value. So a value's line breaks become backslash continuations (after which
/// no line can be read as <c>[stanza]</c>, <c>key =</c> or <c>#</c>), and what cannot be written is refused: a
/// line of the value that itself ends in a backslash (it would swallow the next line), whitespace at either end
/// (Splunk trims it), carriage returns and other control characters except tab.
/// </remarks>
public static class ConfWriter
{
    /// <summary>The text after <c>key = </c>, multi-line values as backslash continuations.</summary>
    public static EscapedText Value(string value)
    {
        if (value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])))
        {
            return EscapedText.NotExpressible("a .conf value cannot start or end with whitespace (Splunk trims it)");
        }

        foreach (var c in value)
        {
            if (char.IsControl(c) && c is not '\n' and not '\t')
            {
                return EscapedText.NotExpressible($"a .conf value cannot hold the control character U+{(int)c:X4}");
            }
        }

        if (HasLoneSurrogate(value))
        {
            return EscapedText.NotExpressible("a .conf value cannot hold a lone UTF-16 surrogate (the file is UTF-8)");
        }

        var lines = value.Split('\n');
        if (lines.Any(l => l.EndsWith('\\')))
        {
            return EscapedText.NotExpressible("a .conf value cannot have a line that ends in a backslash (it would read as a continuation)");
        }

        return EscapedText.Of(string.Join("\\\n", lines));
    }

    /// <summary>A setting name: one line, no '=', not empty, not starting like a header or comment.</summary>
    public static EscapedText Key(string key) =>
        key.Length == 0 || key.Trim() != key || key[0] is '[' or '#' || key.Contains('=') || key.Any(char.IsControl) || HasLoneSurrogate(key)
            ? EscapedText.NotExpressible($"'{key}' cannot be a .conf key")
            : EscapedText.Of(key);

    /// <summary>The text between <c>[</c> and <c>]</c> of a stanza header: one line, nothing Splunk would trim.</summary>
    public static EscapedText StanzaName(string name) =>
        name.Trim() != name || name.Any(char.IsControl) || HasLoneSurrogate(name)
            ? EscapedText.NotExpressible($"'{name}' cannot be a .conf stanza name (control characters or whitespace at an end)")
            : EscapedText.Of(name);

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
