using System.Text.Json;
using RuleCompiler.Runtime.Rows;

namespace RuleCompiler.Runtime.Rules;

/// <summary>
/// Runs many rules over one stream of events: each event is read once and offered to every rule. A rule that
/// throws on an event (a bug in generated code or the runtime) is reported for that event and keeps running.
/// </summary>
public sealed class RuleSetRunner
{
    public const string RuleFailedCode = "RC3010";

    private readonly (CompiledRule Rule, RulePlan Plan)[] _plans;
    private readonly Action<RuleFailure> _onFailure;

    public RuleSetRunner(IEnumerable<CompiledRule> rules, Func<CompiledRule, Operators.IRowSink> outputFor, Action<RuleFailure> onFailure)
    {
        _plans = rules.Select(r => (r, r.Start(outputFor(r)))).ToArray();
        _onFailure = onFailure;
    }

    public long EventCount { get; private set; }

    public void Process(JsonElement evt, string file, long line)
    {
        EventCount++;
        var row = Row.FromEvent(evt);
        foreach (var (rule, plan) in _plans)
        {
            try
            {
                plan.Push(row);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _onFailure(new RuleFailure(rule.Info, file, line, e.Message));
            }
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
