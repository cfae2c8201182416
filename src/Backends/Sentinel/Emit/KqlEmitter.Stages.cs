using System.Collections.Immutable;
using System.Globalization;
using RuleCompiler.Backends.Sentinel.Kql;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Backends.Sentinel.Emit;

internal sealed partial class KqlEmitter : IBoundStageVisitor<bool>
{
    public bool VisitWhere(BoundWhere where)
    {
        _lines.Add("| where " + Expr(where.Predicate).Text);
        return true;
    }

    public bool VisitExtend(BoundExtend extend)
    {
        var parts = new List<string>();
        var assignedHere = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < extend.Columns.Length; i++)
        {
            var assignment = extend.Columns[i];
            // KQL's extend evaluates every expression against its input row (Kusto.Language: KS142 for a name assigned
            // earlier in the same extend); the language's reads the columns before it, so a reader starts a new extend.
            var uses = new ColumnUses();
            uses.Walk(assignment.Value);
            if (uses.Names.Overlaps(assignedHere))
            {
                _lines.Add("| extend " + string.Join(", ", parts));
                parts.Clear();
                assignedHere.Clear();
            }

            parts.Add(Assignment(assignment.Column.Name, Expr(assignment.Value).Text));
            Write(assignment.Column.Name, extend.Columns.Skip(i + 1));
            assignedHere.Add(assignment.Column.Name);
        }

        _lines.Add("| extend " + string.Join(", ", parts));
        return true;
    }

    public bool VisitProject(BoundProject project)
    {
        var parts = project.Columns.Select(c => Assignment(c.Column.Name, Expr(c.Value).Text)).ToList();
        // project followed by a distinct of exactly its columns, all already under their names: the distinct says it all.
        var redundant = parts.SequenceEqual(project.Columns.Select(c => KqlText.Identifier(c.Column.Name)))
            && _index + 1 < _stages.Count
            && _stages[_index + 1] is BoundDistinct distinct
            && distinct.Columns.All(c => c.IsPassThrough)
            && distinct.Columns.Select(c => c.Column.Name).ToHashSet(StringComparer.Ordinal).SetEquals(project.Columns.Select(c => c.Column.Name));
        if (!redundant)
        {
            _lines.Add("| project " + string.Join(", ", parts));
        }

        _rows = KqlRows.OfNames(project.Output.Columns.Select(c => c.Name));
        return true;
    }

    public bool VisitProjectAway(BoundProjectAway away)
    {
        var removed = away.Removed.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var kept = _rows.Columns.Where(c => !removed.Contains(c.Key)).Select(c => c.Value.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var dropped = away.Removed.Select(c => _rows.Find(c.Name)?.Name).OfType<string>()
            .Where(p => !kept.Contains(p)).Distinct(StringComparer.Ordinal).ToList();
        if (dropped.Count > 0)
        {
            _lines.Add("| project-away " + string.Join(", ", dropped.Select(KqlText.Identifier)));
        }

        _rows = new KqlRows(_rows.Columns.RemoveRange(removed), [.. _rows.Physical.Where(p => !dropped.Contains(p, StringComparer.Ordinal))]);
        return true;
    }

    public bool VisitProjectRename(BoundProjectRename rename)
    {
        var renames = new List<string>();
        var copies = new List<string>();
        foreach (var r in rename.Renames)
        {
            var original = _rows.Find(r.From.Name) ?? throw new InvalidOperationException($"column {r.From.Name} is not in the KQL rows");
            var columns = _rows.Columns.Remove(r.From.Name);
            if (original.Name is not { } physical)
            {
                _rows = _rows with { Columns = columns.SetItem(r.NewName, original) };
                continue;
            }

            var shared = columns.Values.Any(c => c.Name == physical);
            (shared ? copies : renames).Add(Assignment(r.NewName, KqlText.Identifier(physical)));
            PreserveShadowed(r.NewName, []);
            var physicalColumns = shared ? _rows.Physical.Add(r.NewName) : _rows.Physical.Replace(physical, r.NewName, StringComparer.Ordinal);
            _rows = new KqlRows(_rows.Columns.Remove(r.From.Name).SetItem(r.NewName, original with { Name = r.NewName }), physicalColumns);
        }

        if (copies.Count > 0)
        {
            _lines.Add("| extend " + string.Join(", ", copies));
        }

        if (renames.Count > 0)
        {
            _lines.Add("| project-rename " + string.Join(", ", renames));
        }

        return true;
    }

    /// <summary>
    /// KQL's mv-expand keeps a row for a null value and expands an object into its properties; the language drops the
    /// row and keeps an object whole. So the value is put in its column, rows where it is null are dropped, and an
    /// object is expanded as a one-element array.
    /// </summary>
    public bool VisitMvExpand(BoundMvExpand expand)
    {
        var name = KqlText.Identifier(expand.Column.Name);
        var value = Expr(expand.Array).Text;
        Write(expand.Column.Name, []);
        if (value != name)
        {
            _lines.Add($"| extend {name} = {value}");
        }

        _lines.Add($"| where isnotnull({name})");
        var typed = expand.Column.Type is ScalarType.Dynamic or ScalarType.Unknown or ScalarType.Null ? "" : $" to typeof({KqlType(expand.Column.Type)})";
        _lines.Add($"| mv-expand {name} = iif(gettype({name}) == \"dictionary\", pack_array({name}), {name}){typed}");
        return true;
    }

    public bool VisitSummarize(BoundSummarize summarize)
    {
        var items = new List<string>();
        var missing = new Dictionary<string, KqlColumn>(StringComparer.Ordinal);
        foreach (var aggregation in summarize.Aggregations)
        {
            switch (aggregation)
            {
                case BoundAggregateValue value:
                    items.Add($"{KqlText.Identifier(value.Assignment.Column.Name)} = {Expr(value.Assignment.Value).Text}");
                    break;
                case BoundArgExtreme extreme:
                    var names = new List<string> { KqlText.Identifier(extreme.By.Column.Name) };
                    var args = new List<string> { Expr(extreme.By.Value).Text };
                    foreach (var carried in extreme.Carried)
                    {
                        // Columns `*` carries that Sentinel does not have stay unavailable; only a use of them is reported.
                        if (carried.Value is BoundFieldReference { Resolved.Kind: ResolvedFieldKind.Column } field
                            && _rows.Find(field.Resolved.ColumnName) is { Name: null } absent)
                        {
                            missing[carried.Column.Name] = absent;
                            continue;
                        }

                        names.Add(KqlText.Identifier(carried.Column.Name));
                        args.Add(Expr(carried.Value).Text);
                    }

                    items.Add($"({string.Join(", ", names)}) = {(extreme.Max ? "arg_max" : "arg_min")}({string.Join(", ", args)})");
                    break;
            }
        }

        var keys = summarize.Keys.Select(Key).ToList();
        _lines.Add("| summarize " + string.Join(", ", items) + (keys.Count > 0 ? (items.Count > 0 ? " by " : "by ") + string.Join(", ", keys) : ""));
        _rows = KqlRows.OfNames(summarize.Output.Columns.Select(c => c.Name).Where(n => !missing.ContainsKey(n)));
        foreach (var (name, column) in missing)
        {
            _rows = _rows with { Columns = _rows.Columns.SetItem(name, column) };
        }

        return true;
    }

    public bool VisitDistinct(BoundDistinct distinct)
    {
        var keys = distinct.Columns.Select(Key).ToList();
        _lines.Add(keys.SequenceEqual(distinct.Columns.Select(c => KqlText.Identifier(c.Column.Name)))
            ? "| distinct " + string.Join(", ", keys)
            : "| summarize by " + string.Join(", ", keys));
        _rows = KqlRows.OfNames(distinct.Output.Columns.Select(c => c.Name));
        return true;
    }

    public bool VisitSort(BoundSort sort)
    {
        // KQL's defaults are the language's: nulls first ascending, last descending.
        _lines.Add("| sort by " + string.Join(", ", sort.Keys.Select(k => $"{Expr(k.Value).Text} {(k.Descending ? "desc" : "asc")}")));
        return true;
    }

    public bool VisitTake(BoundTake take)
    {
        _lines.Add("| take " + take.Count.ToString(CultureInfo.InvariantCulture));
        return true;
    }

    public bool VisitFillNull(BoundFillNull fill)
    {
        var value = Expr(fill.Value).Text;
        var targets = fill.Columns.IsEmpty ? fill.Input.Columns : fill.Columns;
        var parts = new List<string>();
        foreach (var column in targets)
        {
            if (_rows.Find(column.Name) is not { Name: { } physical } kql)
            {
                continue;
            }

            var id = KqlText.Identifier(physical);
            if (kql.JsonText)
            {
                // The column holds JSON text: the value goes in as JSON text too.
                parts.Add($"{id} = iif(isempty({id}), {KqlText.StringLiteral(System.Text.Json.JsonSerializer.Serialize(fill.Value.Value))}, {id})");
            }
            else if (column.Type == fill.Value.Type || fill.Value.Kind == LiteralKind.Null)
            {
                parts.Add(column.Type == ScalarType.String ? $"{id} = iif(isempty({id}), {value}, {id})" : $"{id} = coalesce({id}, {value})");
            }
            else if (!fill.Columns.IsEmpty)
            {
                _diagnostics.Add(NotBuilt(KqlDiagnostics.FillNullType,
                    $"fill-null puts a {fill.Value.Type.DisplayName()} into the {column.Type.DisplayName()} column '{column.Name}', which a KQL column cannot hold", fill.Location));
            }
        }

        if (parts.Count > 0)
        {
            _lines.Add("| extend " + string.Join(", ", parts));
        }

        return true;
    }

    public bool VisitJoin(BoundJoin join)
    {
        var (lines, right) = Pipeline(join.Right);
        var keys = join.Keys.Select(k => (Left: _rows.Find(k.Left.Name)?.Name, Right: right.Find(k.Right.Name)?.Name)).ToList();
        var on = keys.All(k => k.Left is not null && k.Left == k.Right)
            ? string.Join(", ", keys.Select(k => KqlText.Identifier(k.Left!)))
            : string.Join(", ", keys.Select(k => $"$left.{KqlText.Identifier(k.Left ?? "")} == $right.{KqlText.Identifier(k.Right ?? "")}"));
        _lines.Add($"| join kind={join.Kind.ToString().ToLowerInvariant()} (");
        _lines.AddRange(lines.Select(l => "    " + l));
        _lines.Add($"    ) on {on}");
        _rows = join.Kind switch
        {
            JoinKind.LeftAnti or JoinKind.LeftSemi => _rows,
            JoinKind.RightAnti or JoinKind.RightSemi => right,
            _ => Joined(_rows, join.Input, right, join.Right.Output, join.Output),
        };
        return true;
    }

    /// <summary>
    /// The rows of a join that keeps both sides: KQL renames a right column whose name the left side has with the
    /// first free suffix (1, 2, ...), and each right column of the binder's output follows its KQL column.
    /// </summary>
    private static KqlRows Joined(KqlRows left, RowSchema leftSchema, KqlRows right, RowSchema rightSchema, RowSchema output)
    {
        var taken = left.Physical.ToHashSet(StringComparer.Ordinal);
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var physical in right.Physical)
        {
            var name = physical;
            for (var n = 1; !taken.Add(name); n++)
            {
                name = physical + n.ToString(CultureInfo.InvariantCulture);
            }

            renamed[physical] = name;
        }

        var columns = left.Columns.Where(c => leftSchema.Find(c.Key) is not null).ToImmutableDictionary(StringComparer.Ordinal).ToBuilder();
        var rightColumns = output.Columns.Skip(leftSchema.Columns.Length).ToList();
        for (var i = 0; i < rightColumns.Count && i < rightSchema.Columns.Length; i++)
        {
            var source = right.Find(rightSchema.Columns[i].Name)!;
            columns[rightColumns[i].Name] = source.Name is { } physical ? source with { Name = renamed[physical] } : source;
        }

        return new KqlRows(columns.ToImmutable(), [.. left.Physical, .. right.Physical.Select(p => renamed[p])]);
    }

    public bool VisitUnion(BoundUnion union)
    {
        var arms = new List<string>();
        var rows = _rows;
        foreach (var pipeline in union.Pipelines)
        {
            var (lines, armRows) = Pipeline(pipeline);
            // A column both sides have must have one KQL name; the arm's is renamed to the one already chosen.
            var renames = armRows.Columns
                .Where(c => c.Value.Name is not null && rows.Find(c.Key)?.Name is { } chosen && chosen != c.Value.Name)
                .Select(c => $"{KqlText.Identifier(rows.Find(c.Key)!.Name!)} = {KqlText.Identifier(c.Value.Name!)}")
                .ToList();
            if (renames.Count > 0)
            {
                lines.Add("| project-rename " + string.Join(", ", renames));
            }

            foreach (var (name, column) in armRows.Columns.Where(c => rows.Find(c.Key) is null))
            {
                rows = rows.With(name, column);
            }

            arms.Add("(" + string.Join(" ", lines) + ")");
        }

        _lines.Add("| union " + string.Join(", ", arms));
        _rows = rows;
        return true;
    }

    public bool VisitInvoke(BoundInvoke invoke)
    {
        // Pipelines inline fragments before visiting (see Inline); a nested invoke is visited the same way.
        foreach (var stage in Inline(invoke.Stages))
        {
            stage.Accept(this);
        }

        return true;
    }

    /// <summary>A summarize or distinct key: KQL cannot group by a dynamic value, so it groups by its JSON text.</summary>
    private string Key(BoundAssignment key)
    {
        var text = Expr(key.Value).Text;
        if (key.Value.Type == ScalarType.Dynamic)
        {
            text = $"tostring({text})";
        }

        return Assignment(key.Column.Name, text);
    }

    private static string Assignment(string name, string value)
    {
        var id = KqlText.Identifier(name);
        return id == value ? id : $"{id} = {value}";
    }

    private static string KqlType(ScalarType type) => type switch
    {
        ScalarType.String => "string",
        ScalarType.Long => "long",
        ScalarType.Real => "real",
        ScalarType.Bool => "bool",
        ScalarType.DateTime => "datetime",
        ScalarType.TimeSpan => "timespan",
        _ => "dynamic",
    };
}
