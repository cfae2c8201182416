using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace RuleCompiler.Backends.Splunk.Conf;

/// <summary>
/// The settings a .conf file allows, per stanza, as a Splunk <c>.spec</c> file declares them (read by
/// <see cref="ConfSpecReader"/>) or as a reference .conf file shows them in use (<see cref="FromExample"/>).
/// </summary>
public sealed record ConfSpec(string Source, ImmutableArray<SpecStanza> Stanzas)
{
    /// <summary>A spec of every stanza and key one of <paramref name="specs"/> allows.</summary>
    public static ConfSpec Merge(params ConfSpec[] specs) =>
        new(string.Join(" + ", specs.Select(s => s.Source)), [.. specs.SelectMany(s => s.Stanzas)]);

    /// <summary>
    /// The keys a real .conf file uses, as a spec: a stanza named <c>kind://name</c> allows its keys in every
    /// <c>kind://…</c> stanza, any other stanza its keys in the stanza of that exact name. Values are not typed.
    /// Used where no public .spec exists (ES content's analyticstories.conf).
    /// </summary>
    public static ConfSpec FromExample(ConfFile example)
    {
        var stanzas = example.Stanzas
            .GroupBy(s => s.Name.Contains("://", StringComparison.Ordinal) ? s.Name[..(s.Name.IndexOf("://", StringComparison.Ordinal) + 3)] + "<name>" : s.Name, StringComparer.Ordinal)
            .Select(g => SpecStanza.Create(g.Key, [.. g.SelectMany(s => s.Entries).Select(e => e.Key).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(k => SpecKey.Create(k, SpecValueType.Any))]));
        return new ConfSpec(example.Path, [.. stanzas]);
    }
}

/// <summary>A stanza of a spec: its name (with <c>&lt;placeholders&gt;</c>) and the keys allowed in it.</summary>
public sealed record SpecStanza(string Name, Regex Pattern, bool HasPlaceholder, ImmutableArray<SpecKey> Keys)
{
    /// <summary>The stanza that holds a spec's global keys (those declared before its first header).</summary>
    public const string AnyStanza = "<any stanza>";

    public static SpecStanza Create(string name, ImmutableArray<SpecKey> keys) =>
        new(name, SpecPattern.Of(name), SpecPattern.HasPlaceholder(name), keys);
}

/// <summary>A key of a spec (<c>action.&lt;action_name&gt;.param.&lt;param&gt;</c>) and the type of its value.</summary>
public sealed record SpecKey(string Name, Regex Pattern, SpecValueType Type)
{
    public static SpecKey Create(string name, SpecValueType type) => new(name, SpecPattern.Of(name), type);
}

/// <summary><c>&lt;placeholder&gt;</c> patterns: each placeholder stands for any text.</summary>
internal static partial class SpecPattern
{
    public static Regex Of(string name) =>
        new("^" + string.Join(".*", Placeholder().Split(name).Select(Regex.Escape)) + "$", RegexOptions.CultureInvariant | RegexOptions.Singleline);

    public static bool HasPlaceholder(string name) => Placeholder().IsMatch(name);

    [GeneratedRegex("<[^<>]+>")]
    private static partial Regex Placeholder();
}
