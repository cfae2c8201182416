namespace RuleCompiler.Compiler.Diagnostics;

/// <summary>
/// What one diagnostic code means, for SARIF rule descriptors, editors and <c>rulec explain</c>: its default
/// severity, a one-line title, the section of docs/diagnostics.md it belongs to and that section's anchor.
/// </summary>
public sealed record DiagnosticDescriptor(string Code, DiagnosticSeverity Severity, string Title, string Category, string HelpAnchor)
{
    /// <summary>The documentation page every descriptor points into, relative to the project's root.</summary>
    public const string HelpDocument = "docs/diagnostics.md";

    /// <summary>The help link relative to the project's root: the page and the anchor of the code's section.</summary>
    public string HelpPath => $"{HelpDocument}#{HelpAnchor}";
}
