using RuleCompiler.Compiler.Language.Binding;

namespace RuleCompiler.Compiler.Language.Functions;

/// <summary>The types a function parameter accepts. Dynamic, null and unknown arguments are always accepted.</summary>
[Flags]
public enum TypeSet
{
    None = 0,
    String = 1,
    Long = 2,
    Real = 4,
    Bool = 8,
    DateTime = 16,
    TimeSpan = 32,
    Dynamic = 64,
    Numeric = Long | Real,
    /// <summary>Values that order: numbers, strings, datetimes, timespans (min, max, arg_min, bin).</summary>
    Orderable = String | Numeric | DateTime | TimeSpan,
    Any = String | Numeric | Bool | DateTime | TimeSpan | Dynamic,
}

public static class TypeSets
{
    public static bool Accepts(this TypeSet set, ScalarType type) => type.IsLoose() || type switch
    {
        ScalarType.String => set.HasFlag(TypeSet.String),
        ScalarType.Long => set.HasFlag(TypeSet.Long),
        ScalarType.Real => set.HasFlag(TypeSet.Real),
        ScalarType.Bool => set.HasFlag(TypeSet.Bool),
        ScalarType.DateTime => set.HasFlag(TypeSet.DateTime),
        ScalarType.TimeSpan => set.HasFlag(TypeSet.TimeSpan),
        _ => true,
    };

    public static string DisplayName(this TypeSet set)
    {
        if (set == TypeSet.Any) return "any";
        if (set == TypeSet.Numeric) return "number";
        var names = new List<string>();
        if (set.HasFlag(TypeSet.String)) names.Add("string");
        if (set.HasFlag(TypeSet.Long)) names.Add("long");
        if (set.HasFlag(TypeSet.Real)) names.Add("real");
        if (set.HasFlag(TypeSet.Bool)) names.Add("bool");
        if (set.HasFlag(TypeSet.DateTime)) names.Add("datetime");
        if (set.HasFlag(TypeSet.TimeSpan)) names.Add("timespan");
        if (set.HasFlag(TypeSet.Dynamic)) names.Add("dynamic");
        return string.Join("|", names);
    }
}
