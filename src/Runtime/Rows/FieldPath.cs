using System.Text.Json;

namespace RuleCompiler.Runtime.Rows;

/// <summary>
/// A field path such as <c>requestParameters.repositoryName</c> or <c>resources[0].ARN</c>, built once per rule
/// (generated code keeps them in static fields) so that reading a field allocates nothing.
/// </summary>
public sealed class FieldPath
{
    // Names are interned: the per-event field cache (EventFields) then finds them by reference.
    public FieldPath(string head, params PathStep[] rest)
    {
        Head = string.Intern(head);
        HeadPath = [Head];
        Rest = rest;
    }

    private FieldPath(string head, string[] headPath, PathStep[] rest)
    {
        Head = string.Intern(head);
        HeadPath = [.. headPath.Select(string.Intern)];
        Rest = rest;
    }

    /// <summary>
    /// A path whose first part is a column with a dotted name, as the binder names source fields
    /// (<c>userIdentity.arn</c>): a column of exactly that name if a stage made one, else that path in the event.
    /// </summary>
    public static FieldPath Dotted(string column, params PathStep[] rest) => new(column, column.Split('.'), rest);

    /// <summary>The column the path starts from (a computed column, or a field of the event).</summary>
    public string Head { get; }

    /// <summary>The members that read <see cref="Head"/> from the event.</summary>
    public string[] HeadPath { get; }

    public PathStep[] Rest { get; }

    /// <summary>The element this path names inside an event's JSON (members, then indexes); false when missing.</summary>
    public bool TryRead(JsonElement evt, out JsonElement element)
    {
        JsonElement top = default;
        var found = evt.ValueKind == JsonValueKind.Object && evt.TryGetProperty(HeadPath[0], out top);
        return TryReadFromTop(found, top, out element);
    }

    /// <summary>As <see cref="TryRead"/>, given the event's top-level member <c>HeadPath[0]</c> (and whether it exists).</summary>
    public bool TryReadFromTop(bool found, JsonElement top, out JsonElement element)
    {
        element = default;
        if (!found)
        {
            return false;
        }

        var current = top;
        for (var i = 1; i < HeadPath.Length; i++)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(HeadPath[i], out current))
            {
                return false;
            }
        }

        foreach (var step in Rest)
        {
            if (step.Name is { } name)
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
                {
                    return false;
                }
            }
            else
            {
                if (current.ValueKind != JsonValueKind.Array)
                {
                    return false;
                }

                var length = current.GetArrayLength();
                var index = step.Index < 0 ? step.Index + length : step.Index;
                if (index < 0 || index >= length)
                {
                    return false;
                }

                current = current[index];
            }
        }

        element = current;
        return true;
    }

    public override string ToString() =>
        Head + string.Concat(Rest.Select(s => s.Name is { } n ? "." + n : "[" + s.Index + "]"));
}

/// <summary>
/// One step below the head: a member name, an array index (negative counts from the end), or every element
/// (<c>[*]</c>, only in <see cref="Paths.Each"/>).
/// </summary>
public readonly record struct PathStep(string? Name, int Index, bool AllElements = false)
{
    public static PathStep Each => new(null, 0, true);

    public static PathStep Member(string name) => new(name, 0);

    public static PathStep At(int index) => new(null, index);
}
