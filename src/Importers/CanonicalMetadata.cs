namespace RuleCompiler.Importers;

/// <summary>
/// A value of the canonical rule's nested metadata (risk, entities, alert, schedule, drilldowns, tests, tags), as an
/// importer assembles it: text, a plain scalar (number or boolean), a list or a map whose key order is kept.
/// </summary>
public abstract record CanonicalValue
{
    public static implicit operator CanonicalValue(string text) => new CanonicalText(text);
}

/// <summary>A string; the writer quotes it when YAML would otherwise read it as another type.</summary>
public sealed record CanonicalText(string Value) : CanonicalValue;

/// <summary>A number or boolean written as a plain scalar (<c>70</c>, <c>true</c>).</summary>
public sealed record CanonicalScalar(string Value) : CanonicalValue
{
    public static CanonicalScalar Of(long value) => new(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static CanonicalScalar Of(bool value) => new(value ? "true" : "false");
}

public sealed record CanonicalList(IReadOnlyList<CanonicalValue> Items) : CanonicalValue;

/// <summary>Entries in the order they are written.</summary>
public sealed record CanonicalMap(IReadOnlyList<KeyValuePair<string, CanonicalValue>> Entries) : CanonicalValue
{
    public static readonly CanonicalMap Empty = new([]);

    public CanonicalMap With(string key, CanonicalValue value) =>
        new([.. Entries.Where(e => e.Key != key), new KeyValuePair<string, CanonicalValue>(key, value)]);

    public CanonicalValue? this[string key] => Entries.FirstOrDefault(e => e.Key == key).Value;
}
