namespace RuleCompiler.Compiler.Diagnostics;

public enum DiagnosticSeverity
{
    Error,
    Warning,
    Info,
}

/// <summary>
/// One finding about user input. Rendered in the MSBuild/Visual Studio format that editors and CI annotate:
/// <c>path(line,col): error CODE: message</c>.
/// </summary>
public sealed record Diagnostic(DiagnosticSeverity Severity, string Code, string Message, SourceSpan Span)
{
    public static Diagnostic Error(string code, string message, SourceSpan span) => new(DiagnosticSeverity.Error, code, message, span);

    public static Diagnostic Warning(string code, string message, SourceSpan span) => new(DiagnosticSeverity.Warning, code, message, span);

    public bool IsError => Severity == DiagnosticSeverity.Error;

    public override string ToString() =>
        $"{DiagnosticText.Path(Span.Path)}({Span.Line},{Span.Column}): {SeverityWord(Severity)} {Code}: {DiagnosticText.Message(Message)}";

    private static string SeverityWord(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "info",
    };
}
