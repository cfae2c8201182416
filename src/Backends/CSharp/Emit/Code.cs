namespace RuleCompiler.Backends.CSharp.Emit;

/// <summary>What C# type an emitted expression has: a bool (predicates), a Value, or a C# literal that converts to Value implicitly.</summary>
internal enum CsType
{
    Bool,
    Value,
    Literal,
}

/// <summary>An emitted C# expression and its type.</summary>
internal readonly record struct Code(string Text, CsType Type)
{
    /// <summary>The expression as a <c>Value</c> (explicit where C# would not convert on its own, as in <c>?:</c>).</summary>
    public string AsValue => Type switch
    {
        CsType.Value => Text,
        CsType.Bool => $"Value.Bool({Text})",
        _ => $"(Value){Text}",
    };

    /// <summary>The expression as a Value argument of a runtime method (implicit conversions apply there).</summary>
    public string AsArgument => Type == CsType.Bool ? $"Value.Bool({Text})" : Text;

    /// <summary>The expression as a predicate.</summary>
    public string AsBool => Type == CsType.Bool ? Text : $"Ops.IsTrue({Text})";
}
