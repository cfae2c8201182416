namespace RuleCompiler.Runtime.Rows;

/// <summary>
/// A field path such as <c>requestParameters.repositoryName</c> or <c>resources[0].ARN</c>, built once per rule
/// (generated code keeps them in static fields) so that reading a field allocates nothing.
/// </summary>
public sealed class FieldPath
{
    public FieldPath(string head, params PathStep[] rest)
    {
        Head = head;
        Rest = rest;
    }

    /// <summary>The first member: a column of the row or a top-level field of the event.</summary>
    public string Head { get; }

    public PathStep[] Rest { get; }

    public override string ToString() =>
        Head + string.Concat(Rest.Select(s => s.Name is { } n ? "." + n : "[" + s.Index + "]"));
}

/// <summary>One step below the head: a member name or an array index (negative counts from the end).</summary>
public readonly record struct PathStep(string? Name, int Index)
{
    public static PathStep Member(string name) => new(name, 0);

    public static PathStep At(int index) => new(null, index);
}
