using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Compiler.Language.Parsing;

/// <summary>Character-level scanning shared by the token parsers: trivia, words, and describing what was found.</summary>
internal static class Scanner
{
    /// <summary>Skips whitespace (newlines included) and <c>//</c> comments.</summary>
    public static int SkipTrivia(string text, int position)
    {
        while (position < text.Length)
        {
            var c = text[position];
            if (char.IsWhiteSpace(c))
            {
                position++;
            }
            else if (c == '/' && position + 1 < text.Length && text[position + 1] == '/')
            {
                while (position < text.Length && text[position] != '\n')
                {
                    position++;
                }
            }
            else
            {
                break;
            }
        }

        return position;
    }

    /// <summary>End of the identifier starting at <paramref name="position"/>, or <paramref name="position"/> when there is none.</summary>
    public static int ScanIdentifier(string text, int position)
    {
        if (position >= text.Length || !SyntaxFacts.IsIdentifierStart(text[position]))
        {
            return position;
        }

        var end = position + 1;
        while (end < text.Length && SyntaxFacts.IsIdentifierPart(text[end]))
        {
            end++;
        }

        return end;
    }

    /// <summary>A stage word: identifiers joined by dashes (<c>mv-expand</c>, <c>project-away</c>).</summary>
    public static int ScanStageWord(string text, int position)
    {
        var end = ScanIdentifier(text, position);
        while (end > position && end + 1 < text.Length && text[end] == '-' && SyntaxFacts.IsIdentifierStart(text[end + 1]))
        {
            end = ScanIdentifier(text, end + 1);
        }

        return end;
    }

    /// <summary>True when <paramref name="word"/> is written at <paramref name="position"/> and is not the start of a longer word.</summary>
    public static bool IsWordAt(string text, int position, string word)
    {
        if (position + word.Length > text.Length || string.CompareOrdinal(text, position, word, 0, word.Length) != 0)
        {
            return false;
        }

        var end = position + word.Length;
        return end >= text.Length || !IsWordPart(text[end]);
    }

    /// <summary>The text of what starts at <paramref name="position"/>, as an error message shows it.</summary>
    public static string Describe(string text, int position)
    {
        var span = FoundSpan(text, position);
        if (span.Length == 0)
        {
            return "end of query";
        }

        var found = text.Substring(span.Start, span.Length);
        if (found.Length > 30)
        {
            found = found[..27] + "...";
        }

        return found.Contains('\'') ? $"\"{found}\"" : $"'{found}'";
    }

    /// <summary>The span of the token starting at <paramref name="position"/> (zero length at the end).</summary>
    public static TextSpan FoundSpan(string text, int position)
    {
        if (position >= text.Length)
        {
            // "found end of query" points just after the last written character, not at a trailing line break
            // (which in a YAML block scalar would be the next line of the file).
            return new TextSpan(text.TrimEnd().Length, 0);
        }

        var c = text[position];
        int end;
        if (SyntaxFacts.IsIdentifierStart(c))
        {
            end = ScanIdentifier(text, position);
        }
        else if (char.IsAsciiDigit(c))
        {
            end = position;
            while (end < text.Length && (IsWordPart(text[end]) || text[end] == '.' && end + 1 < text.Length && char.IsAsciiDigit(text[end + 1])))
            {
                end++;
            }
        }
        else if (c is '"' or '\'')
        {
            end = position + 1;
            while (end < text.Length && text[end] != c && text[end] != '\n')
            {
                end += text[end] == '\\' && end + 1 < text.Length ? 2 : 1;
            }

            end = Math.Min(text.Length, end + 1);
        }
        else if (position + 1 < text.Length && IsTwoCharacterOperator(c, text[position + 1]))
        {
            end = position + 2;
        }
        else
        {
            end = position + (char.IsHighSurrogate(c) && position + 1 < text.Length ? 2 : 1);
        }

        return new TextSpan(position, end - position);
    }

    private static bool IsWordPart(char c) => SyntaxFacts.IsIdentifierPart(c);

    private static bool IsTwoCharacterOperator(char first, char second) =>
        (first, second) is ('=', '=') or ('!', '=') or ('=', '~') or ('!', '~') or ('<', '=') or ('>', '=') or ('.', '.') or ('&', '&') or ('|', '|');
}
