namespace RuleCompiler.Compiler.Language.Syntax;

/// <summary>
/// Base of every AST node. Nodes are immutable records; the span is where the node was written.
/// Structural comparisons that must ignore where a node was written (round-trip tests) use
/// <see cref="SyntaxEquality"/>.
/// </summary>
public abstract record SyntaxNode(TextSpan Span);
