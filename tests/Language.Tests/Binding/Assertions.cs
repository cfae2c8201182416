using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Language.Syntax;
using Xunit;

namespace RuleCompiler.Language.Tests.Binding;

internal static class Assertions
{
    public static void NoDiagnostics(BoundQuery bound) =>
        Assert.True(bound.Diagnostics.IsEmpty, string.Join("\n", bound.Diagnostics));

    /// <summary>Exactly one diagnostic, with this code, starting where <paramref name="at"/> starts.</summary>
    public static BindDiagnostic Single(BoundQuery bound, string code, TextSpan at)
    {
        var diagnostic = Assert.Single(bound.Diagnostics);
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal(at.Start, diagnostic.Span.Start);
        return diagnostic;
    }

    public static BindDiagnostic Single(BoundQuery bound, string code)
    {
        var diagnostic = Assert.Single(bound.Diagnostics);
        Assert.Equal(code, diagnostic.Code);
        return diagnostic;
    }

    public static void Columns(BoundQuery bound, params string[] names) =>
        Assert.Equal(names, bound.OutputColumns.Select(c => c.Name));
}
