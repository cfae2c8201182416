using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Compiler.Compilation;

/// <summary>A rule whose search parsed and bound without errors: what every backend starts from.</summary>
public sealed record CompiledRule(Rule Rule, DataSource DataSource, BoundQuery Query);
