using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Compiler.Language.Parsing;

/// <summary>
/// A committed syntax error: once the parser has seen enough to know what the text must be (an opening quote,
/// an operator, a stage keyword), a failure after it is an error at that exact place rather than a reason for
/// Sprache to backtrack and report a vaguer failure elsewhere. Never escapes <see cref="QueryParser"/>.
/// </summary>
internal sealed class SyntaxError(string code, string message, TextSpan span) : Exception(message)
{
    public string Code { get; } = code;

    public TextSpan Span { get; } = span;

    public QueryDiagnostic ToDiagnostic() => QueryDiagnostic.Error(Code, Message, Span);
}
