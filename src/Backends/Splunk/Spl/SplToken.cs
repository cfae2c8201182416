using System.Collections.Immutable;

namespace RuleCompiler.Backends.Splunk.Spl;

public enum SplTokenKind
{
    /// <summary><c>|</c> between commands.</summary>
    Pipe,

    /// <summary>The command name after a pipe (<c>stats</c>), or an explicit <c>search</c> at the start of a search or subsearch.</summary>
    Command,

    /// <summary>A bare word: a search keyword, field name, value, number, option name or function name.</summary>
    Word,

    /// <summary>A comparison (<c>= == != &lt; &lt;= &gt; &gt;=</c>) anywhere, and in eval/where also <c>+ - * / % .</c>.</summary>
    Operator,

    /// <summary>A double-quoted string; <see cref="SplToken.Value"/> is the decoded text.</summary>
    QuotedString,

    /// <summary>A single-quoted field name in eval/where; <see cref="SplToken.Value"/> is the name.</summary>
    QuotedField,

    /// <summary>A backtick macro call; <see cref="SplToken.Value"/> is the text between the backticks.</summary>
    Macro,

    OpenBracket,
    CloseBracket,
    OpenParen,
    CloseParen,
    Comma,
}

/// <summary>One SPL token with its raw text, its decoded value and where it starts (offset, 1-based line and column).</summary>
public sealed record SplToken(SplTokenKind Kind, string Text, string Value, int Offset, int Line, int Column);

/// <summary>Something in the SPL text that Splunk would reject or read differently than it looks.</summary>
public sealed record SplProblem(string Code, string Message, int Offset, int Line, int Column);

/// <summary>The tokens of an SPL text and the problems found while reading it.</summary>
public sealed record SplTokens(ImmutableArray<SplToken> Tokens, ImmutableArray<SplProblem> Problems);
