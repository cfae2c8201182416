using System.Collections.Immutable;
using RuleCompiler.Compiler.Catalogues;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Model;
using RuleCompiler.Compiler.Semantics;
using RuleCompiler.Compiler.Yaml;

namespace RuleCompiler.Compiler.Loading;

/// <summary>
/// Loads a rules repository: <c>data_sources/*.yml</c>, <c>lists/*.yml</c>, <c>fragments/*.yml</c>, <c>tables/*.yml</c> and every other
/// <c>*.yml</c>/<c>*.yaml</c> below the root as a rule; runs the per-file and cross-file checks.
/// </summary>
public static class RuleRepository
{
    public const string DataSourcesFolder = "data_sources";
    public const string ListsFolder = "lists";
    public const string FragmentsFolder = "fragments";
    public const string TablesFolder = "tables";

    /// <summary>The repository file that marks a rules repository (besides a <c>data_sources/</c> folder); never loaded as a rule.</summary>
    public const string MarkerFile = "rulec.yaml";

    public static RepositoryLoadResult Load(string path, AttackCatalogue? attack = null) => Load([path], attack);

    /// <summary>
    /// Loads the given files and folders. Paths must exist (the CLI reports missing ones as usage errors). The
    /// data sources of the repository a path lies in (the nearest folder above it with a data_sources folder) are
    /// loaded as context, so a single rule's data_source reference can be checked.
    /// </summary>
    public static RepositoryLoadResult Load(IReadOnlyList<string> paths, AttackCatalogue? attack = null)
    {
        var walkDiagnostics = new List<Diagnostic>();
        var requested = paths.SelectMany(p => RepositoryFiles.Expand(p, walkDiagnostics)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var requestedSet = requested.ToHashSet(StringComparer.Ordinal);
        var context = paths.Select(FindRepositoryRoot).OfType<string>().Distinct(StringComparer.Ordinal)
            .SelectMany(root => RepositoryFiles.Expand(root, []).Where(f => Classify(f) != FileKind.Rule))
            .Where(f => !requestedSet.Contains(f))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        var diagnostics = new List<Diagnostic>();
        var dataSources = new List<DataSource>();
        var lists = new List<NamedList>();
        var fragments = new List<Fragment>();
        var tables = new List<LookupTable>();
        var rules = new List<Rule>();
        var partialRules = new List<PartialRule>();
        var counts = new int[5];

        foreach (var file in requested.Concat(context))
        {
            var report = requestedSet.Contains(file);
            var kind = Classify(file);
            if (report)
            {
                counts[(int)kind]++;
            }

            var found = kind switch
            {
                FileKind.DataSource => Collect(DocumentLoader.LoadDataSource(file), dataSources, d => d.Name),
                FileKind.List => Collect(DocumentLoader.LoadList(file), lists, l => l.Name),
                FileKind.Fragment => Collect(DocumentLoader.LoadFragment(file), fragments, f => f.Name),
                FileKind.Table => Collect(DocumentLoader.LoadTable(file), tables, t => t.Name),
                _ => CollectRule(DocumentLoader.LoadRule(file), rules, partialRules),
            };
            if (report)
            {
                diagnostics.AddRange(found);
            }
        }

        dataSources = SharedDataSourceFields.Resolve(dataSources, diagnostics);

        // Inside a repository every data_source must name one of its data sources, even when it has none yet.
        var inRepository = context.Count > 0 || dataSources.Count > 0 || paths.Any(p => FindRepositoryRoot(p) is not null);
        var dataSourceNames = inRepository ? dataSources.Select(d => d.Name).ToHashSet(StringComparer.Ordinal) : null;
        var checkContext = new RuleCheckContext(attack ?? AttackCatalogue.Default, dataSourceNames);
        foreach (var rule in rules)
        {
            diagnostics.AddRange(RuleChecks.Check(rule, checkContext));
        }

        foreach (var partial in partialRules)
        {
            diagnostics.AddRange(RuleChecks.Check(partial.Rule, checkContext).Where(d => !partial.IsEcho(d)));
        }

        diagnostics.AddRange(RepositoryChecks.Check(rules, dataSources, lists, fragments, dataSourceNames));
        return new RepositoryLoadResult(
            [.. rules], [.. partialRules], [.. dataSources], [.. lists], [.. fragments],
            [.. diagnostics.Where(d => requestedSet.Contains(d.Span.Path)).Concat(walkDiagnostics).Distinct().OrderBy(d => d, DiagnosticOrder.Instance)],
            new FileCounts(counts[(int)FileKind.Rule], counts[(int)FileKind.DataSource], counts[(int)FileKind.List], counts[(int)FileKind.Fragment]) { Tables = counts[(int)FileKind.Table] })
        {
            Tables = [.. tables],
        };
    }

    /// <summary>The kind of file a path holds, from the folder it is in.</summary>
    public static FileKind Classify(string file) => Path.GetFileName(Path.GetDirectoryName(file)) switch
    {
        DataSourcesFolder => FileKind.DataSource,
        ListsFolder => FileKind.List,
        FragmentsFolder => FileKind.Fragment,
        TablesFolder => FileKind.Table,
        _ => FileKind.Rule,
    };

    private static IEnumerable<Diagnostic> CollectRule(LoadedDocument<Rule> document, List<Rule> rules, List<PartialRule> partialRules)
    {
        if (document.Partial is { } partial && document.Yaml.Root is YamlMapping root)
        {
            partialRules.Add(PartialRule.From(partial, root, document.Diagnostics));
        }

        return Collect(document, rules).Concat(PlaceholderChecks.Check(document.Yaml.Root));
    }

    private static IEnumerable<Diagnostic> Collect<T>(LoadedDocument<T> document, List<T> models, Func<T, string>? supportFileName = null)
        where T : class
    {
        if (document.Model is not { } model)
        {
            return document.Diagnostics;
        }

        models.Add(model);
        return supportFileName is null ? document.Diagnostics : document.Diagnostics.AddRange(CheckFileName(document, supportFileName(model)));
    }

    // Data sources, lists and fragments are referred to by name, so the file must be called exactly that.
    private static IEnumerable<Diagnostic> CheckFileName<T>(LoadedDocument<T> document, string name)
        where T : class
    {
        var actual = Path.GetFileName(document.Path);
        if (actual != name + ".yml" && actual != name + ".yaml")
        {
            var at = (document.Yaml.Root as YamlMapping)?["name"]?.Span ?? SourceSpan.File(document.Path);
            yield return Diagnostic.Error(SemanticDiagnosticCodes.FileNameMismatch, $"the file name must be the name: '{name}.yml', not '{actual}'", at);
        }
    }

    /// <summary>The nearest folder at or above the path that holds a data_sources folder or a rulec.yaml file, or null.</summary>
    public static string? FindRepositoryRoot(string path)
    {
        var full = Path.GetFullPath(path);
        var folder = Directory.Exists(full) ? full : Path.GetDirectoryName(full);
        while (folder is not null)
        {
            if (Directory.Exists(Path.Combine(folder, DataSourcesFolder)) || File.Exists(Path.Combine(folder, MarkerFile)))
            {
                return folder;
            }

            folder = Path.GetDirectoryName(folder);
        }

        return null;
    }
}

public enum FileKind
{
    Rule,
    DataSource,
    List,
    Fragment,
    Table,
}
