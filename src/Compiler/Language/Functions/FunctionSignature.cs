using System.Collections.Immutable;
using RuleCompiler.Compiler.Language.Binding;

namespace RuleCompiler.Compiler.Language.Functions;

public enum FunctionKind
{
    Scalar,
    Aggregate,
}

/// <summary>How a function's result type follows from its arguments.</summary>
public enum ReturnRule
{
    /// <summary>Always <see cref="FunctionSignature.ReturnType"/>.</summary>
    Fixed,
    /// <summary>The first argument's type (min, max, bin, take_any, arg_min/arg_max's value column).</summary>
    FirstArgument,
    /// <summary>The common type of every argument (coalesce).</summary>
    CommonOfAll,
    /// <summary>The common type of the second and third argument (iif).</summary>
    CommonOfIifBranches,
    /// <summary>The common type of the values (case: every second argument and the last).</summary>
    CommonOfCaseValues,
}

/// <summary>
/// One entry of the function catalogue. Arguments past <see cref="Parameters"/> cycle through the parameters from
/// <see cref="RepeatFrom"/> on (strcat's strings, case's condition/value pairs); <see cref="LastParameter"/>, when
/// set, types the last argument of a variadic call (case's else value).
/// </summary>
public sealed record FunctionSignature(
    string Name,
    FunctionKind Kind,
    int MinArity,
    int MaxArity,
    ImmutableArray<TypeSet> Parameters,
    ReturnRule Return,
    ScalarType ReturnType,
    string Description,
    string Example)
{
    public int RepeatFrom { get; init; }

    public TypeSet? LastParameter { get; init; }

    /// <summary>The index of an argument that must be a constant regular expression (RE2 subset), or null.</summary>
    public int? RegexArgument { get; init; }

    /// <summary>The catalogue name this one is an alias of (iff for iif), or null.</summary>
    public string? AliasOf { get; init; }

    /// <summary>Argument counts must be odd (case: pairs and an else value).</summary>
    public bool OddArity { get; init; }

    /// <summary>arg_min/arg_max: the arguments after the first name extra output columns and may be <c>*</c>.</summary>
    public bool ReturnsRow { get; init; }

    /// <summary>
    /// The members of the object a function returns, with their types (geo_info_from_ip_address's country .. longitude),
    /// or null when its result has no declared members: <c>f(x).member</c> binds to the member's type.
    /// </summary>
    public ImmutableDictionary<string, ScalarType>? Members { get; init; }

    public bool IsAggregate => Kind == FunctionKind.Aggregate;

    public TypeSet ParameterType(int index, int argumentCount)
    {
        if (LastParameter is { } last && index == argumentCount - 1 && index >= Parameters.Length - 1) return last;
        if (index < Parameters.Length) return Parameters[index];
        var cycle = Parameters.Length - RepeatFrom;
        return Parameters[RepeatFrom + ((index - Parameters.Length) % cycle)];
    }

    public bool AcceptsArity(int count) =>
        count >= MinArity && count <= MaxArity && (!OddArity || count % 2 == 1);

    /// <summary>"2", "1..3", "3 or more (odd)" for messages and docs.</summary>
    public string ArityText()
    {
        var range = MinArity == MaxArity ? $"{MinArity}"
            : MaxArity >= FunctionCatalogue.Variadic ? $"{MinArity} or more"
            : $"{MinArity}..{MaxArity}";
        return OddArity ? range + " (odd)" : range;
    }
}
