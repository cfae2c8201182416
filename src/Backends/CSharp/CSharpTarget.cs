using RuleCompiler.Backends.Targets;
using RuleCompiler.Compiler.Compilation;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Backends.CSharp;

/// <summary>The C# target: a standalone C# library project of every rule and the runtime it calls.</summary>
public sealed class CSharpTarget : ITarget
{
    public string Name => "csharp";

    public string Artifacts => "a C# library project of all rules (build it with dotnet build)";

    public CapabilityTable Capabilities => CSharpCapabilities.Table;

    public IEnumerable<Diagnostic> CheckRule(CompiledRule rule)
    {
        var checker = new ListLimitChecker();
        checker.Walk(rule.Query);
        return checker.Diagnostics;
    }

    public TargetOutput Write(TargetInput input, string folder)
    {
        var generated = CSharpGenerator.Generate(input.Rules.Select(r => RuleSources.From(r, input.DisplayPath(r.Rule.Path))));
        CSharpProjectWriter.Write(folder, generated);
        return new TargetOutput([], input.Rules.Count);
    }

    /// <summary>make_set/make_list take their size limit from a whole-number literal, which the runtime needs up front.</summary>
    private sealed class ListLimitChecker : BoundTreeWalker
    {
        public List<Diagnostic> Diagnostics { get; } = [];

        protected override void OnExpression(BoundExpression expression)
        {
            if (expression is BoundCall { Canonical.Name: "make_set" or "make_list", Arguments: [_, var limit] } call
                && limit is not BoundLiteral { Kind: LiteralKind.Long })
            {
                Diagnostics.Add(Diagnostic.Error(CSharpDiagnostics.Unsupported, $"the size limit of {call.Signature.Name} must be a whole-number literal", limit.Location));
            }
        }
    }
}
