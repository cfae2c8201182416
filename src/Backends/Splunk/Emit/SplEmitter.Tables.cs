using RuleCompiler.Compiler.Language.Bound;

namespace RuleCompiler.Backends.Splunk.Emit;

/// <summary>
/// Lookup tables in SPL: <c>| inputlookup T</c> reads the lookup definition named after the table (the app's
/// transforms.conf: a KV store collection or a CSV file), and a join on one is SPL's <c>join</c> with that subsearch
/// (<see cref="TableJoinShape"/>). Table columns typed datetime hold epoch seconds in Splunk, as <c>_time</c> does.
/// </summary>
public sealed partial class SplEmitter
{
    /// <summary>Emits a join on a table; false when the right side reads no table (the caller goes on).</summary>
    private bool TryEmitTableJoin(BoundJoin join)
    {
        var (shape, refusal) = TableJoinShape.Of(join, _stages, _stageIndex);
        if (shape is null && refusal is null)
        {
            return false;
        }

        if (shape is null)
        {
            Error(SplDiagnostics.TableJoinShape, $"the join with table({((BoundTableInput)Targets.PipelineStages.Root(join.Right)).Table.Name}) cannot be expressed faithfully for splunk: {refusal}", join.Location);
            return true;
        }

        var after = _stages.Skip(_stageIndex + 1 + (shape.DropsKeyCopies ? 1 : 0)).Concat(_afterBranch ?? []).ToList();
        var branch = new SplEmitter(_rule, after);
        var search = branch.EmitTableStages(shape.Table, [.. shape.RightStages]);
        _diagnostics.AddRange(branch._diagnostics);
        var keys = string.Join(" ", shape.Keys.Select(k => CommandField(k, join.Location)));
        Command($"join type={shape.Type}{(shape.AllMatches ? " max=0" : "")} {keys} [{search}]");
        Warning(SplDiagnostics.TableSubsearchLimits,
            $"the join reads table({shape.Table.Table.Name}) as a subsearch: Splunk's join keeps at most 50,000 of its rows and stops it after 60 seconds (limits.conf [join] subsearch_maxout and subsearch_maxtime defaults), so a larger table loses rows without notice", join.Location);
        if (shape.DropsKeyCopies)
        {
            _stageIndex++;
        }

        return true;
    }

    /// <summary>A pipeline that reads a table: <c>| inputlookup T</c>, then its stages as commands (no search terms).</summary>
    private string EmitTableStages(BoundTableInput table, List<BoundStage> stages)
    {
        _stages = stages;
        _rawEvent = false;
        for (_stageIndex = 0; _stageIndex < _stages.Count; _stageIndex++)
        {
            _stages[_stageIndex].Accept(this);
        }

        return "| inputlookup " + CommandField(table.Table.Name, table.Location) + string.Concat(_commands.Select(c => " | " + c));
    }
}
