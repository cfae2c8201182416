using System.Collections.Frozen;

namespace RuleCompiler.Compiler.Language.Syntax;

/// <summary>Lexical facts shared by the parser and the printer, so both agree on what needs quoting.</summary>
public static class SyntaxFacts
{
    /// <summary>Stage keywords, in the order the language reference lists them.</summary>
    public static readonly IReadOnlyList<string> StageKeywords =
    [
        "where", "extend", "project", "project-away", "project-rename", "mv-expand", "summarize", "distinct",
        "sort", "take", "fill-null", "join", "union", "invoke",
    ];

    /// <summary>The word of a pipeline source <c>table(name)</c>; not reserved (a column may be called table).</summary>
    public const string TableSourceWord = "table";

    private static readonly FrozenSet<string> StageKeywordSet = StageKeywords.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// Words that cannot be a bare field or column name because the grammar gives them a meaning there.
    /// Written as <c>["where"]</c> they are ordinary names. docs/language.md lists them.
    /// </summary>
    public static readonly IReadOnlyList<string> ReservedWordList =
    [
        "and", "or", "not", "true", "false", "null", "in", "between", "matches", "regex", "by", "asc", "desc", "on", "let",
        "contains", "contains_cs", "startswith", "startswith_cs", "endswith", "endswith_cs", "has", "has_cs",
        "where", "extend", "project", "summarize", "distinct", "sort", "take", "join", "union", "invoke",
    ];

    private static readonly FrozenSet<string> ReservedWords = ReservedWordList.ToFrozenSet(StringComparer.Ordinal);

    public static bool IsStageKeyword(string word) => StageKeywordSet.Contains(word);

    public static bool IsReservedWord(string word) => ReservedWords.Contains(word);

    public static bool IsIdentifierStart(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_';

    public static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || c is >= '0' and <= '9';

    /// <summary><c>[A-Za-z_][A-Za-z0-9_]*</c>.</summary>
    public static bool IsIdentifier(string text)
    {
        if (text.Length == 0 || !IsIdentifierStart(text[0]))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!IsIdentifierPart(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A name that can be written bare where a column or field name starts (not after a dot).</summary>
    public static bool IsBareName(string text) => IsIdentifier(text) && !IsReservedWord(text);
}
