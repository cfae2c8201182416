using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Compiler.Language.Parsing;

/// <summary>
/// A problem in a query, positioned in the query text. <see cref="ToDiagnostic"/> places it in the YAML file
/// through the <see cref="SearchSourceMap"/> of the scalar the query came from.
/// </summary>
public sealed record QueryDiagnostic(DiagnosticSeverity Severity, string Code, string Message, TextSpan Span)
{
    public static QueryDiagnostic Error(string code, string message, TextSpan span) => new(DiagnosticSeverity.Error, code, message, span);

    public Diagnostic ToDiagnostic(string path, SearchSourceMap map)
    {
        var (line, column) = map.GetPosition(Span.Start);
        var (endLine, endColumn) = map.GetPosition(Span.End);
        return new Diagnostic(Severity, Code, Message, new SourceSpan(path, line, column, endLine, endColumn));
    }

    public override string ToString() => $"({Span.Start},{Span.Length}): {Code}: {Message}";
}
