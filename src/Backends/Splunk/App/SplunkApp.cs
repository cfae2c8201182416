using System.Collections.Immutable;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Backends.Splunk.App;

/// <summary>
/// Everything one ESCU-style Splunk app is made of: the app's identity, each rule with the SPL the emitter produced
/// for it, the data sources whose macros the searches call, and the named lists the searches read as lookups.
/// <see cref="SplunkAppWriter"/> turns it into <c>DIR/splunk/&lt;Name&gt;/</c> and its tarball.
/// </summary>
public sealed record SplunkApp(SplunkAppInfo Info, ImmutableArray<SplunkRule> Rules, ImmutableArray<DataSource> DataSources, ImmutableArray<NamedList> Lists)
{
    /// <summary>The lookup tables the searches read with inputlookup: transforms.conf definitions, a KV store collection or a CSV each.</summary>
    public ImmutableArray<LookupTable> Tables { get; init; } = [];

    /// <summary>
    /// An app named <paramref name="name"/> (default <see cref="SplunkAppInfo.DefaultName"/>) at
    /// <paramref name="version"/>, released on the date of its newest rule, so the same rules always give the same
    /// app.
    /// </summary>
    public static SplunkApp Create(
        IEnumerable<SplunkRule> rules,
        IEnumerable<DataSource> dataSources,
        IEnumerable<NamedList> lists,
        string name = SplunkAppInfo.DefaultName,
        string version = SplunkAppInfo.DefaultVersion)
    {
        var ordered = rules.OrderBy(r => r.Rule.Name.Value, StringComparer.Ordinal).ToImmutableArray();
        var released = ordered.Length == 0 ? new DateOnly(2000, 1, 1) : ordered.Max(r => r.Rule.Date);
        return new SplunkApp(
            SplunkAppInfo.Named(name, version, released),
            ordered,
            [.. dataSources.OrderBy(d => d.Name, StringComparer.Ordinal)],
            [.. lists.OrderBy(l => l.Name, StringComparer.Ordinal)]);
    }
}

/// <summary>
/// One rule of the app, its search as the SPL emitter wrote it (ending in the rule's <c>_filter</c> macro call), and
/// the SPL of each of the rule's drilldowns, in the order of <c>Rule.Drilldowns</c> (empty when it has none).
/// </summary>
public sealed record SplunkRule(Rule Rule, string Spl, ImmutableArray<string> DrilldownSpl)
{
    public SplunkRule(Rule rule, string spl)
        : this(rule, spl, [])
    {
    }

    /// <summary>The rule's snake_case name (its file name), which names its <c>_filter</c> macro as ESCU does.</summary>
    public string SnakeName => Path.GetFileNameWithoutExtension(Rule.Path);

    public string FilterMacro => SnakeName + "_filter";
}

/// <summary>
/// The app's identity. <see cref="Name"/> is the folder, the package id and the prefix of every saved search
/// (<c>[&lt;Name&gt; - &lt;Rule&gt; - Rule]</c>, as ESCU's <c>ESCU - … - Rule</c>).
/// </summary>
public sealed record SplunkAppInfo(string Name, string Version, string Label, string Author, string Description, DateOnly Released)
{
    /// <summary>
    /// ES content apps are named DA-ESS-&lt;something&gt; (ESCU is DA-ESS-ContentUpdate); this one holds the
    /// detections rulec compiled.
    /// </summary>
    public const string DefaultName = "DA-ESS-RuleCompiler";

    public const string DefaultVersion = "1.0.0";

    public static SplunkAppInfo Named(string name, string version, DateOnly released) => new(
        name,
        version,
        "RuleCompiler Detections",
        "RuleCompiler",
        "Detections compiled by rulec from canonical rules, in the conventions of ES Content Updates.",
        released);
}
