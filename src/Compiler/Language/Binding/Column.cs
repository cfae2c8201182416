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

    /// <summary>
    /// The column holds the values of a <c>[*]</c> path (a member list): comparisons match any element, and grouping
    /// by it is RC2545 (SPL splits a multivalue key into one group per value; KQL groups by the array as one value).
    /// </summary>
    public bool MemberList { get; init; }

    public static Column Computed(string name, ScalarType type, bool multivalued = false) =>
        new(name, type, multivalued, ColumnOrigin.Computed, null);

    /// <summary>A computed column holding <paramref name="value"/>, with its multi-valued and member-list flags.</summary>
    public static Column ComputedFrom(string name, Bound.BoundExpression value) =>
        Computed(name, value.Type, value.Multivalued) with { MemberList = value.MemberList };

    public Column Renamed(string name) => this with { Name = name, Origin = ColumnOrigin.Computed };
}
