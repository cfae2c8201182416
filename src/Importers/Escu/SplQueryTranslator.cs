using System.Collections.Immutable;
using RuleCompiler.Backends.Splunk.Spl;
using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Importers.Escu;

/// <summary>
/// The result of translating one SPL search: the canonical search text and data source (null when an error stood in
/// the way), and the diagnostics: errors for what has no translation, notes (info) where the faithful canonical form
/// differs from a literal reading.
/// </summary>
public sealed record SplTranslation(string? Search, string? DataSource, ImmutableArray<Diagnostic> Diagnostics)
{
    public IEnumerable<Diagnostic> Notes => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Info);

    /// <summary>The columns the search outputs when it ends in rows of its own (after stats, table, fields); null for events.</summary>
    public ImmutableArray<string>? OutputColumns { get; init; }
}

/// <summary>
/// Translates an ESCU SPL search into the canonical language: the data-source macro picks the data source, search
/// terms become a <c>where</c>, and each command its stage(s). ESCU's conventions (<c>security_content_ctime</c>,
/// the rule's <c>_filter</c> macro) are dropped, as every backend adds its own; allow-list macros become list
/// membership. <c>rulec translate --from spl</c> and the ESCU importer both call <see cref="Translate"/>.
/// </summary>
public static class SplQueryTranslator
{
    /// <summary>Translates SPL text; positions are the text's own (line and column), in a file named <paramref name="path"/>.</summary>
    public static SplTranslation Translate(string spl, SplTranslationContext context, string path = "<spl>") =>
        Translate(spl, context, token => SourceSpan.At(path, token.Line, token.Column));

    /// <summary>Translates SPL text; <paramref name="spanOf"/> maps a token to its position in the source file.</summary>
    public static SplTranslation Translate(string spl, SplTranslationContext context, Func<SplToken, SourceSpan> spanOf)
    {
        var pipeline = SplCommandParser.Parse(spl);
        var diagnostics = new List<Diagnostic>();
        foreach (var problem in pipeline.Problems)
        {
            var at = new SplToken(SplTokenKind.Word, "", "", problem.Offset, problem.Line, problem.Column);
            diagnostics.Add(Diagnostic.Error(EscuDiagnosticCodes.SplSyntax, problem.Message, spanOf(at)));
        }

        if (pipeline.Commands.IsEmpty)
        {
            diagnostics.Add(Diagnostic.Error(EscuDiagnosticCodes.SplSyntax, "the search is empty", spanOf(new SplToken(SplTokenKind.Word, "", "", 0, 1, 1))));
            return new SplTranslation(null, null, [.. diagnostics]);
        }

        var first = pipeline.Commands[0];
        var dataSource = first.Name == "search"
            ? first.Arguments.Where(t => t.Kind == SplTokenKind.Macro).Select(t => context.DataSourceOf(t.Text)).FirstOrDefault(d => d is not null)
            : null;
        if (first.Name == "tstats")
        {
            (dataSource, var problem) = SplPipelineTranslator.TstatsSource(first, context.DataSources);
            if (problem is { } refused)
            {
                diagnostics.Add(Diagnostic.Error(refused.Code, refused.Message, spanOf(refused.At)));
                return new SplTranslation(null, null, [.. diagnostics]);
            }
        }

        if (dataSource is null)
        {
            var (code, message) = first.Name == "search"
                ? (EscuDiagnosticCodes.UnmappedDataSource, $"no data source of the repository has this search's source as its Splunk base search (known: {string.Join(", ", context.DataSources.Where(d => !d.Splunk.IsDataModel).Select(d => d.Splunk.BaseSearch).Order(StringComparer.Ordinal))})")
                : (EscuDiagnosticCodes.UnsupportedCommand, $"the generating command '{first.Head.Value}' (data models, lookups) has no canonical translation; a search starts from a data source");
            diagnostics.Add(Diagnostic.Error(code, message, spanOf(first.Head)));
            return new SplTranslation(null, null, [.. diagnostics]);
        }

        var scope = new SplFieldScope(dataSource);
        var translator = new SplPipelineTranslator(scope, context, (token, code, message, severity) =>
            diagnostics.Add(new Diagnostic(severity, code, message, spanOf(token))));
        var search = translator.Run(pipeline.Commands);
        SplSourceFieldChecks.Check(pipeline.Commands, dataSource, context.DataSources, diagnostics.Any(d => d.IsError), (token, code, message, severity) =>
            diagnostics.Add(new Diagnostic(severity, code, message, spanOf(token))));
        var failed = diagnostics.Any(d => d.IsError);
        return new SplTranslation(failed ? null : search, dataSource.Name, [.. diagnostics.Distinct()])
        {
            OutputColumns = scope.RawEvents ? null : [.. scope.Columns],
        };
    }
}
