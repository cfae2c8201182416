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
            fragmentMaps[fragment.Name] = (path, map);
            var parsed = QueryParser.ParseStages(fragment.StagesText);
            diagnostics.AddRange(parsed.Diagnostics.Select(d => d.ToDiagnostic(path, map)));
            if (parsed.Value is { } pipeline)
            {
                fragments.Add(new ParsedFragment(fragment, pipeline.Stages));
            }
        }

        var repositoryLocator = new QuerySourceLocator("", SearchSourceMap.ForText(""), fragmentMaps.ToImmutable());
        var dataSources = repository.DataSources.GroupBy(d => d.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var compiled = ImmutableArray.CreateBuilder<CompiledRule>();
        foreach (var rule in repository.Rules)
        {
            // An unknown data source is already reported by the repository checks; without it nothing can bind.
            if (!dataSources.TryGetValue(rule.DataSource.Value, out var dataSource))
            {
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
            var bound = QueryBinder.Bind(query, BindingContext.For(dataSource, repository.Lists, fragments, locator));
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
}
