using RuleCompiler.Backends.Splunk.Spl;
using RuleCompiler.Backends.Targets;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Bound;

namespace RuleCompiler.Backends.Splunk.Emit;

/// <summary>
/// One SPL command (or a few) per stage. A computed column that only renames a field nothing reads afterwards
/// becomes <c>rename</c>, as ESCU writes it; everything else is <c>eval</c>.
/// </summary>
public sealed partial class SplEmitter : IBoundStageVisitor<bool>
{
    public bool VisitWhere(BoundWhere where)
    {
        var (terms, rest) = SplitSearchTerms(where.Predicate);
        if (terms.Count > 0)
        {
            Command("search " + string.Join(" ", terms));
        }

        WhereLocated(rest);
        return true;
    }

    public bool VisitExtend(BoundExtend extend)
    {
        if (IsEventStatsConstantKey())
        {
            return true;
        }

        if (Rex(extend) is { } rex)
        {
            rex.ForEach(Command);
            return true;
        }

        LocateAddresses(extend.Columns);
        var renames = new List<(string From, string To)>();
        var evals = new List<string>();
        var spaths = new List<string>();
        foreach (var assignment in extend.Columns)
        {
            var others = extend.Columns.Where(a => !ReferenceEquals(a, assignment)).ToList();
            if (!others.Any(o => Reads(assignment.Value, o.Column.Name))
                && Spath(assignment.Value, CommandField(assignment.Column.Name, assignment.Location), assignment.Location, elements: false) is { } spath)
            {
                spaths.Add(spath);
            }
            else if (ExpandedArray(assignment) is { } array)
            {
                spaths.Add(array);
            }
            else if (RenameSource(assignment) is { } from
                && !others.Any(o => Reads(o.Value, from) || Reads(o.Value, assignment.Column.Name))
                && !renames.Any(r => r.From == from)
                && !IsLiveAfter(from))
            {
                renames.Add((from, assignment.Column.Name));
            }
            else
            {
                evals.Add($"{EvalField(assignment.Column.Name, assignment.Location)}={Value(assignment.Value)}");
            }
        }

        EmitRenames(renames, extend.Location);
        spaths.ForEach(Command);
        EvalLocated(evals);
        return true;
    }

    public bool VisitProject(BoundProject project)
    {
        LocateAddresses(project.Columns);
        var sources = project.Columns.Select(RenameSource).ToList();
        var targets = project.Columns.Select(c => c.Column.Name).ToHashSet(StringComparer.Ordinal);
        var renames = new List<(string From, string To)>();
        var evals = new List<string>();
        for (var i = 0; i < project.Columns.Length; i++)
        {
            var assignment = project.Columns[i];
            if (assignment.IsPassThrough || IsSameField(assignment))
            {
                continue;
            }

            var from = sources[i];
            var others = project.Columns.Where(a => !ReferenceEquals(a, assignment));
            if (from is not null && !targets.Contains(from) && !others.Any(o => Reads(o.Value, from)))
            {
                renames.Add((from, assignment.Column.Name));
            }
            else if (project.Columns.Any(o => Reads(o.Value, assignment.Column.Name)))
            {
                Error(SplDiagnostics.NotSpellable, $"'{assignment.Column.Name}' is both computed and read by this project; SPL's eval would read the new value", assignment.Location);
            }
            else
            {
                evals.Add($"{EvalField(assignment.Column.Name, assignment.Location)}={Value(assignment.Value)}");
            }
        }

        EmitRenames(renames, project.Location);
        EvalLocated(evals);

        Command("table " + string.Join(", ", project.Columns.Select(c => CommandField(c.Column.Name, c.Location))));
        _rawEvent = false;
        return true;
    }

    public bool VisitProjectAway(BoundProjectAway away)
    {
        Command("fields - " + string.Join(", ", away.Removed.Select(c => CommandNames(c, away.Location))));
        return true;
    }

    public bool VisitProjectRename(BoundProjectRename rename)
    {
        var renamed = rename.Renames.Select(r => r.From.Name).ToHashSet(StringComparer.Ordinal);
        if (rename.Renames.Any(r => renamed.Contains(r.NewName)))
        {
            Error(SplDiagnostics.NotSpellable, "SPL's rename works left to right, so renames that swap names would read renamed fields", rename.Location);
            return true;
        }

        // An object's leaves move with it (rename o.* as r.*); an expanded element's extracted members do not.
        _memberFields.UnionWith(rename.Renames.Where(r => IsObjectColumn(r.From)).Select(r => r.NewName));
        var pairs = rename.Renames.Select(r => IsObjectColumn(r.From)
            ? $"{CommandNames(r.From, r.Location)} as {CommandField(r.NewName, r.Location)}.*"
            : $"{CommandNames(r.From, r.Location)} as {CommandField(r.NewName, r.Location)}");
        Command("rename " + string.Join(", ", pairs));
        return true;
    }

    public bool VisitMvExpand(BoundMvExpand expand)
    {
        var column = expand.Column.Name;
        var output = CommandField(column, expand.Location);
        var members = MembersReadAfter(column);
        if (expand.Array is BoundFieldReference { Resolved: { Column.Origin: ColumnOrigin.SourceField } resolved } reference
            && SplunkField(resolved, reference.Location) is { Index: null } field)
        {
            if (!_rawEvent)
            {
                Error(SplDiagnostics.ExpandWithoutRawEvent, $"SPL reads the JSON array '{field.Name}' from the raw event with spath, and an earlier stage (summarize, distinct, project) dropped it: expand before that stage", expand.Location);
                return true;
            }

            var path = field.Name.EndsWith("{}", StringComparison.Ordinal) ? field.Name : field.Name + "{}";
            Command($"spath path={Spelled(SplLiteral.CommandFieldName(path), expand.Location)} output={output}");
            Command($"mvexpand {output}");
            ReadMembers(expand, output, members);
            return true;
        }

        if (Spath(expand.Array, output, expand.Location, elements: true) is { } spath)
        {
            Command(spath);
            Command($"mvexpand {output}");
            ReadMembers(expand, output, members);
            return true;
        }

        if (members.Count > 0)
        {
            Error(SplDiagnostics.ObjectValue, "members of the elements of a computed array: SPL computes text and multivalues, not objects", expand.Location);
            return true;
        }

        var value = Value(expand.Array);
        if (value != EvalField(column, expand.Location))
        {
            Command($"eval {EvalField(column, expand.Location)}={value}");
        }

        Command($"mvexpand {output}");
        return true;
    }

    // The members later stages read from each expanded element (its JSON text).
    private void ReadMembers(BoundMvExpand expand, string output, List<string> members)
    {
        if (members.Count == 0)
        {
            return;
        }

        var column = expand.Column.Name;
        // Around a union the member fields keep the column's name: rows of the other pipelines have no bare keys.
        if (!InBranch && !_stages.Skip(_stageIndex + 1).Any(s => s is BoundUnion) && !members.Select(m => m.Split('.')[0]).Any(m => ClashesWithExpandedMember(expand, m)))
        {
            // ESCU's form: every key of the element becomes a field of its own name.
            Command($"spath input={output}");
            _bareMembers.Add(column);
        }
        else
        {
            foreach (var member in members)
            {
                Command($"spath input={output} path={CommandField(member, expand.Location)} output={CommandField(column + "." + member, expand.Location)}");
            }

            _memberFields.Add(column);
        }
    }

    public bool VisitSummarize(BoundSummarize summarize)
    {
        _timeAggregates.Clear();
        var keyEvals = summarize.Keys.Where(k => !k.IsPassThrough)
            .Select(k => $"{EvalField(k.Column.Name, k.Location)}={Value(k.Value)}").ToList();
        if (keyEvals.Count > 0)
        {
            Command("eval " + string.Join(", ", keyEvals));
        }

        // stats leaves out every event whose by-field is missing; the rule groups them under an empty key.
        var filled = _stageIndex > 0 && _stages[_stageIndex - 1] is BoundFillNull fill ? fill.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal) : [];
        var toFill = summarize.Keys.Where(k => !filled.Contains(k.Column.Name) && !(k.IsPassThrough && k.Value is BoundFieldReference { Resolved.IsEventTime: true })).ToList();
        if (toFill.Count > 0 && filled.Count == 0)
        {
            Command("fillnull value=\"\" " + string.Join(" ", toFill.Select(k => CommandField(k.Column.Name, k.Location))));
        }

        if (NewestEventPerKey(summarize))
        {
            return true;
        }

        var items = new List<string>();
        var afterwards = new List<string>();
        var temporaries = new List<string>();
        foreach (var aggregation in summarize.Aggregations)
        {
            switch (aggregation)
            {
                case BoundAggregateValue { Assignment: var assignment } when assignment.Value is BoundCall { Function.IsAggregate: true } call:
                    items.Add(StatsItem(call, assignment.Column.Name));
                    if (call.Canonical.Name is "min" or "max" && call.Arguments is [BoundFieldReference { Resolved.IsEventTime: true }])
                    {
                        _timeAggregates.Add(assignment.Column.Name);
                    }

                    break;
                case BoundAggregateValue { Assignment: var assignment }:
                    foreach (var call in AggregateCalls(assignment.Value))
                    {
                        var name = Temporary("aggregate");
                        _aggregateNames[call] = name;
                        temporaries.Add(name);
                        items.Add(StatsItem(call, name));
                    }

                    afterwards.Add($"{EvalField(assignment.Column.Name, assignment.Location)}={Value(assignment.Value)}");
                    break;
                case BoundArgExtreme extreme:
                    var capability = (Unsupported)_table.Functions[extreme.Max ? "arg_max" : "arg_min"];
                    Error(capability.Code, $"the function {(extreme.Max ? "arg_max" : "arg_min")}() cannot be expressed faithfully for splunk: {capability.Reason}", extreme.Location);
                    break;
            }
        }

        var by = summarize.Keys.IsEmpty ? "" : " by " + string.Join(", ", summarize.Keys.Select(k => CommandField(k.Column.Name, k.Location)));
        Command("stats " + string.Join(" ", items) + by);
        if (afterwards.Count > 0)
        {
            Command("eval " + string.Join(", ", afterwards));
            Command("fields - " + string.Join(" ", temporaries));
        }

        _rawEvent = false;
        return true;
    }

    /// <summary>
    /// <c>summarize arg_max(_time, columns) by keys</c> over the raw events: the newest event of each key, which is
    /// SPL's <c>dedup keys</c>, because a search returns its events newest first and dedup keeps the first of each
    /// combination (ties of _time are unspecified either way). Its key fields are filled above, so an event without
    /// one is kept as the rule keeps it. Other arg_max/arg_min forms have no row choice in stats (the capability table).
    /// </summary>
    private bool NewestEventPerKey(BoundSummarize summarize)
    {
        if (!_rawEvent || summarize.Keys.IsEmpty
            || summarize.Aggregations is not [BoundArgExtreme { Max: true, By.Value: BoundFieldReference { Resolved.IsEventTime: true } } newest]
            || !newest.Carried.All(c => c.IsPassThrough))
        {
            return false;
        }

        Command("dedup " + string.Join(" ", summarize.Keys.Select(k => CommandField(k.Column.Name, k.Location))));
        var output = summarize.Output.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        if (!summarize.Input.Columns.All(c => output.Contains(c.Name)))
        {
            // Only some columns are carried: the rule's row holds those, not the whole event.
            Command("table " + string.Join(", ", summarize.Output.Columns.Select(c => CommandField(c.Name, summarize.Location))));
            _rawEvent = false;
        }

        return true;
    }

    public bool VisitDistinct(BoundDistinct distinct)
    {
        var evals = distinct.Columns.Where(c => !c.IsPassThrough).Select(c => $"{EvalField(c.Column.Name, c.Location)}={Value(c.Value)}").ToList();
        if (evals.Count > 0)
        {
            Command("eval " + string.Join(", ", evals));
        }

        var names = distinct.Columns.Select(c => CommandField(c.Column.Name, c.Location)).ToList();
        // dedup drops events that lack one of the fields; the rule keeps them as one more combination.
        Command("fillnull value=\"\" " + string.Join(" ", names));
        Command("dedup " + string.Join(" ", names));
        Command("table " + string.Join(", ", names));
        _rawEvent = false;
        return true;
    }

    public bool VisitSort(BoundSort sort)
    {
        var keys = new List<string>();
        var temporaries = new List<string>();
        foreach (var key in sort.Keys)
        {
            string name;
            if (key.Value is BoundFieldReference reference && SplunkField(reference.Resolved, reference.Location) is { Index: null } field)
            {
                name = CommandField(field.Name, key.Location);
            }
            else
            {
                name = Temporary("sort");
                temporaries.Add(name);
                Command($"eval {name}={Value(key.Value)}");
            }

            keys.Add((key.Descending ? "-" : "+") + name);
        }

        Command("sort 0 " + string.Join(", ", keys));
        if (temporaries.Count > 0)
        {
            Command("fields - " + string.Join(" ", temporaries));
        }

        return true;
    }

    public bool VisitTake(BoundTake take)
    {
        Command("head " + Number(take.Count));
        return true;
    }

    public bool VisitFillNull(BoundFillNull fill)
    {
        var value = SplLiteral.EvalString(LiteralText(fill.Value));
        if (!value.StartsWith('"'))
        {
            Error(SplDiagnostics.NotSpellable, "fillnull takes its value as one quoted string, which cannot hold backticks, '$' or control characters", fill.Value.Location);
            return true;
        }

        var columns = fill.Columns.IsEmpty ? "" : " " + string.Join(" ", fill.Columns.Select(c => CommandNames(c, fill.Location)));
        Command($"fillnull value={value}{columns}");
        return true;
    }

    public bool VisitJoin(BoundJoin join)
    {
        if (TryEmitTableJoin(join))
        {
            return true;
        }

        if (EventStatsShape.Of(join, _stages, _stageIndex) is { } shape)
        {
            EmitEventStats(shape);
        }
        else
        {
            Error(SplDiagnostics.StageNotPortable, $"the stage join cannot be expressed faithfully for splunk: {SplunkCapabilities.JoinRefusal}", join.Location);
        }

        return true;
    }

    public bool VisitUnion(BoundUnion union)
    {
        EmitUnion(union);
        return true;
    }

    public bool VisitInvoke(BoundInvoke invoke)
    {
        foreach (var stage in invoke.Stages)
        {
            stage.Accept(this);
        }

        return true;
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private void EmitRenames(List<(string From, string To)> renames, SourceSpan where)
    {
        if (renames.Count > 0)
        {
            Command("rename " + string.Join(", ", renames.Select(r => $"{CommandField(r.From, where)} as {CommandField(r.To, where)}")));
        }
    }

    /// <summary>The Splunk field an assignment copies under another name, when renaming it says the same.</summary>
    private string? RenameSource(BoundAssignment assignment) =>
        CopiedField(assignment) is { } from && from != assignment.Column.Name ? from : null;

    /// <summary>
    /// An assignment of a field to the column of its own SPL name (<c>["requestParameters.roleName"] =
    /// tostring(requestParameters.roleName)</c>): in Splunk that column is the field itself, so it needs no eval.
    /// </summary>
    private bool IsSameField(BoundAssignment assignment) => CopiedField(assignment) == assignment.Column.Name;

    /// <summary>
    /// The Splunk field an assignment copies unchanged: a scalar field, or tostring of one whose text is the field's
    /// text in Splunk (strings, bools as true/false, longs in decimal as JSON writes them, leaves of the raw event's
    /// objects as extracted). Not a real (SPL's text of a number may differ), a datetime or timespan (epoch seconds
    /// and seconds in SPL, ISO text from tostring), an object (RC4007) or an array (a multivalue field in Splunk,
    /// its JSON text from tostring).
    /// </summary>
    private string? CopiedField(BoundAssignment assignment)
    {
        var value = assignment.Value is BoundCall { Canonical.Name: "tostring", Arguments: [BoundFieldReference { Type: not (ScalarType.Real or ScalarType.DateTime or ScalarType.TimeSpan) } inner] }
            ? inner
            : assignment.Value;
        if (value is not BoundFieldReference { Resolved: { Kind: ResolvedFieldKind.Column } resolved } reference
            || resolved.IsEventTime || IsObject(resolved) || resolved.Multivalued)
        {
            return null;
        }

        var field = Quietly(() => SplunkField(resolved, reference.Location));
        return field is { Index: null } f ? f.Name : null;
    }

    /// <summary>The SPL field names of a column in commands: an object's leaves as <c>name.*</c>.</summary>
    private string CommandNames(Column column, SourceSpan where)
    {
        var name = column.Origin == ColumnOrigin.SourceField && column.SourceField is { } source ? source.SplunkField ?? source.Name : column.Name;
        if (IsObjectColumn(column))
        {
            return CommandField(name, where) + (column.Multivalued ? "{}.*" : ".*");
        }

        return CommandField(name, where);
    }

    private static bool IsObjectColumn(Column column) => column.Type == ScalarType.Dynamic && column.Origin == ColumnOrigin.SourceField;

    private bool Reads(BoundExpression expression, string splunkName)
    {
        var names = new FieldCollector();
        names.Walk(expression);
        return names.Fields.Any(f => Quietly(() => NameOf(f)) is { } n && Covers(n, splunkName));
    }

    private string? NameOf(BoundFieldReference reference) =>
        reference.Resolved.Kind == ResolvedFieldKind.Column ? SplunkField(reference.Resolved, reference.Location)?.Name : null;

    /// <summary>Reading <paramref name="read"/> reads <paramref name="name"/>: the same field, or an object above it.</summary>
    private static bool Covers(string read, string name) =>
        read == name || name.StartsWith(read + ".", StringComparison.Ordinal) || name.StartsWith(read + "{", StringComparison.Ordinal);

    /// <summary>Whether a stage after the current one reads the field, or it is part of the rule's output.</summary>
    private bool IsLiveAfter(string splunkName)
    {
        var later = _stages.Skip(_stageIndex + 1).ToList();
        if (InBranch || later.Any(s => s is BoundJoin or BoundUnion))
        {
            return true;
        }

        var collector = new FieldCollector();
        foreach (var stage in later)
        {
            collector.Walk(stage);
        }

        var read = collector.Fields.Select(f => Quietly(() => NameOf(f))).OfType<string>()
            .Concat(later.OfType<BoundProjectRename>().SelectMany(r => r.Renames.Select(x => x.From.Name)))
            .Concat(later.OfType<BoundFillNull>().SelectMany(f => f.Columns.Select(c => c.Name)));
        if (!later.Any(s => s is BoundProject or BoundSummarize or BoundDistinct))
        {
            read = read.Concat(_rule.Query.Body.Output.Columns.Select(c =>
                c.Origin == ColumnOrigin.SourceField && c.SourceField is { } source ? source.SplunkField ?? source.Name : c.Name));
        }

        return read.Any(r => Covers(r, splunkName));
    }

    /// <summary>The member paths below an expanded column that later stages read (<c>findings.name</c> gives <c>name</c>).</summary>
    private List<string> MembersReadAfter(string column)
    {
        var collector = new FieldCollector();
        foreach (var stage in _stages.Skip(_stageIndex + 1).Concat(_afterBranch ?? []))
        {
            collector.Walk(stage);
        }

        return [.. collector.Fields
            .Where(f => f.Resolved.Column?.Name == column && f.Resolved.Kind == ResolvedFieldKind.Column && !f.Resolved.Remainder.IsEmpty
                && f.Resolved.Remainder.All(s => s is MemberStep))
            .Select(f => string.Join(".", f.Resolved.Remainder.Cast<MemberStep>().Select(m => m.Name)))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Whether a bare <c>spath input=</c> would put a member's key over a field the rule still needs: a column of
    /// the rows being expanded, or one computed before the last stage that reads the member.
    /// </summary>
    private bool ClashesWithExpandedMember(BoundMvExpand expand, string member)
    {
        var existing = expand.Input.Columns.Select(c =>
            c.Origin == ColumnOrigin.SourceField && c.SourceField is { } s ? (s.SplunkField ?? s.Name).Split('.')[0] : c.Name);
        if (existing.Contains(member, StringComparer.Ordinal))
        {
            return true;
        }

        var last = _stageIndex;
        for (var i = _stageIndex + 1; i < _stages.Count; i++)
        {
            var collector = new FieldCollector();
            collector.Walk(_stages[i]);
            if (collector.Fields.Any(f => f.Resolved.Column?.Name == expand.Column.Name && !f.Resolved.Remainder.IsEmpty))
            {
                last = i;
            }
        }

        return _stages.Skip(_stageIndex + 1).Take(last - _stageIndex)
            .Any(s => s.Output.Columns.Any(c => c.Name == member) && !s.Input.Columns.Any(c => c.Name == member));
    }

    /// <summary>The aggregate calls inside an aggregation's expression.</summary>
    private static List<BoundCall> AggregateCalls(BoundExpression expression)
    {
        var collector = new AggregateCollector();
        collector.Walk(expression);
        return collector.Calls;
    }

    /// <summary>One stats function: a field argument by name, a computed one as eval().</summary>
    private string StatsItem(BoundCall call, string name)
    {
        var a = call.Arguments;
        string Argument(int i) => a[i] switch
        {
            BoundFieldReference reference when Quietly(() => SplunkField(reference.Resolved, reference.Location)) is { Index: null } field =>
                CommandField(field.Name, reference.Location),
            // values(a{}.b) collects every value of the multivalue field: the member list's flattening (semantics §5.2).
            BoundEachPath each => CommandField(EachFieldName(each), each.Location),
            _ => $"eval({Value(a[i])})",
        };
        var named = " as " + CommandField(name, call.Location);
        switch (call.Canonical.Name)
        {
            case "count":
                return name == "count" ? "count" : "count" + named;
            case "countif":
                return $"count(eval(if({Condition(a[0])}, 1, null())))" + named;
            case "sumif":
                return $"sum(eval(if({Condition(a[1])}, {Value(a[0])}, null())))" + named;
            case "make_set" or "make_list" when a.Length == 2:
                Error(SplDiagnostics.FunctionNotPortable, $"SPL's {(call.Canonical.Name == "make_set" ? "values" : "list")}() has no size limit argument", a[1].Location);
                return "count" + named;
            default:
                var function = CapabilityTable.Spelling(_table.Function(call.Signature));
                return $"{function}({Argument(0)})" + named;
        }
    }

    private sealed class FieldCollector : BoundTreeWalker
    {
        public List<BoundFieldReference> Fields { get; } = [];

        protected override void OnExpression(BoundExpression expression)
        {
            if (expression is BoundFieldReference field)
            {
                Fields.Add(field);
            }
        }
    }

    private sealed class AggregateCollector : BoundTreeWalker
    {
        public List<BoundCall> Calls { get; } = [];

        protected override void OnExpression(BoundExpression expression)
        {
            if (expression is BoundCall { Function.IsAggregate: true } call)
            {
                Calls.Add(call);
            }
        }
    }
}
