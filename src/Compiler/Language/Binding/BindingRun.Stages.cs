using System.Collections.Immutable;
using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Compiler.Language.Binding;

internal sealed partial class BindingRun
{
    private BoundStage BindStage(Stage stage, RowSchema input) => stage switch
    {
        WhereStage where => BindWhere(where, input),
        ExtendStage extend => BindExtend(extend, input),
        ProjectStage project => BindProject(project, input),
        DistinctStage distinct => BindDistinct(distinct, input),
        ProjectAwayStage away => BindProjectAway(away, input),
        ProjectRenameStage rename => BindProjectRename(rename, input),
        MvExpandStage expand => BindMvExpand(expand, input),
        SummarizeStage summarize => BindSummarize(summarize, input),
        SortStage sort => BindSort(sort, input),
        TakeStage take => new BoundTake(take.Count, input, Where(take.Span)),
        FillNullStage fill => BindFillNull(fill, input),
        JoinStage join => BindJoin(join, input),
        UnionStage union => BindUnion(union, input),
        InvokeStage invoke => BindInvoke(invoke, input),
        _ => throw new InvalidOperationException($"Unhandled stage {stage.GetType().Name}"),
    };

    private BoundWhere BindWhere(WhereStage where, RowSchema input)
    {
        var predicate = BindExpression(where.Predicate, ExpressionScope.Rows(input));
        RequireBool(predicate.Type, where.Predicate.Span, "the where predicate");
        return new BoundWhere(predicate, input, Where(where.Span));
    }

    /// <summary>extend: each assignment sees the columns of the ones before it; a known name is replaced in place.</summary>
    private BoundExtend BindExtend(ExtendStage extend, RowSchema input)
    {
        var schema = input;
        var names = new HashSet<string>(StringComparer.Ordinal);
        var columns = ImmutableArray.CreateBuilder<BoundAssignment>(extend.Columns.Length);
        foreach (var assignment in extend.Columns)
        {
            var value = BindExpression(assignment.Value, ExpressionScope.Rows(schema));
            if (ColumnNameOf(assignment) is not { } name) continue;
            if (!names.Add(name)) DuplicateColumn(name, assignment.Span);
            var column = Column.ComputedFrom(name, value);
            columns.Add(new BoundAssignment(column, value, Where(assignment.Span)));
            schema = schema.WithColumn(column);
        }
        return new BoundExtend(columns.ToImmutable(), input, schema, Where(extend.Span));
    }

    private BoundProject BindProject(ProjectStage project, RowSchema input)
    {
        var columns = BindColumnList(project.Columns, input);
        return new BoundProject(columns, input, new RowSchema([.. columns.Select(c => c.Column)]), Where(project.Span));
    }

    private BoundDistinct BindDistinct(DistinctStage distinct, RowSchema input)
    {
        var columns = BindColumnList(distinct.Columns, input);
        foreach (var assignment in distinct.Columns) RejectMemberList(_expressions[assignment.Value].MemberList, assignment.Value.Span, "distinct on");
        return new BoundDistinct(columns, input, new RowSchema([.. columns.Select(c => c.Column)]), Where(distinct.Span));
    }

    /// <summary>project, distinct and by keys: exactly the listed columns, in order; a bare column keeps its identity.</summary>
    private ImmutableArray<BoundAssignment> BindColumnList(ImmutableArray<Assignment> assignments, RowSchema input)
    {
        var columns = ImmutableArray.CreateBuilder<BoundAssignment>(assignments.Length);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var assignment in assignments)
        {
            var value = BindExpression(assignment.Value, ExpressionScope.Rows(input));
            if (ColumnNameOf(assignment) is not { } name) continue;
            if (!names.Add(name))
            {
                DuplicateColumn(name, assignment.Span);
                continue;
            }
            columns.Add(new BoundAssignment(OutputColumn(name, value), value, Where(assignment.Span)));
        }
        return columns.ToImmutable();
    }

    /// <summary>The output column of a named value: the input column itself when the value is that column unchanged.</summary>
    private static Column OutputColumn(string name, BoundExpression value) =>
        value.Field is { Column: { } column, Remainder.IsEmpty: true } && column.Name == name
            ? column
            : Column.ComputedFrom(name, value);

    private BoundProjectAway BindProjectAway(ProjectAwayStage away, RowSchema input)
    {
        var schema = input;
        var removed = ImmutableArray.CreateBuilder<Column>();
        foreach (var field in away.Columns)
        {
            var bound = BindField(field, input, ExpressionScope.Rows(input));
            _expressions[field] = bound;
            if (bound.Field is not { } resolved) continue;
            if (!resolved.Remainder.IsEmpty)
            {
                Error(BindingCodes.UnknownField, $"project-away removes columns; '{FieldPaths.Display(field.Path)}' is a path inside column '{resolved.ColumnName}'", field.Span);
                continue;
            }
            // Removing an object prefix removes every column below it (userIdentity removes userIdentity.arn, ...).
            var prefix = resolved.ColumnName + ".";
            bool Named(Column c) => c.Name == resolved.ColumnName || c.Name.StartsWith(prefix, StringComparison.Ordinal);
            removed.AddRange(schema.Columns.Where(Named));
            schema = new RowSchema(schema.Columns.RemoveAll(Named));
        }
        return new BoundProjectAway(removed.ToImmutable(), input, schema, Where(away.Span));
    }

    private BoundProjectRename BindProjectRename(ProjectRenameStage rename, RowSchema input)
    {
        var schema = input;
        var renames = ImmutableArray.CreateBuilder<BoundRename>(rename.Renames.Length);
        foreach (var item in rename.Renames)
        {
            var bound = BindField(item.Old, input, ExpressionScope.Rows(input));
            _expressions[item.Old] = bound;
            if (bound.Field is not { Kind: ResolvedFieldKind.Column, Remainder.IsEmpty: true } resolved)
            {
                if (bound.Field is not null) Error(BindingCodes.UnknownField, $"project-rename renames columns; '{FieldPaths.Display(item.Old.Path)}' is not a column", item.Old.Span);
                continue;
            }
            var index = schema.Columns.IndexOf(resolved.Column!);
            if (index < 0) continue;
            if (item.NewName != resolved.ColumnName && schema.Contains(item.NewName))
            {
                DuplicateColumn(item.NewName, item.Span);
                continue;
            }
            renames.Add(new BoundRename(resolved.Column!, item.NewName, Where(item.Span)));
            schema = new RowSchema(schema.Columns.SetItem(index, resolved.Column!.Renamed(item.NewName)));
        }
        return new BoundProjectRename(renames.ToImmutable(), input, schema, Where(rename.Span));
    }

    private BoundStage BindMvExpand(MvExpandStage expand, RowSchema input)
    {
        var array = BindExpression(expand.Array, ExpressionScope.Rows(input));
        var name = expand.Name ?? DefaultColumnNames.OfExpanded(expand.Array);
        if (name is null)
        {
            Error(BindingCodes.ColumnNeedsName, "mv-expand of an expression needs a column name: mv-expand name = expression", expand.Array.Span);
            name = "";
        }
        // Each element of a dynamic array is dynamic; a multi-valued typed field yields elements of its type.
        var column = Column.Computed(name, array.Type, false);
        return new BoundMvExpand(column, array, input, input.WithColumn(column), Where(expand.Span));
    }

    private BoundSort BindSort(SortStage sort, RowSchema input)
    {
        var keys = sort.Keys.Select(key =>
        {
            var value = BindExpression(key.Value, ExpressionScope.Rows(input));
            RejectMemberList(value.MemberList, key.Value.Span, "sort by");
            return new BoundSortKey(value, key.Descending, Where(key.Span));
        });
        return new BoundSort([.. keys], input, Where(sort.Span));
    }

    /// <summary>
    /// A member list (the values of a [*] path) cannot be a key: SPL's stats, dedup and sort take a multivalue field
    /// value by value, KQL's take the array as one value, and no emitted form makes them agree. (mv-expand of it is
    /// exact everywhere: one row per value, none for an empty list.)
    /// </summary>
    private void RejectMemberList(bool memberList, TextSpan span, string what)
    {
        if (!memberList) return;
        Error(BindingCodes.GroupByMemberList, $"{what} a member list (the values of a [*] path) differs between SPL, which takes it value by value, and KQL; aggregate it (make_set) or mv-expand it first (mv-expand x = a[*].b, then use x)", span);
    }

    private BoundFillNull BindFillNull(FillNullStage fill, RowSchema input)
    {
        var value = (BoundLiteral)BindExpression(fill.Value, ExpressionScope.Constant);
        var columns = ImmutableArray.CreateBuilder<Column>(fill.Columns.Length);
        foreach (var field in fill.Columns)
        {
            var bound = BindField(field, input, ExpressionScope.Rows(input));
            _expressions[field] = bound;
            if (bound.Field is { Kind: ResolvedFieldKind.Column, Remainder.IsEmpty: true, Column: { } column }) columns.Add(column);
            else if (bound.Field is not null) Error(BindingCodes.UnknownField, $"fill-null fills columns; '{FieldPaths.Display(field.Path)}' is not a column", field.Span);
            if (bound.Type.IsLoose() || value.Type.IsLoose() || bound.Type == value.Type) continue;
            Warning(BindingCodes.FillNullType, $"fill-null puts a {value.Type.DisplayName()} into the {bound.Type.DisplayName()} column '{FieldPaths.Display(field.Path)}'", field.Span);
        }
        return new BoundFillNull(value, columns.ToImmutable(), input, Where(fill.Span));
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
