using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Compiler.Language.Binding;

public enum ColumnOrigin
{
    /// <summary>A field of the data source, passed through under its own name.</summary>
    SourceField,
    /// <summary><c>_time</c>: the data source's time field as a datetime.</summary>
    EventTime,
    /// <summary>Computed by a stage (extend, project with an expression, summarize, mv-expand, join suffixes...).</summary>
    Computed,
}

/// <summary>
/// One column of a row schema. Names of source fields keep their dotted event path (<c>userIdentity.arn</c>);
/// a column is referred to later by exactly the name it has here.
/// </summary>
public sealed record Column(string Name, ScalarType Type, bool Multivalued, ColumnOrigin Origin, FieldDefinition? SourceField)
{
    public const string EventTimeName = "_time";

    public static Column Computed(string name, ScalarType type, bool multivalued = false) =>
        new(name, type, multivalued, ColumnOrigin.Computed, null);

    public Column Renamed(string name) => this with { Name = name, Origin = ColumnOrigin.Computed };
}
