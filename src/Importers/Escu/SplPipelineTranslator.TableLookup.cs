using RuleCompiler.Backends.Splunk.Spl;

namespace RuleCompiler.Importers.Escu;

/// <summary>
/// <c>lookup T k1 [AS f1][,] ... OUTPUT|OUTPUTNEW c1 [AS d1][,] ...</c> of a table: each row gets, as d1, the c1 values
/// of the table rows whose k1 is the row's f1 (every key, matched exactly, as transforms.conf's default
/// case_sensitive_match), a multivalue of up to 100 values in table order (max_matches' default), and nothing when no
/// row matches. The canonical form is a left-outer join on the table grouped by the keys, <c>join kind=leftouter
/// (table(T) | summarize d1 = make_list(c1) by f1 = k1 | where isnotempty(f1)) on f1 | project-away f11</c>, whose
/// make_list holds every matching value (the Splunk backend's list() keeps 100, which it reports). d1 is a list, shown
/// as SPL shows a multivalue field (table, fields); where SPL's eval has a single value for one match, so an eval or
/// where reads it only by isnull/isnotnull (whether some row matched: the "previously seen" test), and any other such
/// read is refused. New output names only, so OUTPUT (which overwrites) and OUTPUTNEW (which does not) mean the same;
/// except that OUTPUTNEW into fields every row has (a stats time or count) changes nothing, and is read as nothing.
/// </summary>
internal sealed partial class SplPipelineTranslator
{
    private void TableLookup(SplCommand command)
    {
        var args = command.Arguments;
        var table = context.Tables[args[0].Value];
        var output = Enumerable.Range(0, args.Length).FirstOrDefault(i => args[i].Kind == SplTokenKind.Word
            && (args[i].Value.Equals("OUTPUT", StringComparison.OrdinalIgnoreCase) || args[i].Value.Equals("OUTPUTNEW", StringComparison.OrdinalIgnoreCase)), -1);
        if (output < 0)
        {
            throw new SplTranslationException(command.Head, EscuDiagnosticCodes.UntranslatedLookup, $"'lookup {table.Name}' is translated only with OUTPUT or OUTPUTNEW naming the columns it adds");
        }

        var keys = Pairs(args[1..output]);
        var outputs = Pairs(args[(output + 1)..]);
        if (keys.Count == 0 || outputs.Count == 0)
        {
            throw new SplTranslationException(command.Head, EscuDiagnosticCodes.UntranslatedLookup, $"'lookup {table.Name}' needs its key fields and its output columns");
        }

        var columns = table.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (column, _) in keys.Concat(outputs).Where(p => !columns.Contains(p.Column.Value)))
        {
            throw new SplTranslationException(column, EscuDiagnosticCodes.UntranslatedLookup, $"'{column.Value}' is not a column of the table {table.Name} ({string.Join(", ", columns)})");
        }

        var keyNames = keys.Select(k => k.Name.Value).ToList();
        if (IsOutputNew(args[output]) && outputs.All(p => _kinds.IsTime(p.Name.Value) || _kinds.IsCount(p.Name.Value)))
        {
            // OUTPUTNEW looks up only the rows whose output fields are missing; a stats time or count is never missing.
            Note(args[output], EscuDiagnosticCodes.FidelityNote,
                $"lookup {table.Name} ... OUTPUTNEW {string.Join(", ", outputs.Select(p => p.Name.Value))} changes no row: every row already has {(outputs.Count == 1 ? "that field" : "those fields")} (a stats time or count), and OUTPUTNEW does not look up such rows");
            return;
        }

        foreach (var (_, name) in outputs.Where(p => scope.IsColumn(p.Name.Value) || scope.IsDataSourceField(p.Name.Value) || keyNames.Contains(p.Name.Value) || scope.IsColumn(p.Name.Value + "1")))
        {
            throw new SplTranslationException(name, EscuDiagnosticCodes.UntranslatedLookup,
                $"the lookup's output '{name.Value}' is already a field of the rows (or its join copy's name): OUTPUT would overwrite it and OUTPUTNEW keep it, which the translation does not state; name a new field with AS");
        }

        var aggregates = outputs.Select(p => $"{SplFieldScope.Path(p.Name.Value)} = make_list({SplFieldScope.Path(p.Column.Value)})");
        var by = keys.Select(p => p.Name.Value == p.Column.Value ? SplFieldScope.Path(p.Name.Value) : $"{SplFieldScope.Path(p.Name.Value)} = {SplFieldScope.Path(p.Column.Value)}");
        AddTableJoin("leftouter", table, [$"summarize {string.Join(", ", aggregates)} by {string.Join(", ", by)}"], keyNames);
        foreach (var (_, name) in outputs)
        {
            scope.Define(name.Value);
            scope.DefineListMatch(name.Value, $"isnotempty({SplFieldScope.Path(name.Value)})");
        }

        Note(command.Head, EscuDiagnosticCodes.FidelityNote,
            $"lookup {table.Name} is a left-outer join on the table grouped by {string.Join(", ", keys.Select(k => k.Column.Value))}; its output is every matching row's value, read in eval and where only by isnull/isnotnull (whether a row matched)");
    }

    private static bool IsOutputNew(SplToken keyword) => keyword.Value.Equals("OUTPUTNEW", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>a [AS b]</c> pairs, commas optional: the table's column and the row's field (the same name without AS).</summary>
    private static List<(SplToken Column, SplToken Name)> Pairs(IReadOnlyList<SplToken> tokens)
    {
        var pairs = new List<(SplToken, SplToken)>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == SplTokenKind.Comma)
            {
                continue;
            }

            if (token.Kind != SplTokenKind.Word || !Compiler.Language.Syntax.SyntaxFacts.IsBareName(token.Value))
            {
                throw new SplTranslationException(token, EscuDiagnosticCodes.UntranslatedLookup, $"'{token.Text}' is not a lookup field name");
            }

            if (i + 2 < tokens.Count && tokens[i + 1] is { Kind: SplTokenKind.Word } kw && kw.Value.Equals("AS", StringComparison.OrdinalIgnoreCase))
            {
                var name = tokens[i + 2];
                if (name.Kind != SplTokenKind.Word || !Compiler.Language.Syntax.SyntaxFacts.IsBareName(name.Value))
                {
                    throw new SplTranslationException(name, EscuDiagnosticCodes.UntranslatedLookup, $"'{name.Text}' is not a field name");
                }

                pairs.Add((token, name));
                i += 2;
                continue;
            }

            pairs.Add((token, token));
        }

        return pairs;
    }
}
