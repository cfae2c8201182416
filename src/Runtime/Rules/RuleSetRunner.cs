using System.Text.Json;
using RuleCompiler.Runtime.Rows;

namespace RuleCompiler.Runtime.Rules;

/// <summary>
/// Runs many rules over one stream of events: each event is read once and offered to the rules the
/// <see cref="RuleSetIndex"/> says it may concern, in rule order (so alerts come out exactly as if every rule saw
/// every event). A rule that throws on an event (a bug in generated code or the runtime) is reported for that
/// event and keeps running.
/// </summary>
public sealed class RuleSetRunner
{
    public const string RuleFailedCode = "RC3010";

    private readonly (CompiledRule Rule, RulePlan Plan)[] _plans;
    private readonly RuleSetIndex _index;
    private readonly List<int> _scratch = [];
    private readonly EventFields _fields = new();
    private readonly Action<RuleFailure> _onFailure;

    /// <summary>Every event is offered to every rule (no filter keys).</summary>
    public RuleSetRunner(IEnumerable<CompiledRule> rules, Func<CompiledRule, Operators.IRowSink> outputFor, Action<RuleFailure> onFailure)
        : this(rules.Select(IndexedRule.Unindexed).ToList(), outputFor, onFailure)
    {
    }

    /// <param name="rules">The rules, in the order their output is wanted.</param>
    /// <param name="outputFor">Where each rule's output rows go.</param>
    /// <param name="onFailure">A rule failed on an event or at the end.</param>
    /// <param name="outputKeepsRows">
    /// False when every output consumes each row before the next event (rulec run writes alerts at once), so
    /// streaming rules need not copy events out of the reader's buffer.
    /// </param>
    /// <param name="tables">Rows supplied for the maintained lookup tables the rules read (none: they are empty).</param>
    public RuleSetRunner(IReadOnlyList<IndexedRule> rules, Func<CompiledRule, Operators.IRowSink> outputFor, Action<RuleFailure> onFailure, bool outputKeepsRows = true, TableRows? tables = null)
    {
        _plans = rules.Select(r => (r.Rule, r.Rule.Start(outputFor(r.Rule), detachEvents: outputKeepsRows || !r.Streaming, tables))).ToArray();
        _index = new RuleSetIndex(rules);
        _onFailure = onFailure;
    }

    public long EventCount { get; private set; }

    public void Process(JsonElement evt, string file, long line)
    {
        EventCount++;
        var row = Row.FromEvent(evt, _fields);
        foreach (var i in _index.Candidates(row, _scratch))
        {
            Push(i, row, file, line);
        }
    }

    /// <summary>Offers the event to rule <paramref name="rule"/> (an index into the rules); for callers that chose the rules.</summary>
    internal void Push(int rule, Row row, string file, long line)
    {
        var (compiled, plan) = _plans[rule];
        try
        {
            plan.Push(row);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _onFailure(new RuleFailure(compiled.Info, file, line, e.Message));
        }
    }

    public void Complete()
    {
        foreach (var (rule, plan) in _plans)
        {
            try
            {
                plan.Complete();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _onFailure(new RuleFailure(rule.Info, rule.Info.SourcePath, 1, "failed at the end of input: " + e.Message));
            }
        }
    }
}

/// <summary>A rule that failed on an event.</summary>
public sealed record RuleFailure(RuleInfo Rule, string File, long Line, string Message)
{
    public override string ToString() =>
        $"{File}({Line},1): error {RuleSetRunner.RuleFailedCode}: rule '{Rule.Name}' failed on this event: {Message}";
}
