using System.Collections.Frozen;
using RuleCompiler.Compiler.Language.Functions;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Backends.Targets;

/// <summary>
/// What a target can say and how it spells it: every stage kind, every operator (by its canonical spelling, see
/// <see cref="OperatorSpellings"/>) and every catalogue function (by canonical name). A test checks that each table
/// covers all of them, so a new construct cannot slip through a target unnoticed.
/// </summary>
public sealed record CapabilityTable(
    string Target,
    FrozenDictionary<StageKind, Capability> Stages,
    FrozenDictionary<string, Capability> Operators,
    FrozenDictionary<string, Capability> Functions)
{
    public Capability Stage(StageKind kind) => Stages[kind];

    public Capability Operator(BinaryOperator op) => Operators[OperatorSpellings.Binary[op]];

    public Capability Operator(InOperator op) => Operators[OperatorSpellings.In[op]];

    public Capability Operator(UnaryOperator op) => Operators[OperatorSpellings.Unary[op]];

    public Capability Between(bool negated) => Operators[negated ? OperatorSpellings.NotBetween : OperatorSpellings.Between];

    public Capability Function(FunctionSignature function) => Functions[function.AliasOf ?? function.Name];

    /// <summary>The spelling of a construct the target supports (exactly or approximately).</summary>
    public static string Spelling(Capability capability) => capability switch
    {
        Supported s => s.Spelling,
        Approximate a => a.Spelling,
        Unsupported u => throw new InvalidOperationException($"not supported ({u.Code}); the capability pass should have stopped the build"),
        _ => throw new ArgumentOutOfRangeException(nameof(capability)),
    };

    /// <summary>The canonical function names a table must cover: every catalogue entry that is not an alias.</summary>
    public static IEnumerable<string> RequiredFunctions => FunctionCatalogue.All.Where(f => f.AliasOf is null).Select(f => f.Name);
}
