using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Compiler.Language.Binding;

/// <summary>
/// The names of columns written without <c>name =</c>. The binder names output columns with these rules, so a
/// backend that needs a name should read it from the bound schema (<see cref="Bound.BoundStage.Output"/>) or call these.
/// </summary>
public static class DefaultColumnNames
{
    /// <summary>extend, project, distinct, by: a bare field keeps its dotted name; bin(f, size) and floor(f, size) keep f's.</summary>
    public static string? Of(Expression value) => value switch
    {
        FieldExpression field => FieldPaths.ColumnName(field),
        FunctionCallExpression { Name: "bin" or "floor", Arguments: [FieldExpression field, _] } => FieldPaths.ColumnName(field),
        _ => null,
    };

    /// <summary>
    /// KQL's default aggregate names: count() is count_, fn(a.b) is fn_a_b, except make_set/make_list/take_any,
    /// which KQL names set_x, list_x and any_x; countif(p) is countif_; fn(expression) has none.
    /// </summary>
    public static string? OfAggregate(Expression value) => value switch
    {
        FunctionCallExpression { Arguments.IsEmpty: true } call => call.Name + "_",
        FunctionCallExpression { Arguments: [FieldExpression field, ..] } call when FieldPaths.ColumnName(field) is { } name =>
            Prefix(call.Name) + "_" + name.Replace('.', '_'),
        FunctionCallExpression { Name: "countif" } call => call.Name + "_",
        _ => null,
    };

    /// <summary>mv-expand without a name: the expanded field's dotted name (so it replaces that column).</summary>
    public static string? OfExpanded(Expression array) => array is FieldExpression field ? FieldPaths.ColumnName(field) : null;

    private static string Prefix(string function) => function switch
    {
        "make_set" => "set",
        "make_list" => "list",
        "take_any" => "any",
        _ => function,
    };
}
