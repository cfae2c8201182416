namespace RuleCompiler.Importers;

/// <summary>Parentheses in canonical query text an importer assembles: counted outside its double-quoted string literals.</summary>
internal static class QueryParentheses
{
    /// <summary>The index of the parenthesis that closes the one at <paramref name="open"/>, or -1.</summary>
    public static int Closing(string text, int open) =>
        OutsideStrings(text, open).FirstOrDefault(p => p.Depth == 0, (Index: -1, Depth: 0)).Index;

    /// <summary>The index of the parenthesis that the one at <paramref name="close"/> closes, or -1.</summary>
    public static int Opening(string text, int close) =>
        OutsideStrings(text, 0).Where(p => p.Index < close && text[p.Index] == '(').Select(p => p.Index).LastOrDefault(i => Closing(text, i) == close, -1);

    /// <summary>Whether the text is one parenthesised group: its first '(' closes at its last character.</summary>
    public static bool IsOneGroup(string text) => text.Length >= 2 && text[0] == '(' && Closing(text, 0) == text.Length - 1;

    /// <summary>Each character from start that is outside string literals, with the parenthesis depth after it (relative to start).</summary>
    public static IEnumerable<(int Index, int Depth)> OutsideStrings(string text, int start)
    {
        var depth = 0;
        var quoted = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }

                continue;
            }

            quoted = c == '"';
            depth += c switch { '(' => 1, ')' => -1, _ => 0 };
            yield return (i, depth);
        }
    }
}
