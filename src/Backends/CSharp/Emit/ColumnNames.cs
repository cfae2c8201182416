using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Backends.CSharp.Emit;

/// <summary>
/// Names of columns written without <c>name =</c>, exactly as the binder derives them (so the rows the C# code
/// makes have the columns the binder promised): a bare field path keeps its dotted name (<c>userIdentity.arn</c>),
/// <c>bin(x, ...)</c> keeps x's name, aggregates are <c>count_</c>, <c>min_a_b</c>, <c>set_x</c>, <c>list_x</c>,
/// <c>any_x</c>. Anything else has no derived name (the binder reports it; the caller numbers it).
/// </summary>
public static class ColumnNames
{
    public static string? Of(Expression expression) => expression switch
    {
        FieldExpression field when field.Path.All(s => s is MemberSegment) =>
            string.Join(".", field.Path.Cast<MemberSegment>().Select(m => m.Name)),
        FunctionCallExpression { Name: "bin" or "floor", Arguments: [FieldExpression field, _] } => Of(field),
        _ => null,
    };

    public static string? OfAggregate(FunctionCallExpression call) => call switch
    {
        { Arguments.IsEmpty: true } => call.Name + "_",
        { Arguments: [FieldExpression field, ..] } when Of(field) is { } name => Prefix(call.Name) + "_" + name.Replace('.', '_'),
        { Name: "countif" } => "countif_",
        _ => null,
    };

    /// <summary>The column mv-expand writes when not named: the dotted path, as the binder names it.</summary>
    public static string? OfExpanded(Expression expression) => Of(expression);

    private static string Prefix(string function) => function switch
    {
        "make_set" => "set",
        "make_list" => "list",
        "take_any" => "any",
        _ => function,
    };
}
