namespace RuleCompiler.Compiler.Diagnostics;

/// <summary>The deterministic order diagnostics are reported in: path (ordinal), line, column, code, message.</summary>
public sealed class DiagnosticOrder : IComparer<Diagnostic>
{
    public static readonly DiagnosticOrder Instance = new();

    public int Compare(Diagnostic? x, Diagnostic? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var result = string.CompareOrdinal(x.Span.Path, y.Span.Path);
        result = result != 0 ? result : x.Span.Line.CompareTo(y.Span.Line);
        result = result != 0 ? result : x.Span.Column.CompareTo(y.Span.Column);
        result = result != 0 ? result : string.CompareOrdinal(x.Code, y.Code);
        return result != 0 ? result : string.CompareOrdinal(x.Message, y.Message);
    }
}
