using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using RuleCompiler.Backends.Splunk.Spl;
using RuleCompiler.Backends.Targets;
using RuleCompiler.Compiler.Compilation;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Backends.Splunk.Emit;

/// <summary>The SPL of one rule (one command per line, ending in the rule's <c>_filter</c> macro) and what stood in the way.</summary>
public sealed record SplResult(string Spl, ImmutableArray<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}

/// <summary>
/// Emits the SPL a Splunk detection engineer would write for a rule, from its bound tree: the data source's macro
/// and the first where stage as search terms, then one command per stage (docs/splunk-backend.md, "How each
/// construct becomes SPL"), ESCU's <c>security_content_ctime</c> calls after time aggregates and the rule's
/// <c>_filter</c> macro at the end. Every value and field name is spelled by <see cref="SplLiteral"/>. Where SPL
/// cannot say what the rule means, it reports a diagnostic instead of SPL that means something else; constructs the
/// capability table refuses are reported by the capability pass and only stubbed here. Parts: search terms
/// (SplEmitter.Search.cs), eval expressions (SplEmitter.Eval.cs), functions (SplEmitter.Functions.cs), stages
/// (SplEmitter.Stages.cs).
/// </summary>
public sealed partial class SplEmitter
{
    private readonly CompiledRule _rule;
    private readonly CapabilityTable _table = SplunkCapabilities.Table;
    private readonly List<string> _commands = [];
    private readonly List<Diagnostic> _diagnostics = [];

    /// <summary>mv-expanded object columns whose members were extracted by a bare <c>spath input=</c> (so <c>findings.name</c> is <c>name</c>).</summary>
    private readonly HashSet<string> _bareMembers = new(StringComparer.Ordinal);

    /// <summary>
    /// Computed columns whose members are Splunk fields of their own (<c>r.ARN</c>): an expanded element's members
    /// extracted by <c>spath ... output=r.ARN</c>, an object renamed with its leaves (<c>rename o.* as r.*</c>). SPL
    /// computes no objects, so a member of any other computed column has no field.
    /// </summary>
    private readonly HashSet<string> _memberFields = new(StringComparer.Ordinal);

    /// <summary>Output columns of the last summarize that hold min/max of <c>_time</c> (ESCU formats them with security_content_ctime).</summary>
    private readonly List<string> _timeAggregates = [];

    private readonly Dictionary<BoundCall, string> _aggregateNames = new(ReferenceEqualityComparer.Instance);
    private readonly List<string> _cleanup = [];
    private List<BoundStage> _stages = [];
    private int _stageIndex;
    private bool _rawEvent = true;
    private int _temporaries;

    /// <summary>
    /// The main pipeline's stages after the union this emitter writes a branch of (null for the main pipeline): the
    /// branch's rows flow on into them, so they count as later readers of the branch's fields.
    /// </summary>
    private readonly IReadOnlyList<BoundStage>? _afterBranch;

    private bool InBranch => _afterBranch is not null;

    private SplEmitter(CompiledRule rule, IReadOnlyList<BoundStage>? afterBranch = null)
    {
        _rule = rule;
        _afterBranch = afterBranch;
    }

    public static SplResult Emit(CompiledRule rule)
    {
        var emitter = new SplEmitter(rule);
        var spl = emitter.Run();
        return new SplResult(spl, [.. emitter._diagnostics.Distinct()]);
    }

    /// <summary>The rule's snake_case name (its file name), which names its <c>_filter</c> macro as ESCU does.</summary>
    public static string FilterMacro(Rule rule) => Path.GetFileNameWithoutExtension(rule.Path) + "_filter";

    private DataSource Source => _rule.DataSource;

    private string Run()
    {
        var body = _rule.Query.Body;
        if (body.Source is not (BoundDataSourceInput or BoundLetPipelineInput))
        {
            return "";
        }

        var first = EmitPipeline(body);
        var outputNames = body.Output.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var column in _timeAggregates.Where(outputNames.Contains))
        {
            _commands.Add($"`security_content_ctime({CommandField(column, body.Location)})`");
        }

        _commands.Add($"`{FilterMacro(_rule.Rule)}`");
        return first + string.Concat(_commands.Select(c => "\n| " + c));
    }

    /// <summary>
    /// Emits a pipeline's stages into <see cref="_commands"/> and returns its search: the data source's macro and
    /// the first where stage as search terms.
    /// </summary>
    private string EmitPipeline(BoundPipeline body)
    {
        _stages = PipelineStages.Flatten(body);
        if (PipelineStages.Root(body) is BoundTableInput table)
        {
            // SPL reads a table as a join's subsearch only (TryEmitTableJoin); append [| inputlookup] would also
            // cap it, and a list over one is not a lookup of its values.
            Error(SplDiagnostics.TableNotJoined, $"table({table.Table.Name}) is read here other than as the right side of a join, which is the one place the Splunk backend reads a table (| join ... [| inputlookup {table.Table.Name} ...])", table.Location);
            _stages = [];
            return "";
        }
        if (Source.Splunk.IsDataModel)
        {
            return EmitTstats();
        }

        var first = Source.Splunk.BaseSearch;
        var start = 0;
        if (_stages.Count > 0 && _stages[0] is BoundWhere where)
        {
            var (terms, rest) = SplitSearchTerms(where.Predicate);
            if (terms.Count > 0)
            {
                first += " " + string.Join(" ", terms);
            }

            _stageIndex = 0;
            WhereLocated(rest);
            start = 1;
        }

        for (_stageIndex = start; _stageIndex < _stages.Count; _stageIndex++)
        {
            _stages[_stageIndex].Accept(this);
        }

        return first;
    }

    /// <summary>Adds a command, then drops the temporaries its expressions needed (list lookups).</summary>
    private void Command(string text)
    {
        _commands.Add(text);
        if (_cleanup.Count > 0)
        {
            _commands.Add("fields - " + string.Join(" ", _cleanup));
            _cleanup.Clear();
        }
    }

    private void Error(string code, string message, SourceSpan where) => _diagnostics.Add(Diagnostic.Error(code, message, where));

    private void Warning(string code, string message, SourceSpan where) => _diagnostics.Add(Diagnostic.Warning(code, message, where));

    /// <summary>A field name no rule can write (rulec's own temporaries start with <c>rc_</c> and a counter).</summary>
    private string Temporary(string stem) => $"rc_{stem}_{++_temporaries}";

    private string Spelled(EscapedText text, SourceSpan where)
    {
        if (text.Text is { } spelled)
        {
            return spelled;
        }

        Error(SplDiagnostics.NotSpellable, text.Reason!, where);
        return "rc_not_spellable";
    }

    private string EvalField(string name, SourceSpan where) => Spelled(SplLiteral.EvalFieldName(name), where);

    private string CommandField(string name, SourceSpan where) => Spelled(SplLiteral.CommandFieldName(name), where);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Datetimes are epoch seconds in SPL (as <c>_time</c>), timespans are seconds.</summary>
    private static string Seconds(TimeSpan span) => Number(span.Ticks / (double)TimeSpan.TicksPerSecond);

    private static string EpochSeconds(DateTime time) => Number((time.ToUniversalTime() - DateTime.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond);

    // ---- field names --------------------------------------------------------------------------------

    /// <summary>
    /// The Splunk field a reference reads, and the array index to take from it (<c>resources[0].ARN</c> is
    /// <c>mvindex('resources{}.ARN', 0)</c>): source fields through the data source's Splunk mapping, arrays as
    /// <c>{}</c>, members of a bare-spath'ed expanded element by their own key. Null when no Splunk field holds the
    /// value (reported).
    /// </summary>
    private (string Name, int? Index, bool Multivalued)? SplunkField(ResolvedField field, SourceSpan where)
    {
        if (field.Column is not { } column)
        {
            return null;
        }

        if (field.IsEventTime)
        {
            return field.Remainder.IsEmpty ? ("_time", null, false) : null;
        }

        string name;
        var steps = field.Remainder;
        var multivalued = column.Multivalued;
        if (column.Origin == ColumnOrigin.SourceField && column.SourceField is { } source)
        {
            name = source.SplunkField ?? source.Name;
        }
        else if (_bareMembers.Contains(column.Name) && !steps.IsEmpty && steps[0] is MemberStep first)
        {
            name = first.Name;
            steps = steps.RemoveAt(0);
        }
        else if (column.Origin == ColumnOrigin.Computed && !steps.IsEmpty && steps[0] is MemberStep member && !_memberFields.Contains(column.Name))
        {
            Error(SplDiagnostics.ObjectValue, $"'{column.Name}' is computed, and SPL computes no objects: no field holds its member '{member.Name}' (expand an array with mv-expand, or read the member from the event's own field)", where);
            return null;
        }
        else
        {
            name = column.Name;
        }

        if (multivalued && !steps.IsEmpty && column.Type == ScalarType.Dynamic)
        {
            name += "{}";
            if (steps[0] is IndexStep leading)
            {
                steps = steps.RemoveAt(0);
                return FieldPath(name, steps, leading.Index, where, multivalued: false);
            }
        }

        return FieldPath(name, steps, null, where, multivalued);
    }

    /// <summary>
    /// The Splunk field of a <c>[*]</c> path: Splunk's JSON extraction names the scalar leaves below an array
    /// <c>a{}.b</c>, one <c>{}</c> per array level, a multivalue field of the leaves in element order; exactly the
    /// path's member list. The binder admits only members and <c>[*]</c> below a source field.
    /// </summary>
    private static string EachFieldName(BoundEachPath each)
    {
        var source = each.Source.Resolved;
        var name = new StringBuilder(source.SourceField?.SplunkField ?? source.ColumnName);
        foreach (var member in source.Remainder.Cast<MemberStep>()) name.Append('.').Append(member.Name);
        name.Append("{}");
        foreach (var step in each.Steps)
        {
            if (step is MemberStep member) name.Append('.').Append(member.Name);
            else name.Append("{}");
        }

        return name.ToString();
    }

    private (string Name, int? Index, bool Multivalued)? FieldPath(string name, ImmutableArray<PathStep> steps, int? index, SourceSpan where, bool multivalued)
    {
        foreach (var step in steps)
        {
            switch (step)
            {
                case MemberStep member:
                    name += "." + member.Name;
                    break;
                case IndexStep inner when index is null:
                    name += "{}";
                    index = inner.Index;
                    multivalued = true;
                    break;
                default:
                    Error(SplDiagnostics.ObjectValue, "SPL flattens nested arrays into one multivalue field, so a second index has no SPL form", where);
                    return null;
            }
        }

        if (index is not null && steps.Any(s => s is MemberStep))
        {
            Warning(SplDiagnostics.IndexedObjectArray, $"'{name}' is a multivalue field of the elements that have the member: an index counts only those elements", where);
        }

        return (name, index, index is null && multivalued);
    }
}
