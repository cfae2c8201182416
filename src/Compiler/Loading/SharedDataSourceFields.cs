using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Model;
using RuleCompiler.Compiler.Semantics;

namespace RuleCompiler.Compiler.Loading;

/// <summary>
/// Resolves <c>fields_from</c>: a data source that names another takes that source's fields after its own, and that
/// source's <c>fields_from</c> in turn (each source once, so a cycle ends where it closes). A name no data source has
/// is RC1312 at the key.
/// </summary>
internal static class SharedDataSourceFields
{
    public static List<DataSource> Resolve(IReadOnlyList<DataSource> dataSources, List<Diagnostic> diagnostics)
    {
        var byName = dataSources.GroupBy(d => d.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var resolved = new List<DataSource>(dataSources.Count);
        foreach (var source in dataSources)
        {
            var result = source;
            var seen = new HashSet<string>(StringComparer.Ordinal) { source.Name };
            for (var next = source.FieldsFrom; next is not null && seen.Add(next.Value);)
            {
                if (!byName.TryGetValue(next.Value, out var other))
                {
                    diagnostics.Add(Diagnostic.Error(SemanticDiagnosticCodes.UnknownDataSource,
                        $"fields_from names the unknown data source '{next.Value}'{DidYouMean.Hint(next.Value, byName.Keys)}", next.Span));
                    break;
                }

                result = result.WithFieldsOf(other);
                next = other.FieldsFrom;
            }

            resolved.Add(result);
        }

        return resolved;
    }
}
