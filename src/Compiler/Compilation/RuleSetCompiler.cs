using System.Collections.Immutable;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Compiler.Loading;
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
            var path = fragment.StagesSpan.Path;
            var map = ScalarSourceMaps.For(fragment.StagesSource, fragment.StagesText);
            fragmentMaps.TryAdd(fragment.Name, (path, map));
            var parsed = QueryParser.ParseStages(fragment.StagesText);
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
        var dataSources = repository.DataSources.GroupBy(d => d.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var compiled = ImmutableArray.CreateBuilder<CompiledRule>();
        foreach (var rule in repository.Rules)
        {
            // An unknown data source is already reported by the repository checks; without it nothing can bind.
            if (!dataSources.TryGetValue(rule.DataSource.Value, out var dataSource))
            {
                continue;
            }

            if (rule.Search.Text.Length > Limits.MaxSearchLength)
            {
                diagnostics.Add(Diagnostic.Error(SemanticDiagnosticCodes.SearchTooLong,
                    $"the search is {rule.Search.Text.Length:N0} characters, more than the limit of {Limits.MaxSearchLength:N0}; put long value lists in a list file (rules/lists/)", rule.Search.Span));
                continue;
            }

            var path = rule.Search.Span.Path;
            var map = ScalarSourceMaps.For(rule.Search, rule.Search.Text);
            var parsed = QueryParser.Parse(rule.Search.Text);
            diagnostics.AddRange(parsed.Diagnostics.Select(d => d.ToDiagnostic(path, map)));
            if (parsed.Query is not { } query)
            {
                continue;
            }

            var locator = repositoryLocator.WithSearch(path, map);
            var bound = QueryBinder.Bind(query, BindingContext.For(dataSource, lists, uniqueFragments, locator));
            diagnostics.AddRange(bound.Diagnostics.Select(locator.ToDiagnostic));
            if (bound.HasErrors)
            {
                continue;
            }

            var columns = bound.OutputColumns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            var columnErrors = OutputColumnChecks.Check(rule, columns).ToList();
            diagnostics.AddRange(columnErrors);
            if (!columnErrors.Any(d => d.IsError))
            {
                compiled.Add(new CompiledRule(rule, dataSource, bound));
            }
        }

        var sorted = diagnostics.Distinct().OrderBy(d => d, DiagnosticOrder.Instance).ToImmutableArray();
        return new CompilationResult(repository, compiled.ToImmutable(), sorted);
    }

    private static List<T> FirstByName<T>(IEnumerable<T> items, Func<T, string> name, Func<T, string> path) =>
        [.. items.OrderBy(path, StringComparer.Ordinal).GroupBy(name, StringComparer.Ordinal).Select(g => g.First())];
}
