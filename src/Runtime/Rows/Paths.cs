using RuleCompiler.Runtime.Values;

namespace RuleCompiler.Runtime.Rows;

/// <summary>Member access and indexing on a computed value: <c>split(x, "/")[-1]</c>, <c>parse_json(x).a</c>.</summary>
public static class Paths
{
    public static Value Walk(Value value, params PathStep[] steps)
    {
        foreach (var step in steps)
        {
            if (value.IsNull)
            {
                return value;
            }

            value = step.Name is { } name ? value.Member(name) : value.ElementAt(step.Index);
        }

        return value;
    }

    /// <summary>
    /// A <c>[*]</c> path (<c>items[*].userId</c>): the scalar values found at <paramref name="steps"/> below each
    /// element of <paramref name="array"/>, in element order. A value that is not an array has no elements; an element
    /// where the path is missing, null, an object or an array gives nothing; a <see cref="PathStep.Each"/> step
    /// flattens (each element of each value so far). An array, or null when nothing is found (as Splunk has no field then).
    /// </summary>
    public static Value Each(Value array, params PathStep[] steps)
    {
        var found = new List<Value>();
        Collect(array, steps, 0, found);
        return found.Count == 0 ? Value.Null : Value.Array([.. found]);
    }

    private static void Collect(Value array, PathStep[] steps, int start, List<Value> found)
    {
        if (!array.IsArray) return;
        foreach (var element in array.Elements())
        {
            var value = element;
            var step = start;
            for (; step < steps.Length && !steps[step].AllElements && !value.IsNull; step++)
            {
                value = steps[step].Name is { } name ? value.Member(name) : value.ElementAt(steps[step].Index);
            }

            if (step < steps.Length && steps[step].AllElements)
            {
                Collect(value, steps, step + 1, found);
            }
            else if (value.Kind is not (ValueKind.Null or ValueKind.Array or ValueKind.Object))
            {
                found.Add(value);
            }
        }
    }
}
