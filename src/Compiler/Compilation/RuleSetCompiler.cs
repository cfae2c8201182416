using System.Collections.Immutable;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Compiler.Loading;
using RuleCompiler.Compiler.Model;
using RuleCompiler.Compiler.Semantics;

namespace RuleCompiler.Compiler.Compilation;

/// <summary>
/// The step after loading: parses every fragment and every rule's search, binds each search against its data
/// source, lists and fragments, and checks that what the rule's metadata names (entities, risk message, alert
/// templates, custom details) are columns the search outputs. Syntax and binding errors point into the YAML file
/// (a fragment's into the fragment's file).
/// </summary>
public static class RuleSetCompiler
{
    public static CompilationResult Compile(RepositoryLoadResult repository)
    {
        var diagnostics = new List<Diagnostic>(repository.Diagnostics);
        var fragmentMaps = ImmutableDictionary.CreateBuilder<string, (string Path, SearchSourceMap Map)>(StringComparer.Ordinal);
        var fragments = new List<ParsedFragment>();
        foreach (var fragment in repository.Fragments)
        {
            var path = fragment.Stages.Span.Path;
            var map = fragment.Stages.Map;
            fragmentMaps.TryAdd(fragment.Name, (path, map));
            var parsed = QueryParser.ParseStages(fragment.Stages.Text);
            diagnostics.AddRange(parsed.Diagnostics.Select(d => d.ToDiagnostic(path, map)));
            if (parsed.Value is { } pipeline)
            {
                fragments.Add(new ParsedFragment(fragment, pipeline.Stages));
            }
        }

        var repositoryLocator = new QuerySourceLocator("", SearchSourceMap.ForText(""), fragmentMaps.ToImmutable());
        // A name used twice is already an error (RC1302 at each file); binding sees the first by path so it can go on.
        var lists = FirstByName(repository.Lists, l => l.Name, l => l.Span.Path);
        var uniqueFragments = FirstByName(fragments, f => f.Name, f => f.Definition.Span.Path);
        var tables = FirstByName(repository.Tables, t => t.Name, t => t.Span.Path);
        var dataSources = repository.DataSources.GroupBy(d => d.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var compiled = ImmutableArray.CreateBuilder<CompiledRule>();
        foreach (var rule in repository.Rules)
        {
            if (dataSources.TryGetValue(rule.DataSource.Value, out var dataSource)
                && Bind(rule, dataSource, lists, uniqueFragments, tables, repositoryLocator, diagnostics) is { } bound)
            {
                compiled.Add(new CompiledRule(rule, dataSource, bound));
            }
        }

        // A rule the schema rejected is bound too, so its search and placeholders are reported in the same run;
        // it is never compiled, and what lies in a rejected part only echoes the schema error.
        foreach (var partial in repository.PartialRules)
        {
            if (dataSources.TryGetValue(partial.Rule.DataSource.Value, out var dataSource))
            {
                var found = new List<Diagnostic>();
                Bind(partial.Rule, dataSource, lists, uniqueFragments, tables, repositoryLocator, found);
                diagnostics.AddRange(found.Where(d => !partial.IsEcho(d)));
            }
        }

        var sorted = diagnostics.Distinct().OrderBy(d => d, DiagnosticOrder.Instance).ToImmutableArray();
        return new CompilationResult(repository, compiled.ToImmutable(), sorted);
    }

    /// <summary>
    /// Parses and binds one rule's search and checks the columns its metadata names; the bound query, or null when
    /// any of that failed (the reasons are in <paramref name="diagnostics"/>). An unknown data source is already
    /// reported by the repository checks, so the caller binds only rules whose data source exists.
    /// </summary>
    private static BoundQuery? Bind(
        Rule rule, DataSource dataSource, List<NamedList> lists, List<ParsedFragment> fragments, List<LookupTable> tables, QuerySourceLocator repositoryLocator, List<Diagnostic> diagnostics)
    {
        if (rule.Search.Text.Length > Limits.MaxSearchLength)
        {
            diagnostics.Add(Diagnostic.Error(SemanticDiagnosticCodes.SearchTooLong,
                $"the search is {rule.Search.Text.Length:N0} characters, more than the limit of {Limits.MaxSearchLength:N0}; put long value lists in a list file (rules/lists/)", rule.Search.Span));
            return null;
        }

        var path = rule.Search.Span.Path;
        var map = rule.Search.Map;
        var parsed = QueryParser.Parse(rule.Search.Text);
        diagnostics.AddRange(parsed.Diagnostics.Select(d => d.ToDiagnostic(path, map)));
        if (parsed.Query is not { } query)
        {
            return null;
        }

        var locator = repositoryLocator.WithSearch(path, map);
        var bound = QueryBinder.Bind(query, BindingContext.For(dataSource, lists, fragments, locator).WithTables(tables));
        diagnostics.AddRange(bound.Diagnostics.Select(locator.ToDiagnostic));
        if (bound.HasErrors)
        {
            return null;
        }

        var outputColumns = bound.OutputColumns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var columnErrors = OutputColumnChecks.Check(rule, outputColumns).Concat(OutputColumnChecks.CheckTestRows(rule, outputColumns))
            .Concat(TestTableChecks.Check(rule, tables)).ToList();
        diagnostics.AddRange(columnErrors);
        diagnostics.AddRange(GeoIpNote.Check(bound));
        return columnErrors.Any(d => d.IsError) ? null : bound;
    }

    private static List<T> FirstByName<T>(IEnumerable<T> items, Func<T, string> name, Func<T, string> path) =>
        [.. items.OrderBy(path, StringComparer.Ordinal).GroupBy(name, StringComparer.Ordinal).Select(g => g.First())];
}
