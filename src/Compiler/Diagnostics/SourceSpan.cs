namespace RuleCompiler.Compiler.Diagnostics;

/// <summary>A place in a source file: 1-based line and column of the start and of the end (exclusive).</summary>
public sealed record SourceSpan(string Path, int Line, int Column, int EndLine, int EndColumn)
{
    public static SourceSpan At(string path, int line, int column) => new(path, line, column, line, column);

    /// <summary>A whole-file position, for problems that have no better place (empty file, missing file).</summary>
    public static SourceSpan File(string path) => new(path, 1, 1, 1, 1);
}
