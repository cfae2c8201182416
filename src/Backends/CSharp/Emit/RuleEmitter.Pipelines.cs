using RuleCompiler.Compiler.Language.Binding;
using System.Collections.Immutable;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Backends.CSharp.Emit;

internal sealed partial class RuleEmitter
{
    /// <summary>
    /// Emits one pipeline that reads the data source (the main one, a join's right side, a union branch): its
    /// leading where stages become a static Matches predicate, the rest runtime stages wired into <paramref name="sink"/>.
    /// </summary>
    private void EmitPipeline(Pipeline pipeline, string sink, ImmutableHashSet<string> lets)
    {
        var stages = Resolve(pipeline, lets);
        // A where that reads a sub-pipeline list must wait for that list, so it cannot be part of the event filter.
        var leading = stages.TakeWhile(s => s is WhereStage w && !UsesPipelineList(w.Predicate)).Cast<WhereStage>().ToList();
        var filter = EmitFilter(leading);
        var v = NewVar("pipeline");
        _build.Add($"IRowSink {v} = {sink};");
        foreach (var stage in stages.Skip(leading.Count).Reverse())
        {
            EmitStage(stage, v, lets);
        }

        _build.Add($"plan.Source({filter}, {v});");
    }

    private string EmitFilter(List<WhereStage> wheres)
    {
        var name = NewName("Matches");
        var body = wheres.Count == 0 ? "true" : string.Join("\n        && ", wheres.Select(w => Expr(w.Predicate).AsBool));
        var comment = wheres.Count == 0
            ? "Every event enters this pipeline (it does not start with where)."
            : "The leading where stages, evaluated on each event before anything is allocated for it.";
        _filters.Add((name, comment, body));
        return name;
    }

    /// <summary>The stages of a pipeline with let-bound sources and fragments spliced in.</summary>
    private List<Stage> Resolve(Pipeline pipeline, ImmutableHashSet<string> lets)
    {
        var stages = new List<Stage>();
        if (pipeline.Source is LetPipelineInput input)
        {
            if (lets.Contains(input.Name))
            {
                Report(CSharpDiagnostics.UnknownName, $"the let pipeline '{input.Name}' refers to itself", input);
            }
            else if (_letPipelines.TryGetValue(input.Name, out var let))
            {
                stages.AddRange(Resolve(let.Value, lets.Add(input.Name)));
            }
            else
            {
                Report(CSharpDiagnostics.UnknownName, $"'{input.Name}' is not a let-bound pipeline", input);
            }
        }

        Splice(pipeline.Stages, stages, ImmutableHashSet<string>.Empty);
        return stages;
    }

    private void Splice(IEnumerable<Stage> source, List<Stage> into, ImmutableHashSet<string> fragments)
    {
        foreach (var stage in source)
        {
            if (stage is not InvokeStage invoke)
            {
                into.Add(stage);
            }
            else if (fragments.Contains(invoke.FragmentName))
            {
                Report(CSharpDiagnostics.FragmentProblem, $"the fragment '{invoke.FragmentName}' invokes itself", invoke);
            }
            else if (_context.Fragments.TryGetValue(invoke.FragmentName, out var body))
            {
                Splice(body, into, fragments.Add(invoke.FragmentName));
            }
            else
            {
                Report(CSharpDiagnostics.FragmentProblem, $"unknown fragment '{invoke.FragmentName}' (no rules/fragments/{invoke.FragmentName}.yml)", invoke);
            }
        }
    }

    private void EmitStage(Stage stage, string v, ImmutableHashSet<string> lets)
    {
        // Stages nest (a list's own pipeline is emitted while its user is), so the outer stage's lists are kept aside.
        var outer = _listsOfStage.ToList();
        _listsOfStage.Clear();
        EmitStageItself(stage, v, lets);
        var used = _listsOfStage.Order(StringComparer.Ordinal).ToList();
        _listsOfStage.Clear();
        _listsOfStage.UnionWith(outer);
        if (used.Count > 0)
        {
            // Upstream of the stage: its rows wait until the sub-pipeline lists it tests against are complete.
            _build.Add($"{v} = new AfterLists([{string.Join(", ", used)}], {v});");
        }
    }

    private void EmitStageItself(Stage stage, string v, ImmutableHashSet<string> lets)
    {
        switch (stage)
        {
            case WhereStage where:
                _build.Add($"{v} = new Where(row => {Expr(where.Predicate).AsBool}, {v});");
                break;
            case ExtendStage extend:
                EmitExtend(extend, v);
                break;
            case ProjectStage project:
                var columns = project.Columns.Select((c, i) =>
                    $"RowMaps.Column({CSharpLiteral.String(OutputName(c, i + 1))}, {Expr(c.Value).AsArgument})");
                _build.Add($"{v} = new Map(row => RowMaps.Project({List(columns)}), {v});");
                break;
            case ProjectAwayStage away:
                var names = away.Columns.Select(c => CSharpLiteral.String(HeadOnly(c))).ToList();
                _build.Add($"{v} = new Map(row => row.Without([{string.Join(", ", names)}]), {v});");
                break;
            case ProjectRenameStage rename:
                var newNames = rename.Renames.Select(r => CSharpLiteral.String(r.NewName));
                var oldNames = rename.Renames.Select(r => CSharpLiteral.String(HeadOnly(r.Old)));
                _build.Add($"{v} = new Map(row => RowMaps.Rename(row, [{string.Join(", ", newNames)}], [{string.Join(", ", oldNames)}]), {v});");
                break;
            case MvExpandStage expand:
                var expandedName = expand.Name ?? DefaultColumnNames.OfExpanded(expand.Array) ?? "Column1";
                _build.Add($"{v} = new MvExpand({CSharpLiteral.String(expandedName)}, row => {Expr(expand.Array).AsValue}, {v});");
                break;
            case SummarizeStage summarize:
                var keys = summarize.By.Select((k, i) => Key(k, i + 1));
                var aggregates = summarize.Aggregates.Select((a, i) => Aggregate(a, i + 1));
                _build.Add($"{v} = new Summarize(");
                _build.Add("    [");
                _build.AddRange(keys.Select(k => $"        {k},"));
                _build.Add("    ],");
                _build.Add("    [");
                _build.AddRange(aggregates.Select(a => $"        {a},"));
                _build.Add("    ],");
                _build.Add($"    {v});");
                break;
            case DistinctStage distinct:
                _build.Add($"{v} = new Distinct([{List(distinct.Columns.Select((c, i) => Key(c, i + 1)))}], {v});");
                break;
            case SortStage sort:
                var sortKeys = sort.Keys.Select(k => $"new SortKey(row => {Expr(k.Value).AsValue}, Descending: {CSharpLiteral.Bool(k.Descending)})");
                _build.Add($"{v} = new Sort([{string.Join(", ", sortKeys)}], {v});");
                break;
            case TakeStage take:
                _build.Add($"{v} = new Take({CSharpLiteral.Long(take.Count)}, {v});");
                break;
            case FillNullStage fill:
                var fillColumns = string.Concat(fill.Columns.Select(c => ", " + CSharpLiteral.String(HeadOnly(c))));
                _build.Add($"{v} = new Map(row => RowMaps.FillNull(row, {Literal(fill.Value).AsArgument}{fillColumns}), {v});");
                break;
            case JoinStage join:
                EmitJoin(join, v, lets);
                break;
            case UnionStage union:
                var u = NewVar("union");
                _build.Add($"var {u} = new Union({union.Pipelines.Length}, {v});");
                _build.Add($"{v} = {u};");
                for (var i = 0; i < union.Pipelines.Length; i++)
                {
                    EmitPipeline(union.Pipelines[i], $"{u}.Branches[{i}]", lets);
                }

                break;
            default:
                Report(CSharpDiagnostics.Unsupported, $"the C# backend has no translation for the stage {stage.GetType().Name}", stage);
                break;
        }
    }

    private void EmitExtend(ExtendStage extend, string v)
    {
        // Each column may use the ones before it in the same extend, so they are set one after another.
        var columns = extend.Columns.Select((c, i) => (Name: CSharpLiteral.String(OutputName(c, i + 1)), Value: Expr(c.Value).AsArgument)).ToList();
        _build.Add(columns.Count == 1
            ? $"{v} = new Map(row => row.With({columns[0].Name}, {columns[0].Value}), {v});"
            : $"{v} = new Map(row =>{Continuation}{{{Continuation}    {string.Join(Continuation + "    ", columns.Select(c => $"row = row.With({c.Name}, {c.Value});"))}{Continuation}    return row;{Continuation}}}, {v});");
    }

    private void EmitJoin(JoinStage join, string v, ImmutableHashSet<string> lets)
    {
        var leftKeys = new List<string>();
        var rightKeys = new List<string>();
        foreach (var condition in join.On)
        {
            switch (condition)
            {
                case FieldExpression key:
                    leftKeys.Add($"row => {Expr(key).AsValue}");
                    rightKeys.Add($"row => {Expr(key).AsValue}");
                    break;
                case BinaryExpression { Operator: BinaryOperator.Equal, Left: JoinSideExpression l, Right: JoinSideExpression r } when l.Side != r.Side:
                    var (leftSide, rightSide) = l.Side == JoinSide.Left ? (l, r) : (r, l);
                    leftKeys.Add($"row => {Expr(leftSide.Field).AsValue}");
                    rightKeys.Add($"row => {Expr(rightSide.Field).AsValue}");
                    break;
                default:
                    Report(CSharpDiagnostics.InvalidJoinCondition, "a join condition is a column name or $left.a == $right.b", condition);
                    break;
            }
        }

        var j = NewVar("join");
        _build.Add($"var {j} = new Join(JoinKind.{join.Kind}, [{string.Join(", ", leftKeys)}], [{string.Join(", ", rightKeys)}], {v});");
        _build.Add($"{v} = {j};");
        EmitPipeline(join.Right, $"{j}.Right", lets);
    }

    /// <summary>A new line inside a statement of Build (whose body is indented by 8).</summary>
    private const string Continuation = "\n        ";

    /// <summary>Items of a call: on one line when there are few, else one per line.</summary>
    private static string List(IEnumerable<string> items)
    {
        var all = items.ToList();
        return all.Count <= 2 ? string.Join(", ", all) : Continuation + "    " + string.Join("," + Continuation + "    ", all);
    }

    private string Key(Assignment assignment, int position) =>
        $"RowMaps.Key({CSharpLiteral.String(OutputName(assignment, position))}, row => {Expr(assignment.Value).AsValue})";

    private static string OutputName(Assignment assignment, int position) =>
        assignment.Name ?? DefaultColumnNames.Of(assignment.Value) ?? "Column" + position;

    private string HeadOnly(FieldExpression field)
    {
        if (field.Path is [MemberSegment single])
        {
            return single.Name;
        }

        Report(CSharpDiagnostics.Unsupported, "only a top-level column can be named here, not a path", field);
        return DefaultColumnNames.Of(field) ?? "_";
    }
}

internal sealed partial class RuleEmitter
{
    /// <summary>Locals of Build holding sub-pipeline lists, by let name; and those the stage being emitted uses.</summary>
    private readonly Dictionary<string, string> _pipelineLists = new(StringComparer.Ordinal);
    private readonly HashSet<string> _listsOfStage = new(StringComparer.Ordinal);

    /// <summary>The ListCollector local for <c>in name</c> over a let sub-pipeline, wiring the sub-pipeline on first use.</summary>
    private string PipelineList(LetListReference reference)
    {
        if (!_pipelineLists.TryGetValue(reference.Name, out var local))
        {
            local = NewVar("list");
            _pipelineLists.Add(reference.Name, local);
            _build.Add($"var {local} = new ListCollector();");
            EmitPipeline(_letPipelines[reference.Name].Value, local, ImmutableHashSet.Create(StringComparer.Ordinal, reference.Name));
        }

        _listsOfStage.Add(local);
        return local;
    }

    private bool UsesPipelineList(Expression expression) => expression switch
    {
        InExpression { List: LetListReference reference } @in => _letPipelines.ContainsKey(reference.Name) || UsesPipelineList(@in.Value),
        InExpression @in => UsesPipelineList(@in.Value),
        BinaryExpression binary => UsesPipelineList(binary.Left) || UsesPipelineList(binary.Right),
        UnaryExpression unary => UsesPipelineList(unary.Operand),
        BetweenExpression between => UsesPipelineList(between.Value) || UsesPipelineList(between.Low) || UsesPipelineList(between.High),
        FunctionCallExpression call => call.Arguments.Any(UsesPipelineList),
        ArrayExpression array => array.Items.Any(UsesPipelineList),
        PathAccessExpression access => UsesPipelineList(access.Target),
        _ => false,
    };
}
