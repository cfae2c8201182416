using RuleCompiler.Backends.Splunk.Spl;

namespace RuleCompiler.Importers.Escu;

/// <summary>
/// <c>eventstats</c>: every row keeps its fields and gets the aggregates of the rows with its by-keys. Canonically the
/// rows so far are a <c>let</c> sub-pipeline, summarized by the keys and joined back (<c>leftouter</c>, so every row
/// stays). SPL leaves rows whose key is missing out of the aggregates and gives them none, so the summarized side
/// keeps only rows whose keys are all present: a join key that is empty on the left then finds no partner. Without
/// <c>by</c> the aggregates are over all rows: both sides get one constant key (<c>rc_all_N = true</c>), dropped after.
/// </summary>
internal sealed partial class SplPipelineTranslator
{
    private readonly List<string> _lets = [];

    private void EventStats(SplCommand command)
    {
        var (aggregates, keys) = StatsItems(command);
        if (_pendingFill is not null)
        {
            throw new SplTranslationException(command.Head, EscuDiagnosticCodes.UnsupportedArgument, "a bare fillnull before eventstats is not translated");
        }

        // A key the add-on derives (user_arn, src_ip) is computed into a column first: the join reads columns.
        foreach (var key in keys.Where(k => k.Value != "_time" && !scope.IsColumn(k.Value) && scope.DataSource.FindField(k.Value) is null
            && Compiler.Language.Syntax.SyntaxFacts.IsBareName(k.Value)))
        {
            var (expression, derived) = scope.Resolve(key.Value);
            if (derived is not null)
            {
                Note(key, EscuDiagnosticCodes.DerivedField, derived);
                _stages.Add($"extend {SplFieldScope.Name(key.Value)} = {expression}");
                scope.Define(key.Value);
            }
        }

        foreach (var key in keys)
        {
            var known = scope.IsColumn(key.Value) || key.Value == "_time" || scope.DataSource.FindField(key.Value) is not null;
            if (!known || !Compiler.Language.Syntax.SyntaxFacts.IsBareName(key.Value) || scope.IsColumn(key.Value + "1") || scope.DataSource.FindField(key.Value + "1") is not null)
            {
                throw new SplTranslationException(key, EscuDiagnosticCodes.UnsupportedArgument, $"the eventstats key '{key.Value}' is not translated: a join key must be a column or declared field with a plain name (and '{key.Value}1' free for the joined copy)");
            }
        }

        // eventstats replaces a field of the aggregate's name; the join would keep both (the new one suffixed).
        if (aggregates.FindIndex(a => scope.IsColumn(a.Name) || scope.DataSource.FindField(a.Name) is not null) is var taken and >= 0)
        {
            throw new SplTranslationException(command.Head, EscuDiagnosticCodes.UnsupportedArgument, $"the eventstats output '{aggregates[taken].Name}' replaces a field of that name, which the canonical join would keep");
        }

        var rows = $"rc_rows_{_lets.Count + 1}";
        _lets.Add($"let {rows} = ({(_stages.Count == 0 ? "where true" : string.Join("\n| ", _stages))});");
        var items = string.Join(", ", aggregates.Select(a => $"{SplFieldScope.Name(a.Name)} = {a.Expression}"));
        _stages.Clear();
        _stages.Add(rows);
        if (keys.Count == 0)
        {
            // Over all rows: every row and the one aggregate row get the same constant key, so each row gets the aggregates.
            var all = $"rc_all_{_lets.Count}";
            _stages.Add($"extend {all} = true");
            _stages.Add($"join kind=leftouter ({rows} | summarize {items} | extend {all} = true) on {all}");
            _stages.Add($"project-away {all}, {all}1");
            aggregates.ForEach(a => scope.Define(a.Name));
            return;
        }

        var names = keys.Select(k => SplFieldScope.Path(k.Value)).ToList();
        var present = string.Join(" and ", names.Select(n => $"isnotempty({n})"));
        _stages.Add($"join kind=leftouter ({rows} | where {present} | summarize {items} by {string.Join(", ", names)}) on {string.Join(", ", names)}");
        // The right side's keys come back with a suffix (as KQL's join names them); they repeat the left's.
        _stages.Add("project-away " + string.Join(", ", keys.Select(k => SplFieldScope.Name(k.Value + "1"))));
        aggregates.ForEach(a => scope.Define(a.Name));
    }
}
