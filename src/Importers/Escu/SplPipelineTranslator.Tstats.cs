using System.Collections.Immutable;
using RuleCompiler.Backends.Splunk.Spl;
using RuleCompiler.Compiler.Language.Printing;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Importers.Escu;

/// <summary>
/// <c>| tstats [options] AGG... from datamodel=X[.Y] [where TERMS] [by FIELDS [span=S]]</c> over a data-model data
/// source: the where part is read as search terms (a <c>where</c>), the aggregates and by-fields as a stats (a
/// <c>summarize</c>). tstats leaves out a row whose by-field is null unless <c>fillnull_value</c> is given, which
/// groups such rows under that text: the stats translation's by-field guard and fill say exactly that. Options
/// that change which rows are read or how the output is shaped (<c>prestats</c>, <c>append</c>, a nodename) are
/// refused; <c>summariesonly</c> and <c>allow_old_summaries</c> choose which summaries are read (data completeness,
/// not what a row means) and are noted.
/// </summary>
internal sealed partial class SplPipelineTranslator
{
    /// <summary>
    /// The tstats options ESCU's <c>security_content_summariesonly</c> macro sets through the config macros
    /// <c>summariesonly_config</c>, <c>oldsummaries_config</c> and <c>fillnull_config</c>, which security_content does not
    /// define: their public default values, as ESCU's earlier literal definition of the macro wrote them.
    /// </summary>
    internal static readonly ImmutableArray<(string Option, string Value)> SummariesOnlyDefaults =
        [("summariesonly", "false"), ("allow_old_summaries", "true"), ("fillnull_value", "null")];

    internal const string SummariesOnlyMacro = "security_content_summariesonly";

    private void Tstats(SplCommand command)
    {
        if (_index != 0)
        {
            throw new SplTranslationException(command.Head, EscuDiagnosticCodes.UnsupportedTstats, "tstats after the first command (prestats or append mode) has no canonical translation");
        }

        var dataset = scope.DataSource.Splunk.Dataset!;
        var tokens = command.Arguments;
        var at = 0;
        string? fill = null;
        while (at < tokens.Length && (IsOption(tokens, at) || tokens[at].Kind == SplTokenKind.Macro))
        {
            if (tokens[at].Kind == SplTokenKind.Macro)
            {
                fill = SummariesMacro(tokens[at]) ?? fill;
                at++;
                continue;
            }

            fill = Option(tokens[at], tokens[at + 2]) ?? fill;
            at += 3;
        }

        var from = IndexOfWord(tokens, at, "from");
        if (from < 0)
        {
            throw new SplTranslationException(command.Head, EscuDiagnosticCodes.UnsupportedTstats, "tstats without 'from datamodel=...' reads indexed fields of raw events, which have no canonical data source");
        }

        var afterSource = from + 4;
        var by = IndexOfWord(tokens, afterSource, "by", "groupby");
        var where = afterSource < tokens.Length && tokens[afterSource].Value.Equals("where", StringComparison.OrdinalIgnoreCase) ? afterSource : -1;
        if (where < 0 && afterSource < tokens.Length && by != afterSource)
        {
            throw new SplTranslationException(tokens[afterSource], EscuDiagnosticCodes.SplSyntax, $"expected 'where' or 'by' after the data model, not '{tokens[afterSource].Text}'");
        }

        var aggregates = tokens[at..from];
        var terms = where < 0 ? [] : tokens[(where + 1)..(by < 0 ? tokens.Length : by)];
        var keys = by < 0 ? [] : tokens[(by + 1)..];
        CheckFields(aggregates.Where((t, i) => i > 0 && aggregates[i - 1].Kind == SplTokenKind.OpenParen), dataset);
        if (terms.FirstOrDefault(t => t.Kind == SplTokenKind.Word && t.Value.Equals("nodename", StringComparison.OrdinalIgnoreCase)) is { } node)
        {
            throw new SplTranslationException(node, EscuDiagnosticCodes.UnsupportedTstats, "'where nodename=...' selects a child dataset, which is a data source of its own: name it in datamodel=X.Y");
        }

        CheckFields(terms.Where((t, i) => t.Kind == SplTokenKind.Word && i + 1 < terms.Length
            && (terms[i + 1].Kind == SplTokenKind.Operator || terms[i + 1] is { Kind: SplTokenKind.Word } next && next.Value.Equals("IN", StringComparison.OrdinalIgnoreCase))), dataset);

        if (terms.Length > 0)
        {
            Search(new SplCommand("search", tokens[where], terms));
        }

        var (keyTokens, span) = KeysAndSpan(keys);
        CheckFields(keyTokens, dataset);
        foreach (var key in keyTokens.Where(k => scope.DataSource.FindField(k.Value) is { Multivalued: true }))
        {
            throw new SplTranslationException(key, EscuDiagnosticCodes.UnsupportedTstats, $"tstats by the multivalue field '{key.Value}' groups a row under each of its values; that grouping is not translated");
        }

        if (span is { } spanOption)
        {
            if (!keyTokens.Any(k => k.Value == "_time"))
            {
                throw new SplTranslationException(spanOption.Word, EscuDiagnosticCodes.UnsupportedTstats, "span= without _time among the by-fields");
            }

            if (aggregates.Where((t, i) => i > 0 && aggregates[i - 1].Kind == SplTokenKind.OpenParen).FirstOrDefault(t => t.Value == "_time") is { } time)
            {
                // Binned first, the aggregate would read the bin's start; tstats' documentation does not say which it reads.
                throw new SplTranslationException(time, EscuDiagnosticCodes.UnsupportedTstats, "an aggregate of _time with span=: whether tstats computes it over the binned time or the row's own is not documented");
            }

            _stages.Add($"extend _time = bin(_time, {SpanLiteral(spanOption.Value)})");
        }

        _pendingFill = fill is null ? null : StringLiterals.Quote(fill);
        var byWord = by < 0 ? [] : ImmutableArray.Create(tokens[by] with { Value = "by", Text = "by" });
        var binAt = span is null ? -1 : _stages.Count - 1;
        Stats(new SplCommand("stats", command.Head, [.. aggregates, .. byWord, .. keyTokens]));
        if (binAt >= 0 && _stages[binAt + 1].StartsWith("where ", StringComparison.Ordinal))
        {
            // The by-field guard (which never reads _time) before the bin, so the bin stays next to the summarize: tstats' span=.
            (_stages[binAt], _stages[binAt + 1]) = (_stages[binAt + 1], _stages[binAt]);
        }
    }

    private static bool IsOption(ImmutableArray<SplToken> tokens, int at) =>
        at + 2 < tokens.Length && tokens[at].Kind == SplTokenKind.Word && tokens[at + 1] is { Kind: SplTokenKind.Operator, Value: "=" }
        && !tokens[at].Value.Equals("datamodel", StringComparison.OrdinalIgnoreCase);

    /// <summary>One tstats option; the fill value when it is fillnull_value.</summary>
    private string? Option(SplToken name, SplToken value)
    {
        switch (name.Value.ToLowerInvariant())
        {
            case "fillnull_value":
                return value.Value;
            case "summariesonly" or "allow_old_summaries":
                if (IsTrue(value.Value) && name.Value.Equals("summariesonly", StringComparison.OrdinalIgnoreCase))
                {
                    Note(name, EscuDiagnosticCodes.TstatsNote, "summariesonly=true reads only the accelerated summaries of the data model (rows not yet summarised are left out): which rows are read, not what a row means; the canonical rule reads every row");
                }

                return null;
            default:
                throw new SplTranslationException(name, EscuDiagnosticCodes.UnsupportedTstats, $"the tstats option '{name.Value}' has no canonical translation (prestats, append, chunk_size, local and the like change how tstats runs or what it outputs)");
        }
    }

    private static bool IsTrue(string value) => value.ToLowerInvariant() is "true" or "t" or "1";

    /// <summary>ESCU's summaries macro: its options through the config macros' default values (noted).</summary>
    private string? SummariesMacro(SplToken macro)
    {
        if (macro.Value != SummariesOnlyMacro)
        {
            throw new SplTranslationException(macro, EscuDiagnosticCodes.UnknownMacro, $"the macro `{macro.Value}` in tstats options is not {SummariesOnlyMacro}");
        }

        Note(macro, EscuDiagnosticCodes.TstatsNote, $"`{SummariesOnlyMacro}` expands through the config macros summariesonly_config, oldsummaries_config and fillnull_config, which the detections repository does not define: read with their public defaults, {string.Join(" ", SummariesOnlyDefaults.Select(o => $"{o.Option}={o.Value}"))} (a deployment that changes fillnull_config groups null by-fields under another text)");
        return SummariesOnlyDefaults.Single(o => o.Option == "fillnull_value").Value;
    }

    private static int IndexOfWord(ImmutableArray<SplToken> tokens, int start, params string[] words)
    {
        var depth = 0;
        for (var i = start; i < tokens.Length; i++)
        {
            depth += tokens[i].Kind switch { SplTokenKind.OpenParen => 1, SplTokenKind.CloseParen => -1, _ => 0 };
            if (depth == 0 && tokens[i].Kind == SplTokenKind.Word && words.Any(w => tokens[i].Value.Equals(w, StringComparison.OrdinalIgnoreCase)))
            {
                return i;
            }
        }

        return -1;
    }

    private static (List<SplToken> Keys, (SplToken Word, SplToken Value)? Span) KeysAndSpan(ImmutableArray<SplToken> keys)
    {
        var list = new List<SplToken>();
        (SplToken, SplToken)? span = null;
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i].Kind == SplTokenKind.Word && keys[i].Value.Equals("span", StringComparison.OrdinalIgnoreCase)
                && i + 2 < keys.Length && keys[i + 1] is { Kind: SplTokenKind.Operator, Value: "=" })
            {
                span = (keys[i], keys[i + 2]);
                i += 2;
            }
            else if (keys[i].Kind != SplTokenKind.Comma)
            {
                list.Add(keys[i]);
            }
        }

        return (list, span);
    }

    /// <summary>tstats names a data-model field with its dataset (Authentication.user); a name that is not one is refused here.</summary>
    private void CheckFields(IEnumerable<SplToken> names, string dataset)
    {
        foreach (var name in names.Where(n => n.Kind is SplTokenKind.Word or SplTokenKind.QuotedField))
        {
            var field = name.Value;
            if (field == "_time" || scope.DataSource.FindField(field) is not null)
            {
                continue;
            }

            var message = scope.DataSource.FindField(dataset + "." + field) is not null
                ? $"'{field}' without its dataset: tstats over datamodel={scope.DataSource.Splunk.DataModel} names the field {dataset}.{field}"
                : $"'{field}' is not a field of the data source {scope.DataSource.Name} (the {scope.DataSource.Splunk.DataModel} data model's {dataset} fields, _time, source, sourcetype, host)";
            throw new SplTranslationException(name, EscuDiagnosticCodes.DataModelField, message);
        }
    }

    /// <summary>
    /// ESCU's <c>drop_dm_object_name(X)</c>, which ESCU defines as <c>rename X.* as *</c>: every column the rows hold
    /// whose name starts with <c>X.</c> loses that prefix.
    /// </summary>
    private bool DropDataModelObjectName(SplCommand command)
    {
        if (SplSourceFieldChecks.DroppedPrefix(command) is not { } prefix)
        {
            return false;
        }

        var name = command.Head.Value;
        if (scope.RawEvents)
        {
            throw new SplTranslationException(command.Head, EscuDiagnosticCodes.UnsupportedArgument, $"`{name}` (rename {prefix}* as *) over events: the fields it renames are not known before a stats, table or fields");
        }

        var renames = scope.Columns.Where(c => c.StartsWith(prefix, StringComparison.Ordinal) && c.Length > prefix.Length).ToList();
        foreach (var column in renames)
        {
            scope.Remove(column);
            scope.Define(column[prefix.Length..]);
        }

        if (renames.Count > 0)
        {
            _stages.Add("project-rename " + string.Join(", ", renames.Select(c => $"{SplFieldScope.Name(c[prefix.Length..])} = {SplFieldScope.Path(c)}")));
        }

        return true;
    }

    /// <summary>The data source a tstats reads: the repository's data-model source of <c>datamodel=X.Y</c> (or X's root dataset).</summary>
    internal static (DataSource? Source, (SplToken At, string Code, string Message)? Problem) TstatsSource(SplCommand command, IReadOnlyList<DataSource> sources)
    {
        var tokens = command.Arguments;
        var from = IndexOfWord(tokens, 0, "from");
        if (from < 0)
        {
            return (null, (command.Head, EscuDiagnosticCodes.UnsupportedTstats, "tstats without 'from datamodel=...' reads indexed fields of raw events, which have no canonical data source"));
        }

        if (from + 3 >= tokens.Length || !tokens[from + 1].Value.Equals("datamodel", StringComparison.OrdinalIgnoreCase) || tokens[from + 2] is not { Kind: SplTokenKind.Operator, Value: "=" })
        {
            return (null, (tokens[Math.Min(from + 1, tokens.Length - 1)], EscuDiagnosticCodes.UnsupportedTstats, "tstats is translated from a data model (from datamodel=X.Y), not from a namespace or a tscollect job"));
        }

        var name = tokens[from + 3];
        var parts = name.Value.Split('.');
        var source = parts.Length switch
        {
            1 => sources.FirstOrDefault(s => s.Splunk.IsDataModel && s.Splunk.DataModel == parts[0] && s.Splunk.RootDataset),
            2 => sources.FirstOrDefault(s => s.Splunk.IsDataModel && s.Splunk.DataModel == parts[0] && s.Splunk.Dataset == parts[1]),
            _ => null,
        };
        var known = string.Join(", ", sources.Where(s => s.Splunk.IsDataModel).Select(s => $"{s.Splunk.DataModel}.{s.Splunk.Dataset}").Order(StringComparer.Ordinal));
        return source is null
            ? (null, (name, EscuDiagnosticCodes.UnmappedDataModel, $"no data source of the repository is the data model dataset '{name.Value}'{(parts.Length == 1 ? " (as the root dataset)" : "")} (known: {known})"))
            : (source, null);
    }
}
