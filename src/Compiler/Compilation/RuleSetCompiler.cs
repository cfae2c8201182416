using System.Collections.Immutable;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Loading;
using RuleCompiler.Compiler.Semantics;

namespace RuleCompiler.Compiler.Compilation;

/// <summary>
/// The step after loading: parses every fragment and every rule's search, binds each search against its data
/// source, lists and fragments, and checks that what the rule's metadata names (entities, risk message, alert
/// templates, custom details) are columns the search outputs. Syntax and binding errors point into the YAML file.
/// </summary>
public static class RuleSetCompiler
{
    public static CompilationResult Compile(RepositoryLoadResult repository)
    {
        var diagnostics = new List<Diagnostic>(repository.Diagnostics);
        var fragments = new List<ParsedFragment>();
        foreach (var fragment in repository.Fragments)
        {
            var (parsed, fragmentDiagnostics) = SearchBinding.ParseFragment(fragment);
            diagnostics.AddRange(fragmentDiagnostics);
            if (parsed is not null)
            {
                fragments.Add(parsed);
            }
        }

        var dataSources = repository.DataSources.GroupBy(d => d.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var compiled = ImmutableArray.CreateBuilder<CompiledRule>();
        foreach (var rule in repository.Rules)
        {
            // An unknown data source is already reported by the repository checks; without it nothing can bind.
            if (!dataSources.TryGetValue(rule.DataSource.Value, out var dataSource))
            {
                continue;
            }

            var binding = SearchBinding.Bind(rule.Search.Span.Path, rule.Search, BindingContext.For(dataSource, repository.Lists, fragments));
            diagnostics.AddRange(binding.Diagnostics);
            if (binding.HasErrors || binding.Bound is not { } bound)
            {
                continue;
            }

            var columnErrors = OutputColumnChecks.Check(rule, binding.OutputColumnNames).ToList();
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
