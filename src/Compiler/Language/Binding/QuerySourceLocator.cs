using System.Collections.Immutable;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Compiler.Language.Binding;

/// <summary>
/// The one mapping from query positions to file positions: a span of the rule's search (fragment null) or of a
/// fragment's stages text is placed in the file the user edits (the rule's, or the fragment's). Diagnostics and
/// bound nodes both take their positions from here.
/// </summary>
public sealed class QuerySourceLocator
{
    private readonly string _path;
    private readonly SearchSourceMap _map;
    private readonly ImmutableDictionary<string, (string Path, SearchSourceMap Map)> _fragments;

    public QuerySourceLocator(string path, SearchSourceMap map, ImmutableDictionary<string, (string Path, SearchSourceMap Map)>? fragments = null)
    {
        _path = path;
        _map = map;
        _fragments = fragments ?? ImmutableDictionary<string, (string, SearchSourceMap)>.Empty;
    }

    /// <summary>A locator for query text that is its own file (tests, tools): lines and columns of the text itself.</summary>
    public static QuerySourceLocator ForText(string path, string text) => new(path, SearchSourceMap.ForText(text));

    /// <summary>The same search, with other fragments (each rule shares the repository's fragment maps).</summary>
    public QuerySourceLocator WithSearch(string path, SearchSourceMap map) => new(path, map, _fragments);

    public SourceSpan Locate(TextSpan span, string? fragment)
    {
        var (path, map) = fragment is not null && _fragments.TryGetValue(fragment, out var f) ? f : (_path, _map);
        var (line, column) = map.GetPosition(span.Start);
        var (endLine, endColumn) = map.GetPosition(span.End);
        return new SourceSpan(path, line, column, endLine, endColumn);
    }

    public Diagnostic ToDiagnostic(BindDiagnostic diagnostic) =>
        new(diagnostic.Severity, diagnostic.Code, diagnostic.Message, Locate(diagnostic.Span, diagnostic.Fragment));
}
