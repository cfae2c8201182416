using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Compiler.Semantics;

/// <summary>Checks across files: unique rule ids and names, unique support-file names, fragments' data sources.</summary>
public static class RepositoryChecks
{
    public static IEnumerable<Diagnostic> Check(
        IReadOnlyList<Rule> rules, IReadOnlyList<DataSource> dataSources, IReadOnlyList<NamedList> lists, IReadOnlyList<Fragment> fragments,
        IReadOnlySet<string>? dataSourceNames)
    {
        // Rules arrive sorted by path, so "the second one" is stable: the later path gets the error.
        foreach (var diagnostic in Duplicates(rules, r => r.Id.Value.ToLowerInvariant(), r => r.Id.Span, r => r.Path, SemanticDiagnosticCodes.DuplicateId, "id"))
        {
            yield return diagnostic;
        }

        foreach (var diagnostic in Duplicates(rules, r => r.Name.Value, r => r.Name.Span, r => r.Path, SemanticDiagnosticCodes.DuplicateName, "name"))
        {
            yield return diagnostic;
        }

        foreach (var diagnostic in Duplicates(dataSources, d => d.Name, d => d.Span, d => d.Span.Path, SemanticDiagnosticCodes.DuplicateName, "data source name")
                     .Concat(Duplicates(lists, l => l.Name, l => l.Span, l => l.Span.Path, SemanticDiagnosticCodes.DuplicateName, "list name"))
                     .Concat(Duplicates(fragments, f => f.Name, f => f.Span, f => f.Span.Path, SemanticDiagnosticCodes.DuplicateName, "fragment name")))
        {
            yield return diagnostic;
        }

        if (dataSourceNames is null)
        {
            yield break;
        }

        foreach (var fragment in fragments.Where(f => !dataSourceNames.Contains(f.DataSource)))
        {
            yield return Diagnostic.Error(SemanticDiagnosticCodes.UnknownDataSource,
                $"unknown data source '{fragment.DataSource}'{EditDistance.DidYouMean(fragment.DataSource, dataSourceNames)}", fragment.Span);
        }
    }

    private static IEnumerable<Diagnostic> Duplicates<T>(
        IEnumerable<T> items, Func<T, string> key, Func<T, SourceSpan> span, Func<T, string> path, string code, string what)
    {
        var first = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items.OrderBy(path, StringComparer.Ordinal))
        {
            var value = key(item);
            if (value.Length == 0)
            {
                continue;
            }

            if (first.TryGetValue(value, out var original))
            {
                var at = span(original);
                yield return Diagnostic.Error(code, $"duplicate {what} '{value}', already used in {Path.GetFileName(at.Path)}({at.Line},{at.Column})", span(item));
            }
            else
            {
                first.Add(value, item);
            }
        }
    }
}
