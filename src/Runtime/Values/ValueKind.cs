namespace RuleCompiler.Runtime.Values;

/// <summary>The kinds of value the rule language has (language-contract.md, "Values").</summary>
public enum ValueKind : byte
{
    Null,
    String,
    Long,
    Real,
    Bool,
    DateTime,
    TimeSpan,
    Array,
    Object,
}
