using CsCheck;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Printing;
using RuleCompiler.Language.Tests.Printing;
using Xunit;

namespace RuleCompiler.Language.Tests.Binding;

/// <summary>
/// Over generated syntax trees (every node kind, awkward names, deep nesting): binding never throws, every
/// expression written in the query gets bound information, and every diagnostic is a binder code.
/// </summary>
public class BinderPropertyTests
{
    [Fact]
    public void Binding_any_tree_is_total()
    {
        var context = BindingContext.For(TestSources.CloudTrail, [TestSources.List("x")],
            [TestSources.Fragment("aws_account_name", "aws_cloudtrail", Ast.Extend(Ast.A("AccountName", Ast.F("userIdentity.arn"))))]);
        var codes = typeof(BindingCodes).GetFields().Select(f => (string)f.GetValue(null)!).ToHashSet();
        SyntaxGenerators.Query.Sample(query =>
        {
            var bound = QueryBinder.Bind(query, context);
            foreach (var expression in SyntaxWalker.Expressions(query))
            {
                Assert.True(bound.Expressions.ContainsKey(expression),
                    $"unbound {expression.GetType().Name} '{QueryPrinter.Print(expression)}' in: {QueryPrinter.Print(query)}");
            }
            Assert.All(bound.Diagnostics, d => Assert.Contains(d.Code, codes));
        }, iter: 1000);
    }
}
