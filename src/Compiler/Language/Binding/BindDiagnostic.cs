using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Compiler.Language.Binding;

/// <summary>
/// A binding finding at a place in the query text. <see cref="Fragment"/> names the fragment whose stages text the
/// span points into (null: the rule's own search). The caller maps the span to a file position.
/// </summary>
public sealed record BindDiagnostic(DiagnosticSeverity Severity, string Code, string Message, TextSpan Span, string? Fragment = null)
{
    public bool IsError => Severity == DiagnosticSeverity.Error;

    public Diagnostic ToDiagnostic(Func<TextSpan, SourceSpan> map) => new(Severity, Code, Message, map(Span));

    public override string ToString() =>
        $"({Span.Start},{Span.Length}){(Fragment is null ? "" : " in fragment " + Fragment)}: {(IsError ? "error" : "warning")} {Code}: {Message}";
}
