using RuleCompiler.Compiler.Loading;
using RuleCompiler.Compiler.Model;
using YamlDotNet.RepresentationModel;

namespace RuleCompiler.Importers.Escu;

/// <summary>
/// What the SPL translation knows besides the SPL: the repository's data sources (a data source's Splunk base
/// search, such as <c>`cloudtrail`</c>, names it), the names of its lists, and the definitions of the source's
/// macros (ESCU's <c>macros/*.yml</c>), which show which macros are allow-lists.
/// </summary>
public sealed record SplTranslationContext(IReadOnlyList<DataSource> DataSources, IReadOnlySet<string> Lists, IReadOnlyDictionary<string, string> Macros)
{
    /// <summary>The data sources and lists of the rules repository at or above <paramref name="path"/>; empty when there is none.</summary>
    public static SplTranslationContext FromRepository(string path)
    {
        var root = RuleRepository.FindRepositoryRoot(Path.GetFullPath(path));
        if (root is null)
        {
            return new SplTranslationContext([], new HashSet<string>(), new Dictionary<string, string>());
        }

        var loaded = RuleRepository.Load(Path.Combine(root, RuleRepository.DataSourcesFolder));
        var lists = Directory.Exists(Path.Combine(root, RuleRepository.ListsFolder))
            ? RuleRepository.Load(Path.Combine(root, RuleRepository.ListsFolder)).Lists
            : [];
        var tables = Directory.Exists(Path.Combine(root, RuleRepository.TablesFolder))
            ? RuleRepository.Load(Path.Combine(root, RuleRepository.TablesFolder)).Tables
            : [];
        return new SplTranslationContext(loaded.DataSources, lists.Select(l => l.Name).ToHashSet(StringComparer.Ordinal), new Dictionary<string, string>())
        {
            CaseSensitiveLists = lists.Where(l => l.CaseSensitive).Select(l => l.Name).ToHashSet(StringComparer.Ordinal),
            Tables = tables.GroupBy(t => t.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal),
            RepositoryTables = tables.Select(t => t.Name).ToHashSet(StringComparer.Ordinal),
        };
    }

    /// <summary>The lists among <see cref="Lists"/> that compare case-sensitively (their <c>case_sensitive: true</c>).</summary>
    public IReadOnlySet<string> CaseSensitiveLists { get; init; } = new HashSet<string>();

    /// <summary>This context with the macro definitions of ESCU's <c>macros/</c> folder (name → definition).</summary>
    public SplTranslationContext WithMacros(string macrosFolder)
    {
        var macros = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(macrosFolder, "*.yml").Order(StringComparer.Ordinal))
        {
            // A macro file that does not read is a macro the translation does not know; using it is RC5025.
            if (SourceYaml.LoadMapping(file, File.ReadAllText(file), ImporterDiagnosticCodes.UnreadableSource, "").Root is { } map
                && map.Children.TryGetValue(new YamlScalarNode("name"), out var name) && name is YamlScalarNode { Value: { } n }
                && map.Children.TryGetValue(new YamlScalarNode("definition"), out var definition) && definition is YamlScalarNode { Value: { } d })
            {
                macros[n] = d;
            }
        }

        return this with { Macros = macros };
    }

    /// <summary>
    /// This context with the macros of the security_content checkout <paramref name="sourcePath"/> lies in (the
    /// <c>macros/</c> folder beside <c>detections/</c>), unless it has macros already or there is none.
    /// </summary>
    public SplTranslationContext WithMacrosAbove(string sourcePath)
    {
        if (Macros.Count > 0)
        {
            return this;
        }

        return SecurityContentFolder(sourcePath, "macros") is { } macros ? WithMacros(macros) : this;
    }

    /// <summary>The folder <paramref name="name"/> of the security_content checkout (a folder that also holds detections/) above the source.</summary>
    private static string? SecurityContentFolder(string sourcePath, string name)
    {
        for (var dir = Path.GetDirectoryName(Path.GetFullPath(sourcePath)); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (Directory.Exists(Path.Combine(dir, name)) && Directory.Exists(Path.Combine(dir, "detections")))
            {
                return Path.Combine(dir, name);
            }
        }

        return null;
    }

    /// <summary>
    /// The lookup tables <c>inputlookup</c> and <c>lookup</c> may read, by name: the repository's (rules/tables/) and
    /// those of ESCU's <c>lookups/</c> folder (<see cref="EscuLookups"/>), the repository's first.
    /// </summary>
    public IReadOnlyDictionary<string, LookupTable> Tables { get; init; } = new Dictionary<string, LookupTable>(StringComparer.Ordinal);

    /// <summary>ESCU lookup definitions that do not read as tables, by name, with the reason.</summary>
    public IReadOnlyDictionary<string, string> UnreadableLookups { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The names of <see cref="Tables"/> that come from the repository (an import writes a file for the others).</summary>
    public IReadOnlySet<string> RepositoryTables { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// This context with the tables of ESCU's <c>lookups/</c> folder beside <c>detections/</c> above
    /// <paramref name="sourcePath"/> (a repository table of the same name wins).
    /// </summary>
    public SplTranslationContext WithLookupsAbove(string sourcePath)
    {
        if (SecurityContentFolder(sourcePath, "lookups") is not { } lookups)
        {
            return this;
        }

        var (read, unreadable) = EscuLookups.Read(lookups);
        var tables = new Dictionary<string, LookupTable>(read, StringComparer.Ordinal);
        foreach (var (name, table) in Tables)
        {
            tables[name] = table;
        }

        return this with { Tables = tables, UnreadableLookups = unreadable };
    }

    /// <summary>The data source whose Splunk base search is exactly this macro call (<c>`cloudtrail`</c>).</summary>
    public DataSource? DataSourceOf(string macroCall) => DataSources.FirstOrDefault(d => d.Splunk.BaseSearch.Trim() == macroCall);
}
