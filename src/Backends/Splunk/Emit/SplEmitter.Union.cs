using RuleCompiler.Compiler.Language.Bound;

namespace RuleCompiler.Backends.Splunk.Emit;

/// <summary>
/// union as <c>append [search ...]</c>, one per branch, in order: the rows of the input, then each branch's rows, as
/// the rule says. Each branch is emitted by an emitter of its own (its own search terms and field state), which
/// treats the main pipeline's later stages as readers of its fields. The subsearch's caps (50,000 rows, 60 seconds)
/// are the difference the capability table reports as a warning.
/// </summary>
public sealed partial class SplEmitter
{
    private void EmitUnion(BoundUnion union)
    {
        var after = _stages.Skip(_stageIndex + 1).Concat(_afterBranch ?? []).ToList();
        foreach (var pipeline in union.Pipelines)
        {
            var branch = new SplEmitter(_rule, after);
            var search = branch.EmitPipeline(pipeline);
            _diagnostics.AddRange(branch._diagnostics);
            Command("append [search " + search + string.Concat(branch._commands.Select(c => " | " + c)) + "]");
            // spath reads the raw event only while every row still is one.
            _rawEvent &= branch._rawEvent;
            _memberFields.UnionWith(branch._memberFields);
        }
    }
}
