using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Compiler.Yaml;

/// <summary>
/// Everything needed to map an offset inside a scalar's value back to a line and column of the YAML file:
/// <c>Text</c> is the scalar's value (what the query parser reads), <c>Style</c> how it was written,
/// <c>Span</c> where the scalar starts in the file (for block scalars: the <c>|</c> or <c>&gt;</c> indicator) and
/// ends, and <c>FileText</c> the whole file as decoded (line breaks as in the file), so a mapper can walk the
/// raw characters from <c>Span</c>'s start and account for quotes, escapes, indentation and folding.
/// </summary>
public sealed record ScalarSource(string Text, YamlScalarStyle Style, SourceSpan Span, string FileText)
{
    public static ScalarSource From(YamlScalar scalar, string fileText) => new(scalar.Value, scalar.Style, scalar.Span, fileText);
}
