using System.Collections.Immutable;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Model;
using RuleCompiler.Compiler.Yaml;

namespace RuleCompiler.Compiler.Loading;

/// <summary>
/// A rule the schema rejected, built anyway so that one run reports every problem: its search, ATT&amp;CK ids,
/// entities and placeholders are checked where the schema did not reject them. It is never compiled or tested.
/// </summary>
public sealed record PartialRule(Rule Rule, ImmutableArray<SourceSpan> RejectedParts)
{
    /// <summary>
    /// The rule with the parts its schema errors fall in: a top-level entry holding an error, or the whole file for
    /// an error at the top (a missing key, whose fallback value would be reported again at the top).
    /// </summary>
    public static PartialRule From(Rule rule, YamlMapping root, IEnumerable<Diagnostic> schemaErrors)
    {
        var parts = new List<SourceSpan>();
        foreach (var error in schemaErrors.Where(d => d.IsError))
        {
            var entry = root.Entries.FirstOrDefault(e => Contains(EntrySpan(e), error.Span));
            parts.Add(entry is null ? root.Span with { EndLine = root.Span.Line, EndColumn = root.Span.Column } : EntrySpan(entry));
        }

        return new PartialRule(rule, [.. parts.Distinct()]);
    }

    /// <summary>A diagnostic found in a rejected part only repeats a schema error in other words.</summary>
    public bool IsEcho(Diagnostic diagnostic) => RejectedParts.Any(part => Contains(part, diagnostic.Span));

    private static SourceSpan EntrySpan(YamlEntry entry) =>
        entry.Key.Span with { EndLine = entry.Value.Span.EndLine, EndColumn = entry.Value.Span.EndColumn };

    private static bool Contains(SourceSpan outer, SourceSpan inner) =>
        outer.Path == inner.Path
        && (inner.Line, inner.Column).CompareTo((outer.Line, outer.Column)) >= 0
        && (inner.Line, inner.Column).CompareTo((outer.EndLine, outer.EndColumn)) <= 0;
}
