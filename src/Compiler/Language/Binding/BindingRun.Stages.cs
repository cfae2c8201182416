using System.Collections.Immutable;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Compiler.Language.Binding;

internal sealed partial class BindingRun
{
    private BoundStage BindStage(Stage stage, RowSchema input) => stage switch
    {
        WhereStage where => Simple(where, input, BindWhere(where, input)),
        ExtendStage extend => Simple(extend, input, BindExtend(extend, input)),
        ProjectStage project => Simple(project, input, BindColumnList(project.Columns, input)),
        DistinctStage distinct => Simple(distinct, input, BindColumnList(distinct.Columns, input)),
        ProjectAwayStage away => Simple(away, input, BindProjectAway(away, input)),
        ProjectRenameStage rename => Simple(rename, input, BindProjectRename(rename, input)),
        MvExpandStage expand => Simple(expand, input, BindMvExpand(expand, input)),
        SummarizeStage summarize => Simple(summarize, input, BindSummarize(summarize, input)),
        SortStage sort => Simple(sort, input, BindSort(sort, input)),
        TakeStage take => Simple(take, input, input),
        FillNullStage fill => Simple(fill, input, BindFillNull(fill, input)),
        JoinStage join => BindJoin(join, input),
        UnionStage union => BindUnion(union, input),
        InvokeStage invoke => BindInvoke(invoke, input),
        _ => Simple(stage, input, input),
    };

    private static BoundStage Simple(Stage stage, RowSchema input, RowSchema output) => new(stage, input, output, [], []);

    private RowSchema BindWhere(WhereStage where, RowSchema input)
    {
        var predicate = BindExpression(where.Predicate, ExpressionScope.Rows(input));
        RequireBool(predicate.Type, where.Predicate.Span, "the where predicate");
        return input;
    }

    /// <summary>extend: each assignment sees the columns of the ones before it; a known name is replaced in place.</summary>
    private RowSchema BindExtend(ExtendStage extend, RowSchema input)
    {
        var schema = input;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var assignment in extend.Columns)
        {
            var info = BindExpression(assignment.Value, ExpressionScope.Rows(schema));
            if (ColumnNameOf(assignment) is not { } name) continue;
            if (!names.Add(name)) DuplicateColumn(name, assignment.Span);
            schema = schema.WithColumn(Column.Computed(name, info.Type, info.Multivalued));
        }
        return schema;
    }

    /// <summary>project and distinct: exactly the listed columns, in order; a bare column keeps its identity.</summary>
    private RowSchema BindColumnList(ImmutableArray<Assignment> assignments, RowSchema input)
    {
        var columns = ImmutableArray.CreateBuilder<Column>(assignments.Length);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var assignment in assignments)
        {
            var info = BindExpression(assignment.Value, ExpressionScope.Rows(input));
            if (ColumnNameOf(assignment) is not { } name) continue;
            if (!names.Add(name))
            {
                DuplicateColumn(name, assignment.Span);
                continue;
            }
            columns.Add(info.Field is { Column: { } column, Remainder.IsEmpty: true } && column.Name == name
                ? column
                : Column.Computed(name, info.Type, info.Multivalued));
        }
        return new RowSchema(columns.ToImmutable());
    }

    private RowSchema BindProjectAway(ProjectAwayStage away, RowSchema input)
    {
        var schema = input;
        foreach (var field in away.Columns)
        {
            var info = BindField(field, input, ExpressionScope.Rows(input));
            _expressions[field] = info;
            if (info.Field is not { } resolved) continue;
            if (!resolved.Remainder.IsEmpty)
            {
                Error(BindingCodes.UnknownField, $"project-away removes columns; '{FieldPaths.Display(field.Path)}' is a path inside column '{resolved.ColumnName}'", field.Span);
                continue;
            }
            // Removing an object prefix removes every column below it (userIdentity removes userIdentity.arn, ...).
            var prefix = resolved.ColumnName + ".";
            schema = new RowSchema(schema.Columns.RemoveAll(c => c.Name == resolved.ColumnName || c.Name.StartsWith(prefix, StringComparison.Ordinal)));
        }
        return schema;
    }

    private RowSchema BindProjectRename(ProjectRenameStage rename, RowSchema input)
    {
        var schema = input;
        foreach (var item in rename.Renames)
        {
            var info = BindField(item.Old, input, ExpressionScope.Rows(input));
            _expressions[item.Old] = info;
            if (info.Field is not { Kind: ResolvedFieldKind.Column, Remainder.IsEmpty: true } resolved)
            {
                if (info.Field is not null) Error(BindingCodes.UnknownField, $"project-rename renames columns; '{FieldPaths.Display(item.Old.Path)}' is not a column", item.Old.Span);
                continue;
            }
            var index = schema.Columns.IndexOf(resolved.Column!);
            if (index < 0) continue;
            if (item.NewName != resolved.ColumnName && schema.Contains(item.NewName))
            {
                DuplicateColumn(item.NewName, item.Span);
                continue;
            }
            schema = new RowSchema(schema.Columns.SetItem(index, resolved.Column!.Renamed(item.NewName)));
        }
        return schema;
    }

    private RowSchema BindMvExpand(MvExpandStage expand, RowSchema input)
    {
        var info = BindExpression(expand.Array, ExpressionScope.Rows(input));
        var name = expand.Name ?? DefaultColumnNames.OfExpanded(expand.Array);
        if (name is null)
        {
            Error(BindingCodes.ColumnNeedsName, "mv-expand of an expression needs a column name: mv-expand name = expression", expand.Array.Span);
            return input;
        }
        // Each element of a dynamic array is dynamic; a multi-valued typed field yields elements of its type.
        return input.WithColumn(Column.Computed(name, info.Type, false));
    }

    private RowSchema BindSort(SortStage sort, RowSchema input)
    {
        foreach (var key in sort.Keys) BindExpression(key.Value, ExpressionScope.Rows(input));
        return input;
    }

    private RowSchema BindFillNull(FillNullStage fill, RowSchema input)
    {
        var value = BindExpression(fill.Value, ExpressionScope.Constant);
        foreach (var field in fill.Columns)
        {
            var info = BindField(field, input, ExpressionScope.Rows(input));
            _expressions[field] = info;
            if (info.Type.IsLoose() || value.Type.IsLoose() || info.Type == value.Type) continue;
            Warning(BindingCodes.FillNullType, $"fill-null puts a {value.Type.DisplayName()} into the {info.Type.DisplayName()} column '{FieldPaths.Display(field.Path)}'", field.Span);
        }
        return input;
    }

    /// <summary>The output name of an assignment: its explicit name, or the dotted name of a bare field path.</summary>
    private string? ColumnNameOf(Assignment assignment)
    {
        if (assignment.Name is { } explicitName) return explicitName;
        if (DefaultColumnNames.Of(assignment.Value) is { } derived) return derived;
        Error(BindingCodes.ColumnNeedsName, "this column needs a name: write name = expression", assignment.Value.Span);
        return null;
    }

    private void DuplicateColumn(string name, TextSpan span) =>
        Error(BindingCodes.DuplicateColumn, $"the column '{name}' is defined twice", span);
}
