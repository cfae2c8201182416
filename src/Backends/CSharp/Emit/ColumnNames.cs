using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Backends.CSharp.Emit;

/// <summary>
/// Names of columns written without <c>name =</c>, as KQL derives them: a field path joins its parts with "_"
/// (<c>userIdentity.arn</c> is <c>userIdentity_arn</c>), <c>bin(x, ...)</c> keeps x's name. Anything else has no
/// derived name (the caller numbers it).
/// </summary>
public static class ColumnNames
{
    public static string? Of(Expression expression) => expression switch
    {
        FieldExpression field => string.Join("_", field.Path.Select(s => s switch
        {
            MemberSegment m => m.Name,
            IndexSegment i => i.Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => "_",
        })),
        FunctionCallExpression { Name: "bin" or "floor", Arguments.Length: 2 } bin => Of(bin.Arguments[0]),
        _ => null,
    };

    /// <summary>The column mv-expand writes when not named: the last member of the path (the AST's contract).</summary>
    public static string? OfExpanded(Expression expression) =>
        expression is FieldExpression field ? field.Path.OfType<MemberSegment>().LastOrDefault()?.Name : null;
}
