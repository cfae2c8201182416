using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Compiler.Semantics;

/// <summary>Checks across files: unique rule ids and names, unique support-file names, fragments' data sources, data source fields' Sentinel values, data-model sources.</summary>
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

        // Support files are referred to by name alone, so two with one name in different folders leave every
        // reference ambiguous: each file of the clash is reported, not only the later one.
        foreach (var diagnostic in SharedNames(dataSources, d => d.Name, d => d.Span, "data source")
                     .Concat(SharedNames(lists, l => l.Name, l => l.Span, "list"))
                     .Concat(SharedNames(fragments, f => f.Name, f => f.Span, "fragment")))
        {
            yield return diagnostic;
        }

        // sentinel_value is a text the Sentinel target writes as a string literal, so only a text field can have it
        // (a field shared through fields_from is reported once, at its own place).
        foreach (var field in dataSources.SelectMany(d => d.Fields).Distinct().Where(f => f.SentinelValue is not null && f.Type != FieldType.String))
        {
            yield return Diagnostic.Error(SemanticDiagnosticCodes.SentinelValueNotText,
                $"the field '{field.Name}' is {field.Type.ToString().ToLowerInvariant()}, but 'sentinel_value' gives a text: make it a string field or map it to a column with 'sentinel'", field.Span);
        }

        foreach (var diagnostic in DataModelChecks.Check(dataSources))
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
                $"unknown data source '{fragment.DataSource}'{DidYouMean.Hint(fragment.DataSource, dataSourceNames)}", fragment.Span);
        }
    }

    private static IEnumerable<Diagnostic> SharedNames<T>(IEnumerable<T> items, Func<T, string> name, Func<T, SourceSpan> span, string what)
    {
        foreach (var group in items.GroupBy(name, StringComparer.Ordinal).Where(g => g.Key.Length > 0 && g.Skip(1).Any()))
        {
            var spans = group.Select(span).OrderBy(s => s.Path, StringComparer.Ordinal).ToList();
            foreach (var at in spans)
            {
                var others = string.Join(", ", spans.Where(s => s != at).Select(s => $"{Path.GetRelativePath(Path.GetDirectoryName(at.Path)!, s.Path).Replace('\\', '/')}({s.Line},{s.Column})"));
                yield return Diagnostic.Error(SemanticDiagnosticCodes.DuplicateName,
                    $"duplicate {what} name '{group.Key}': {what} names are unique across the repository, also used in {others}", at);
            }
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
