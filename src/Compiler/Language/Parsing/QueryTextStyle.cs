namespace RuleCompiler.Compiler.Language.Parsing;

/// <summary>
/// How query text is written in the file that holds it, which decides how an offset in the text maps back to a
/// character of the file: plain, quoted (escapes and folded lines) or as a block (indentation stripped, folded or not).
/// </summary>
public enum QueryTextStyle
{
    Plain,
    SingleQuoted,
    DoubleQuoted,

    /// <summary>A <c>|</c> block: line breaks kept.</summary>
    Literal,

    /// <summary>A <c>&gt;</c> block: line breaks folded into spaces.</summary>
    Folded,
}
