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
}
