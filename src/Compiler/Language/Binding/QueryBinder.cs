using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Compiler.Language.Binding;

/// <summary>
/// Binds a parsed search against its data source, named lists and fragments: resolves every field, types every
/// expression, checks functions and computes each stage's output schema. Never throws on user input.
/// </summary>
public static class QueryBinder
{
    public static BoundQuery Bind(Query query, BindingContext context) => new BindingRun(context).BindQuery(query);
}
