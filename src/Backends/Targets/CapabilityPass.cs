using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Backends.Targets;

/// <summary>
/// Walks a bound query and reports, at each construct, what the target cannot say faithfully (errors) or says with a
/// documented difference (warnings), before anything is emitted. Targets add checks the table cannot express
/// (a stage used in a way the target cannot follow) through <see cref="ITarget.CheckQuery"/>.
/// </summary>
public sealed class CapabilityPass : BoundTreeWalker
{
    private readonly CapabilityTable _table;
    private readonly List<Diagnostic> _diagnostics = [];

    private CapabilityPass(CapabilityTable table) => _table = table;

    public static IReadOnlyList<Diagnostic> Check(CapabilityTable table, BoundQuery query)
    {
        var pass = new CapabilityPass(table);
        pass.Walk(query);
        return pass._diagnostics;
    }

    protected override void OnStage(BoundStage stage)
    {
        var kind = StageKinds.Of(stage);
        Report(_table.Stage(kind), $"the stage {kind.Keyword()}", stage.Location);
    }

    protected override void OnExpression(BoundExpression expression)
    {
        switch (expression)
        {
            case BoundBinary binary:
                Report(_table.Operator(binary.Operator), $"the operator {OperatorSpellings.Binary[binary.Operator]}", binary.Location);
                break;
            case BoundUnary unary:
                Report(_table.Operator(unary.Operator), $"the operator {OperatorSpellings.Unary[unary.Operator]}", unary.Location);
                break;
            case BoundIn membership:
                Report(_table.Operator(membership.Operator), $"the operator {OperatorSpellings.In[membership.Operator]}", membership.Location);
                break;
            case BoundBetween between:
                Report(_table.Between(between.Negated), $"the operator {(between.Negated ? OperatorSpellings.NotBetween : OperatorSpellings.Between)}", between.Location);
                break;
            case BoundCall call:
                Report(_table.Function(call.Signature), $"the function {call.Signature.Name}()", call.Location);
                break;
        }
    }

    private void Report(Capability capability, string what, SourceSpan where)
    {
        switch (capability)
        {
            case Unsupported unsupported:
                _diagnostics.Add(new Diagnostic(unsupported.Severity, unsupported.Code, $"{what} cannot be expressed faithfully for {_table.Target}: {unsupported.Reason}", where));
                break;
            case Approximate approximate:
                _diagnostics.Add(Diagnostic.Warning(approximate.Code, $"{what} differs on {_table.Target}: {approximate.Difference}", where));
                break;
        }
    }
}
