using RuleCompiler.Compiler.Diagnostics;
using System.Collections.Immutable;
using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Compiler.Language.Binding;

internal sealed partial class BindingRun
{
    /// <summary>
    /// Resolves a path against the row: the longest dotted prefix that names a column wins, and the rest of the
    /// path must lie inside a dynamic value. Otherwise an object prefix of declared fields, then a let constant.
    /// </summary>
    private BoundExpression BindField(FieldExpression field, RowSchema row, ExpressionScope scope)
    {
        if (scope.Aggregates == AggregateMode.SummarizeItem)
        {
            Error(BindingCodes.AggregateNeeded, $"'{FieldPaths.Display(field.Path)}' must be inside an aggregate such as take_any(), or a by key", field.Span);
        }
        var members = FieldPaths.MemberPrefixLength(field.Path);
        for (var length = members; length >= 1; length--)
        {
            var name = FieldPaths.DottedName(field.Path, length);
            if (row.Find(name) is { } column) return ResolveBelowColumn(field, column, length, row);
        }
        for (var length = members; length >= 1; length--)
        {
            var prefix = FieldPaths.DottedName(field.Path, length);
            if (!row.HasObjectPrefix(prefix)) continue;
            if (length == field.Path.Length)
            {
                var resolved = new ResolvedField(ResolvedFieldKind.ObjectPrefix, prefix, null, [], ScalarType.Dynamic, false);
                return new BoundFieldReference(resolved, Where(field.Span));
            }
            return UnknownField(field, row, length);
        }
        if (field.Path.Length == 1 && _lets.TryGetValue(FieldPaths.DottedName(field.Path, 1), out var let))
        {
            if (let is BoundLetConstant constant)
            {
                var resolved = new ResolvedField(ResolvedFieldKind.LetConstant, let.Name, null, [], constant.Type, false) { Let = constant };
                return new BoundFieldReference(resolved, Where(field.Span));
            }
            Error(BindingCodes.LetKind, $"'{let.Name}' is a sub-pipeline; use it as a pipeline source, in join/union, or as a list without parentheses: x in {let.Name}", field.Span);
            return new BoundError(Where(field.Span));
        }
        // After an earlier error (an unknown sub-pipeline) the columns are unknown: do not report every use.
        return row.Unresolved ? new BoundError(Where(field.Span)) : UnknownField(field, row, 0);
    }

    private BoundExpression ResolveBelowColumn(FieldExpression field, Column column, int consumed, RowSchema row)
    {
        var remainder = field.Path.RemoveRange(0, consumed);
        if (remainder.IsEmpty)
        {
            var exact = new ResolvedField(ResolvedFieldKind.Column, column.Name, column, [], column.Type, column.Multivalued);
            return new BoundFieldReference(exact, Where(field.Span)) { Multivalued = column.Multivalued, MemberList = column.MemberList };
        }
        if (column.Type is not (ScalarType.Dynamic or ScalarType.Unknown))
        {
            var segment = remainder[0];
            var what = segment is MemberSegment member ? $"member '{member.Name}'" : "elements";
            var start = FieldPaths.NameStart(segment);
            Error(BindingCodes.MemberOfScalar, $"'{column.Name}' is a {column.Type.DisplayName()}; it has no {what}", new TextSpan(start, field.Span.End - start));
            return new BoundError(Where(field.Span));
        }
        if (remainder.Any(s => s is EachSegment)) return BindEachPath(field, column, remainder);
        if (remainder[0] is MemberSegment next)
        {
            if (column.Multivalued)
            {
                // A path through a non-object value is null (language contract): resources.ARN never matches.
                var start = FieldPaths.NameStart(next);
                Warning(BindingCodes.MemberOfArray, $"'{column.Name}' is an array, so '{FieldPaths.Display(field.Path)}' is always null; read every element's member with {column.Name}[*].{next.Name}, index it ({column.Name}[0].{next.Name}) or mv-expand it first", new TextSpan(start, field.Span.End - start));
            }
            else
            {
                CheckUndeclaredMembers(column.Name, remainder, row);
            }
        }
        var resolved = new ResolvedField(ResolvedFieldKind.Column, column.Name, column, PathStep.From(remainder), ScalarType.Dynamic, false);
        return new BoundFieldReference(resolved, Where(field.Span));
    }

    /// <summary>
    /// A path with <c>[*]</c> below a column: the source is the column and the members before the first <c>[*]</c>;
    /// the steps after it are members and further <c>[*]</c>. Indexes do not mix with <c>[*]</c> (Splunk's
    /// <c>a{}.b</c> fields have no per-element form), and the source is a field of the event (RC2544).
    /// </summary>
    private BoundExpression BindEachPath(FieldExpression field, Column column, ImmutableArray<PathSegment> remainder)
    {
        if (field.Path.OfType<IndexSegment>().FirstOrDefault() is { } index)
        {
            Error(BindingCodes.EachMisuse, $"'{FieldPaths.Display(field.Path)}' mixes an index with [*]: a [*] path holds members and [*] only", index.Span);
            return new BoundError(Where(field.Span));
        }
        if (column.Origin != ColumnOrigin.SourceField)
        {
            Error(BindingCodes.EachMisuse, $"[*] reads the arrays of the event, and '{column.Name}' is a computed column: apply [*] to the event field it came from", field.Span);
            return new BoundError(Where(field.Span));
        }
        var first = remainder.IndexOf(remainder.First(s => s is EachSegment));
        var before = PathStep.From(remainder.Take(first));
        var source = new BoundFieldReference(
            new ResolvedField(ResolvedFieldKind.Column, column.Name, column, before, column.Type, column.Multivalued && before.IsEmpty),
            Where(field.Span)) { Multivalued = column.Multivalued && before.IsEmpty };
        return new BoundEachPath(source, PathStep.From(remainder.Skip(first + 1)), Where(field.Span)) { Multivalued = true, MemberList = true };
    }

    /// <summary>Reports an unknown field at the first segment that does not resolve, with the nearest known name.</summary>
    private BoundError UnknownField(FieldExpression field, RowSchema row, int resolvedSegments)
    {
        var written = FieldPaths.Display(field.Path);
        var candidates = row.Names.Concat(_lets.Where(l => l.Value is BoundLetConstant).Select(l => l.Key)).ToList();
        var start = FieldPaths.NameStart(field.Path[Math.Min(resolvedSegments, field.Path.Length - 1)]);
        var suggestion = SuggestPath(field.Path, candidates);
        var hint = suggestion is null ? "" : $"; did you mean '{suggestion}'?";
        Error(BindingCodes.UnknownField, $"unknown field '{written}'{hint}", new TextSpan(start, field.Span.End - start));
        return new BoundError(Where(field.Span));
    }

    /// <summary>
    /// The nearest known name for the longest dotted prefix that has one, with the rest of the path appended:
    /// <c>requestParameter.bucketName</c> gives <c>requestParameters.bucketName</c>.
    /// </summary>
    private static string? SuggestPath(ImmutableArray<PathSegment> path, IReadOnlyCollection<string> candidates)
    {
        for (var length = FieldPaths.MemberPrefixLength(path); length >= 1; length--)
        {
            if (DidYouMean.Closest(FieldPaths.DottedName(path, length), candidates) is { } best)
            {
                var rest = FieldPaths.Display(path.RemoveRange(0, length));
                return rest.Length == 0 ? best : rest[0] == '[' ? best + rest : best + "." + rest;
            }
        }
        return null;
    }

    /// <summary>
    /// Any path below a dynamic column is legal, but when the data source declares members at a level of the path
    /// and the written member is a near miss of one of them, it is most likely a typo: warn with the declared name.
    /// The walk goes down the path as long as each member is declared, so a typo is found at any depth.
    /// </summary>
    private void CheckUndeclaredMembers(string columnName, ImmutableArray<PathSegment> remainder, RowSchema row)
    {
        var parent = columnName;
        foreach (var segment in remainder)
        {
            if (segment is not MemberSegment member || DeclaredMembers(parent, row) is not { } declared) return;
            if (!declared.Contains(member.Name))
            {
                if (DidYouMean.Closest(member.Name, declared) is { } best)
                {
                    var start = FieldPaths.NameStart(member);
                    Warning(BindingCodes.UndeclaredMember, $"'{member.Name}' is not a declared member of '{parent}'; did you mean '{best}'?", new TextSpan(start, member.Span.End - start));
                }
                return;
            }
            parent = parent + "." + member.Name;
        }
    }

    /// <summary>The names one level below <paramref name="parent"/> that the row's columns declare (null: none).</summary>
    private static HashSet<string>? DeclaredMembers(string parent, RowSchema row)
    {
        var prefix = parent + ".";
        HashSet<string>? declared = null;
        foreach (var column in row.Columns)
        {
            if (!column.Name.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var end = column.Name.IndexOf('.', prefix.Length);
            (declared ??= new HashSet<string>(StringComparer.Ordinal)).Add(end < 0 ? column.Name[prefix.Length..] : column.Name[prefix.Length..end]);
        }
        return declared;
    }
}
