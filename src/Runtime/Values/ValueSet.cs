namespace RuleCompiler.Runtime.Values;

/// <summary>
/// The right side of <c>in</c>/<c>in~</c>: a list literal, a named list or a let-bound list. Text members are hashed
/// (named lists can be long); other members (numbers, bools, datetimes) compare with <see cref="Ops.Equal"/>.
/// </summary>
public sealed class ValueSet
{
    private readonly HashSet<string> _texts;
    private readonly Value[] _others;
    private readonly bool _ignoreCase;

    public ValueSet(IEnumerable<Value> values, bool ignoreCase)
    {
        _ignoreCase = ignoreCase;
        _texts = new HashSet<string>(ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        var others = new List<Value>();
        foreach (var value in Flatten(values))
        {
            if (value.Kind == ValueKind.String || value.IsNull)
            {
                // A null member is "" (docs/semantics.md decision 1), so x in ("a", x) is x == x also for a null x.
                _texts.Add(value.ToText());
            }
            else if (!value.IsNull)
            {
                // A number or bool member also matches a string operand holding its JSON text.
                _texts.Add(value.ToText());
                others.Add(value);
            }
        }

        _others = others.ToArray();
    }

    public static ValueSet Of(bool ignoreCase, params Value[] values) => new(values, ignoreCase);

    public static ValueSet OfStrings(bool ignoreCase, params string[] values) => new(values.Select(Value.String), ignoreCase);

    public bool Contains(Value v)
    {
        if (v.IsNull)
        {
            // Null reads as the empty string, which a list can hold.
            return _texts.Contains(string.Empty);
        }

        if (v.Kind == ValueKind.String || v.IsNumber || v.Kind == ValueKind.Bool)
        {
            if (_texts.Contains(v.ToText()))
            {
                return true;
            }
        }

        foreach (var other in _others)
        {
            if (_ignoreCase ? Ops.EqualCi(v, other) : Ops.Equal(v, other))
            {
                return true;
            }
        }

        return false;
    }

    // A dynamic array inside the list contributes its elements, as KQL expands them.
    private static IEnumerable<Value> Flatten(IEnumerable<Value> values)
    {
        foreach (var value in values)
        {
            if (value.IsArray)
            {
                foreach (var item in value.Elements())
                {
                    yield return item;
                }
            }
            else
            {
                yield return value;
            }
        }
    }
}
