using System.Collections.Immutable;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Compiler.Language.Syntax;
using RuleCompiler.Compiler.Model;
using RuleCompiler.Compiler.Yaml;
using YamlDotNet.Core;

namespace RuleCompiler.Compiler.Language.Binding;

/// <summary>The outcome of parsing and binding a rule's search: diagnostics are placed in the YAML files.</summary>
public sealed record SearchBindingResult(Query? Query, BoundQuery? Bound, ImmutableArray<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    /// <summary>The names of the search's output columns (empty when it did not parse).</summary>
    public IReadOnlySet<string> OutputColumnNames { get; } =
        (Bound?.OutputColumns.Select(c => c.Name) ?? []).ToHashSet(StringComparer.Ordinal);
}

/// <summary>
/// Glue from the loaded model to the language: parses a rule's <c>search</c> (or a fragment's <c>stages</c>), binds
/// it, and maps every syntax and binding diagnostic to its line and column in the file it was written in.
/// </summary>
public static class SearchBinding
{
    public static SearchSourceMap MapOf(ScalarSource source) =>
        SearchSourceMap.Create(source.Text, Style(source.Style), source.FileText, source.Span.Line, source.Span.Column);

    /// <summary>Parses and binds a rule's search against its context (data source, lists, parsed fragments).</summary>
    public static SearchBindingResult Bind(string path, ScalarSource search, BindingContext context)
    {
        var map = MapOf(search);
        var parsed = QueryParser.Parse(search.Text);
        var diagnostics = parsed.Diagnostics.Select(d => d.ToDiagnostic(path, map)).ToList();
        if (parsed.Query is null) return new SearchBindingResult(null, null, [.. diagnostics]);

        var bound = QueryBinder.Bind(parsed.Query, context);
        diagnostics.AddRange(bound.Diagnostics.Select(d => d.ToDiagnostic(span => Place(d, span, path, map, context))));
        return new SearchBindingResult(parsed.Query, bound, [.. diagnostics]);
    }

    /// <summary>Parses a fragment's stages; syntax errors are placed in the fragment's file.</summary>
    public static (ParsedFragment? Fragment, ImmutableArray<Diagnostic> Diagnostics) ParseFragment(Fragment fragment)
    {
        var map = fragment.StagesSource is { } source ? MapOf(source) : null;
        var parsed = QueryParser.ParseStages(fragment.StagesText);
        var diagnostics = parsed.Diagnostics
            .Select(d => map is null ? new Diagnostic(d.Severity, d.Code, d.Message, fragment.StagesSpan) : d.ToDiagnostic(fragment.StagesSpan.Path, map))
            .ToImmutableArray();
        return parsed.Value is null ? (null, diagnostics) : (new ParsedFragment(fragment, parsed.Value.Stages) { Map = map }, diagnostics);
    }

    private static SourceSpan Place(BindDiagnostic diagnostic, TextSpan span, string path, SearchSourceMap map, BindingContext context)
    {
        if (diagnostic.Fragment is null) return ToSpan(path, map, span);
        var fragment = context.Fragments[diagnostic.Fragment];
        return fragment.Map is { } fragmentMap
            ? ToSpan(fragment.Definition.StagesSpan.Path, fragmentMap, span)
            : fragment.Definition.StagesSpan;
    }

    private static SourceSpan ToSpan(string path, SearchSourceMap map, TextSpan span)
    {
        var (line, column) = map.GetPosition(span.Start);
        var (endLine, endColumn) = map.GetPosition(span.End);
        return new SourceSpan(path, line, column, endLine, endColumn);
    }

    private static ScalarStyle Style(YamlScalarStyle style) => style switch
    {
        YamlScalarStyle.SingleQuoted => ScalarStyle.SingleQuoted,
        YamlScalarStyle.DoubleQuoted => ScalarStyle.DoubleQuoted,
        YamlScalarStyle.Literal => ScalarStyle.Literal,
        YamlScalarStyle.Folded => ScalarStyle.Folded,
        _ => ScalarStyle.Plain,
    };
}
