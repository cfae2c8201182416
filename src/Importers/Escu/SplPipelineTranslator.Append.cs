using RuleCompiler.Backends.Splunk.Spl;

namespace RuleCompiler.Importers.Escu;

/// <summary>
/// <c>append [search ...]</c> over the rule's own data source: the rows so far, then the subsearch's rows, which is
/// the canonical <c>union</c> of the subsearch's pipeline (translated by a translator of its own, with its own search
/// terms and fields). SPL caps the subsearch (50,000 rows, 60 seconds); the canonical union has no cap, which the
/// note RC5028 says. Only events meet here: append after a stats, table or fields, a subsearch that ends in rows of
/// its own, or one over another source, is reported.
/// </summary>
internal sealed partial class SplPipelineTranslator
{
    private void Append(SplCommand command)
    {
        var arguments = command.Arguments;
        if (arguments.Length < 3 || arguments[0].Kind != SplTokenKind.OpenBracket || arguments[^1].Kind != SplTokenKind.CloseBracket)
        {
            throw new SplTranslationException(command.Head, EscuDiagnosticCodes.UnsupportedArgument, "'append' is translated only as 'append [search ...]', with no options");
        }

        if (!scope.RawEvents || _pendingFill is not null)
        {
            throw new SplTranslationException(command.Head, EscuDiagnosticCodes.UnsupportedCommand, "'append' after a stats, table, fields or bare fillnull is not translated: only events are appended to events");
        }

        var commands = SplCommandParser.Commands(arguments[1..^1]);
        var first = commands.FirstOrDefault();
        if (first is not { Name: "search" } || !first.Arguments.Any(t => t.Kind == SplTokenKind.Macro && context.DataSourceOf(t.Text)?.Name == scope.DataSource.Name))
        {
            throw new SplTranslationException(arguments[1], EscuDiagnosticCodes.UnsupportedCommand, $"the subsearch of 'append' is translated only when it searches the rule's own data source ({scope.DataSource.Splunk.BaseSearch})");
        }

        var branchScope = new SplFieldScope(scope.DataSource);
        var failed = false;
        var branch = new SplPipelineTranslator(branchScope, context, (token, code, message, severity) =>
        {
            failed |= severity == Compiler.Diagnostics.DiagnosticSeverity.Error;
            report(token, code, message, severity);
        });
        var pipeline = branch.Run(commands);
        if (failed)
        {
            return;
        }

        if (branch._lets.Count > 0 || !branchScope.RawEvents || !branch._numericText.IsEmpty
            || branchScope.Columns.Any(_numericText.Contains))
        {
            throw new SplTranslationException(arguments[1], EscuDiagnosticCodes.UnsupportedCommand, "the subsearch of 'append' is translated only while its rows are events (no eventstats, stats, table or fields) and it computes no hour text the search compares as a number");
        }

        _stages.Add("union (" + pipeline.TrimEnd('\n').Replace("\n| ", " | ", StringComparison.Ordinal) + ")");
        Note(command.Head, EscuDiagnosticCodes.FidelityNote, "SPL's append returns at most 50,000 rows of its subsearch and stops it after 60 seconds; the canonical union keeps every row");
        foreach (var column in branchScope.Columns)
        {
            scope.Define(column);
        }

        _memberListColumns.UnionWith(branch._memberListColumns);
        // The appended rows passed the subsearch's terms, not the main search's: no eventName bound holds for all rows.
        scope.RequireEventNames([]);
    }
}
