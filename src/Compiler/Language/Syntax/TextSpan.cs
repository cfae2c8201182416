namespace RuleCompiler.Compiler.Language.Syntax;

/// <summary>Offset and length of a node inside the query text (not the YAML file; a SourceMap maps between them).</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;

    public static TextSpan Between(TextSpan first, TextSpan last) => new(first.Start, last.End - first.Start);
}
