namespace RuleCompiler.Compiler.Language.Binding;

/// <summary>The type of a bound expression or column. <c>Unknown</c> follows an error, so one mistake reports once.</summary>
public enum ScalarType
{
    Unknown,
    Null,
    String,
    Long,
    Real,
    Bool,
    DateTime,
    TimeSpan,
    Dynamic,
}

public static class ScalarTypes
{
    /// <summary>The name used in diagnostics and docs (the canonical language's spelling).</summary>
    public static string DisplayName(this ScalarType type) => type switch
    {
        ScalarType.Unknown => "unknown",
        ScalarType.Null => "null",
        ScalarType.String => "string",
        ScalarType.Long => "long",
        ScalarType.Real => "real",
        ScalarType.Bool => "bool",
        ScalarType.DateTime => "datetime",
        ScalarType.TimeSpan => "timespan",
        _ => "dynamic",
    };

    public static bool IsNumeric(this ScalarType type) => type is ScalarType.Long or ScalarType.Real;

    /// <summary>
    /// Types whose values are only known at run time (a JSON value, a null, or the result of an earlier error).
    /// They are accepted wherever a specific type is expected; the run-time conversion rules apply.
    /// </summary>
    public static bool IsLoose(this ScalarType type) => type is ScalarType.Unknown or ScalarType.Null or ScalarType.Dynamic;

    /// <summary>The type of a value that may come from either operand (iif branches, coalesce, union columns).</summary>
    public static ScalarType Common(ScalarType a, ScalarType b)
    {
        if (a == b) return a;
        if (a is ScalarType.Null or ScalarType.Unknown) return b;
        if (b is ScalarType.Null or ScalarType.Unknown) return a;
        if (a.IsNumeric() && b.IsNumeric()) return ScalarType.Real;
        return ScalarType.Dynamic;
    }

    public static ScalarType FromField(Model.FieldType type) => type switch
    {
        Model.FieldType.String => ScalarType.String,
        Model.FieldType.Long => ScalarType.Long,
        Model.FieldType.Real => ScalarType.Real,
        Model.FieldType.Bool => ScalarType.Bool,
        Model.FieldType.DateTime => ScalarType.DateTime,
        Model.FieldType.TimeSpan => ScalarType.TimeSpan,
        _ => ScalarType.Dynamic,
    };
}
