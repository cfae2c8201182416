using RuleCompiler.Backends.Targets;
using RuleCompiler.Compiler.Language.Bound;

namespace RuleCompiler.Backends.CSharp.Emit;

internal sealed partial class RuleEmitter : IBoundStageVisitor<bool>
{
    /// <summary>The Build local the stage being emitted wires in front of.</summary>
    private string _sink = "";

    /// <summary>
    /// Emits one pipeline that reads the data source (the main one, a join's right side, a union branch): its
    /// leading where stages become a static Matches predicate, the rest runtime stages wired into <paramref name="sink"/>.
    /// </summary>
    private void EmitPipeline(BoundPipeline pipeline, string sink)
    {
        var stages = PipelineStages.Flatten(pipeline);
        if (PipelineStages.Root(pipeline) is BoundTableInput table)
        {
            EmitTablePipeline(table, stages, sink);
            return;
        }

        // A where that reads a sub-pipeline list must wait for that list, so it cannot be part of the event filter.
        var leading = stages.TakeWhile(s => s is BoundWhere w && !PipelineListUser.Uses(w.Predicate)).Cast<BoundWhere>().ToList();
        var filter = EmitFilter(leading);
        var v = NewVar("pipeline");
        _build.Add($"IRowSink {v} = {sink};");
        foreach (var stage in stages.Skip(leading.Count).Reverse())
        {
            EmitStage(stage, v);
        }

        _build.Add($"plan.Source({filter}, {v});");
    }

    /// <summary>A pipeline that reads a lookup table: every stage runs on the table's rows, which enter as the run completes.</summary>
    private void EmitTablePipeline(BoundTableInput table, List<BoundStage> stages, string sink)
    {
        var v = NewVar("pipeline");
        _build.Add($"IRowSink {v} = {sink};");
        foreach (var stage in Enumerable.Reverse(stages))
        {
            EmitStage(stage, v);
        }

        var columns = table.Table.Columns.Select(c => $"new TableColumnSpec({CSharpLiteral.String(c.Name)}, ValueKind.{ValueKindOf(c.Type)})");
        _build.Add($"plan.Table({CSharpLiteral.String(table.Table.Name)}, [{string.Join(", ", columns)}], {TableRowsField(table.Table)}, {v});");
    }

    private static string ValueKindOf(Compiler.Model.FieldType type) => type switch
    {
        Compiler.Model.FieldType.Long => "Long",
        Compiler.Model.FieldType.Real => "Real",
        Compiler.Model.FieldType.Bool => "Bool",
        Compiler.Model.FieldType.DateTime => "DateTime",
        Compiler.Model.FieldType.TimeSpan => "TimeSpan",
        _ => "String",
    };

    /// <summary>The static field holding a static table's rows, written once per table; "null" for a maintained table.</summary>
    private string TableRowsField(Compiler.Model.LookupTable table)
    {
        if (!table.IsStatic)
        {
            return "null";
        }

        if (_tableFields.TryGetValue(table.Name, out var existing))
        {
            return existing;
        }

        var name = NewName("Table_" + CSharpLiteral.IdentifierPart(table.Name));
        _tableFields.Add(table.Name, name);
        var rows = table.Rows.Select(row => "Row.FromColumns([" + string.Join(", ", table.Columns.Select((c, i) =>
            $"new({CSharpLiteral.String(c.Name)}, {CellLiteral(row.Values[i])})")) + "])");
        _fields.Add($"private static readonly Row[] {name} = [{string.Concat(rows.Select(r => "\n        " + r + ","))}\n    ];");
        return name;
    }

    private static string CellLiteral(object? value) => value switch
    {
        null => "Value.Null",
        string s => $"Value.String({CSharpLiteral.String(s)})",
        long l => $"Value.Long({CSharpLiteral.Long(l)})",
        double d => $"Value.Real({CSharpLiteral.Real(d)})",
        bool b => $"Value.Bool({CSharpLiteral.Bool(b)})",
        DateTime t => $"Value.DateTime({CSharpLiteral.DateTime(t)})",
        TimeSpan t => $"Value.TimeSpan({CSharpLiteral.TimeSpan(t)})",
        _ => throw new InvalidOperationException($"a table cell of type {value.GetType().Name}"),
    };

    private readonly Dictionary<string, string> _tableFields = new(StringComparer.Ordinal);

    private string EmitFilter(List<BoundWhere> wheres)
    {
        var name = NewName("Matches");
        var body = wheres.Count == 0 ? "true" : string.Join("\n        && ", wheres.Select(w => Expr(w.Predicate).AsBool));
        var comment = wheres.Count == 0
            ? "Every event enters this pipeline (it does not start with where)."
            : "The leading where stages, evaluated on each event before anything is allocated for it.";
        _filters.Add((name, comment, body));
        return name;
    }

    private void EmitStage(BoundStage stage, string v)
    {
        // Stages nest (a list's own pipeline is emitted while its user is), so the outer stage's lists are kept aside.
        var outer = _listsOfStage.ToList();
        _listsOfStage.Clear();
        var outerSink = _sink;
        _sink = v;
        stage.Accept(this);
        _sink = outerSink;
        var used = _listsOfStage.Order(StringComparer.Ordinal).ToList();
        _listsOfStage.Clear();
        _listsOfStage.UnionWith(outer);
        if (used.Count > 0)
        {
            // Upstream of the stage: its rows wait until the sub-pipeline lists it tests against are complete.
            _build.Add($"{v} = new AfterLists([{string.Join(", ", used)}], {v});");
        }
    }

    private void Wire(string stage) => _build.Add($"{_sink} = {stage};");

    public bool VisitWhere(BoundWhere where)
    {
        Wire($"new Where(row => {Expr(where.Predicate).AsBool}, {_sink})");
        return true;
    }

    public bool VisitExtend(BoundExtend extend)
    {
        // Each column may use the ones before it in the same extend, so they are set one after another.
        var columns = extend.Columns.Select(c => (Name: CSharpLiteral.String(c.Column.Name), Value: Expr(c.Value).AsArgument)).ToList();
        Wire(columns.Count == 1
            ? $"new Map(row => row.With({columns[0].Name}, {columns[0].Value}), {_sink})"
            : $"new Map(row =>{Continuation}{{{Continuation}    {string.Join(Continuation + "    ", columns.Select(c => $"row = row.With({c.Name}, {c.Value});"))}{Continuation}    return row;{Continuation}}}, {_sink})");
        return true;
    }

    public bool VisitProject(BoundProject project)
    {
        var columns = project.Columns.Select(c => $"RowMaps.Column({CSharpLiteral.String(c.Column.Name)}, {Expr(c.Value).AsArgument})");
        Wire($"new Map(row => RowMaps.Project({List(columns)}), {_sink})");
        return true;
    }

    public bool VisitProjectAway(BoundProjectAway away)
    {
        var names = away.Removed.Select(c => CSharpLiteral.String(c.Name));
        Wire($"new Map(row => row.Without([{string.Join(", ", names)}]), {_sink})");
        return true;
    }

    public bool VisitProjectRename(BoundProjectRename rename)
    {
        var newNames = rename.Renames.Select(r => CSharpLiteral.String(r.NewName));
        var oldNames = rename.Renames.Select(r => CSharpLiteral.String(r.From.Name));
        Wire($"new Map(row => RowMaps.Rename(row, [{string.Join(", ", newNames)}], [{string.Join(", ", oldNames)}]), {_sink})");
        return true;
    }

    public bool VisitMvExpand(BoundMvExpand expand)
    {
        Wire($"new MvExpand({CSharpLiteral.String(expand.Column.Name)}, row => {Expr(expand.Array).AsValue}, {_sink})");
        return true;
    }

    /// <summary>
    /// summarize: the runtime groups by the keys and runs one accumulator per aggregate call. A column computed from
    /// several aggregates (<c>max(_time) - min(_time)</c>) reads hidden columns in a projection after the grouping,
    /// which also puts the columns in exactly the binder's order.
    /// </summary>
    public bool VisitSummarize(BoundSummarize summarize)
    {
        var keys = summarize.Keys.Select(k => $"RowMaps.Key({CSharpLiteral.String(k.Column.Name)}, row => {Expr(k.Value).AsValue})");
        var computed = summarize.Aggregations.OfType<BoundAggregateValue>().Where(a => !IsSingleAggregate(a.Assignment.Value)).ToList();
        var aggregates = new List<string>();
        var slots = new Dictionary<BoundCall, string>(ReferenceEqualityComparer.Instance);
        foreach (var aggregation in summarize.Aggregations)
        {
            switch (aggregation)
            {
                case BoundAggregateValue { Assignment.Value: BoundCall call } single when IsSingleAggregate(call):
                    aggregates.Add(Aggregate(call, single.Assignment.Column.Name));
                    break;
                case BoundAggregateValue value:
                    foreach (var call in AggregateCalls(value.Assignment.Value))
                    {
                        var hidden = "\u0001agg" + (slots.Count + 1);
                        slots.Add(call, hidden);
                        aggregates.Add(Aggregate(call, hidden));
                    }

                    break;
                case BoundArgExtreme extreme:
                    aggregates.Add(ArgExtreme(extreme));
                    break;
            }
        }

        if (computed.Count > 0)
        {
            _aggregateSlots = slots;
            var columns = summarize.Output.Columns.Select(c =>
            {
                var value = computed.FirstOrDefault(a => a.Assignment.Column.Name == c.Name) is { } a
                    ? Expr(a.Assignment.Value).AsArgument
                    : $"row.Get({FieldPathField(c.Name, [])})";
                return $"RowMaps.Column({CSharpLiteral.String(c.Name)}, {value})";
            });
            Wire($"new Map(row => RowMaps.Project({List(columns)}), {_sink})");
            _aggregateSlots = null;
        }

        _build.Add($"{_sink} = new Summarize(");
        _build.Add("    [");
        _build.AddRange(keys.Select(k => $"        {k},"));
        _build.Add("    ],");
        _build.Add("    [");
        _build.AddRange(aggregates.Select(a => $"        {a},"));
        _build.Add("    ],");
        _build.Add($"    {_sink});");
        return true;
    }

    private static bool IsSingleAggregate(BoundExpression value) => value is BoundCall { Signature.IsAggregate: true };

    /// <summary>The aggregate calls inside a summarize column's expression, in written order.</summary>
    private static List<BoundCall> AggregateCalls(BoundExpression value)
    {
        var finder = new AggregateCallFinder();
        finder.Walk(value);
        return finder.Calls;
    }

    private sealed class AggregateCallFinder : BoundTreeWalker
    {
        public List<BoundCall> Calls { get; } = [];

        protected override void OnExpression(BoundExpression expression)
        {
            if (expression is BoundCall { Signature.IsAggregate: true } call)
            {
                Calls.Add(call);
            }
        }
    }

    public bool VisitDistinct(BoundDistinct distinct)
    {
        var keys = distinct.Columns.Select(c => $"RowMaps.Key({CSharpLiteral.String(c.Column.Name)}, row => {Expr(c.Value).AsValue})");
        Wire($"new Distinct([{List(keys)}], {_sink})");
        return true;
    }

    public bool VisitSort(BoundSort sort)
    {
        var keys = sort.Keys.Select(k => $"new SortKey(row => {Expr(k.Value).AsValue}, Descending: {CSharpLiteral.Bool(k.Descending)})");
        Wire($"new Sort([{string.Join(", ", keys)}], {_sink})");
        return true;
    }

    public bool VisitTake(BoundTake take)
    {
        Wire($"new Take({CSharpLiteral.Long(take.Count)}, {_sink})");
        return true;
    }

    public bool VisitFillNull(BoundFillNull fill)
    {
        var columns = string.Concat(fill.Columns.Select(c => ", " + CSharpLiteral.String(c.Name)));
        Wire($"new Map(row => RowMaps.FillNull(row, {VisitLiteral(fill.Value).AsArgument}{columns}), {_sink})");
        return true;
    }

    public bool VisitJoin(BoundJoin join)
    {
        var leftKeys = join.Keys.Select(k => $"row => row.Get({FieldPathField(k.Left.Name, [])})");
        var rightKeys = join.Keys.Select(k => $"row => row.Get({FieldPathField(k.Right.Name, [])})");
        var j = NewVar("join");
        var sink = _sink;
        _build.Add($"var {j} = new Join(JoinKind.{join.Kind}, [{string.Join(", ", leftKeys)}], [{string.Join(", ", rightKeys)}], {sink});");
        _build.Add($"{sink} = {j};");
        EmitPipeline(join.Right, $"{j}.Right");
        return true;
    }

    public bool VisitUnion(BoundUnion union)
    {
        var u = NewVar("union");
        var sink = _sink;
        _build.Add($"var {u} = new Union({union.Pipelines.Length}, {sink});");
        _build.Add($"{sink} = {u};");
        for (var i = 0; i < union.Pipelines.Length; i++)
        {
            EmitPipeline(union.Pipelines[i], $"{u}.Branches[{i}]");
        }

        return true;
    }

    public bool VisitInvoke(BoundInvoke invoke) =>
        throw new InvalidOperationException("fragments are inlined before stages are emitted");

    /// <summary>A new line inside a statement of Build (whose body is indented by 8).</summary>
    private const string Continuation = "\n        ";

    /// <summary>Items of a call: on one line when there are few, else one per line.</summary>
    private static string List(IEnumerable<string> items)
    {
        var all = items.ToList();
        return all.Count <= 2 ? string.Join(", ", all) : Continuation + "    " + string.Join("," + Continuation + "    ", all);
    }
}

internal sealed partial class RuleEmitter
{
    /// <summary>Locals of Build holding sub-pipeline lists, by let name; and those the stage being emitted uses.</summary>
    private readonly Dictionary<string, string> _pipelineLists = new(StringComparer.Ordinal);
    private readonly HashSet<string> _listsOfStage = new(StringComparer.Ordinal);

    /// <summary>The ListCollector local for <c>in name</c> over a let sub-pipeline, wiring the sub-pipeline on first use.</summary>
    private string PipelineList(BoundLetPipeline let)
    {
        if (!_pipelineLists.TryGetValue(let.Name, out var local))
        {
            local = NewVar("list");
            _pipelineLists.Add(let.Name, local);
            _build.Add($"var {local} = new ListCollector();");
            EmitPipeline(let.Pipeline, local);
        }

        _listsOfStage.Add(local);
        return local;
    }

    /// <summary>Finds <c>in</c> tests over sub-pipeline lists: such a test waits for its list, so it cannot filter events.</summary>
    private sealed class PipelineListUser : BoundTreeWalker
    {
        private bool _found;

        public static bool Uses(BoundExpression expression)
        {
            var finder = new PipelineListUser();
            finder.Walk(expression);
            return finder._found;
        }

        protected override void OnList(BoundList list) => _found |= list is BoundPipelineList;
    }
}
