using RuleCompiler.Backends.Splunk.Spl;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Importers.Escu;

/// <summary>
/// <c>join [type=inner|outer|left] [max=1|0] f1 f2 [| inputlookup T | ...]</c>: a join on a lookup table, as the
/// canonical <c>join kind=inner|leftouter (table(T) | ... | where isnotempty(f1) and ...) on f1, f2 | project-away f11,
/// f21</c> (docs/semantics.md, join with a table). SPL's join never matches a row without a value of every join field
/// (the where says so) and keeps one field per name (the project-away drops the join's copies of the keys). With max=1
/// (the default) SPL keeps the first matching subsearch row per row: that is every match when the subsearch ends in a
/// stats by exactly the join fields; when it ends in a stats by the join fields and one more field x, stats' output is
/// sorted by its by-fields, so the first row per key is the one with the smallest x, which the canonical form states
/// as <c>summarize arg_min(x, *) by f1, ...</c> (a note says the order assumed); anything else is refused, as "first"
/// in a collection's order cannot be stated. max=0 is every match.
/// </summary>
internal sealed partial class SplPipelineTranslator
{
    /// <summary>The by-fields of the last stats (null before one), and the commands since it: what decides SPL's first row per key.</summary>
    private IReadOnlyList<string>? _lastStatsBy;
    private readonly List<string> _afterLastStats = [];

    private void Join(SplCommand command)
    {
        var arguments = command.Arguments;
        var open = arguments.IndexOf(arguments.FirstOrDefault(t => t.Kind == SplTokenKind.OpenBracket)!);
        if (open < 0 || arguments[^1].Kind != SplTokenKind.CloseBracket)
        {
            throw new SplTranslationException(command.Head, EscuDiagnosticCodes.UnsupportedArgument, "'join' is translated only with a subsearch: join FIELDS [| inputlookup TABLE ...]");
        }

        var (kind, allMatches, keys) = JoinOptions(command, arguments[..open]);
        var commands = SplCommandParser.Commands(arguments[(open + 1)..^1]);
        if (commands.FirstOrDefault() is not { Name: "inputlookup" } input)
        {
            throw new SplTranslationException(arguments[open], EscuDiagnosticCodes.UnsupportedCommand, "the subsearch of 'join' is translated only when it reads a lookup table: [| inputlookup TABLE ...]");
        }

        var table = InputLookupTable(input);
        var rightScope = new SplFieldScope(scope.DataSource);
        rightScope.Replace(table.Columns.Select(c => c.Name));
        var failed = false;
        var right = new SplPipelineTranslator(rightScope, context, (token, code, message, severity) =>
        {
            failed |= severity == Compiler.Diagnostics.DiagnosticSeverity.Error;
            report(token, code, message, severity);
        });
        var stages = commands.Length > 1 ? right.Run(commands[1..]) : "";
        if (failed)
        {
            return;
        }

        if (right._lets.Count > 0 || !right._numericText.IsEmpty)
        {
            throw new SplTranslationException(arguments[open], EscuDiagnosticCodes.UntranslatedLookup, "the subsearch of 'join' is translated only when it needs no let (eventstats) and computes no hour text compared as a number");
        }

        foreach (var key in keys.Where(k => !rightScope.IsColumn(k.Value)))
        {
            throw new SplTranslationException(key, EscuDiagnosticCodes.UntranslatedLookup, $"the join field '{key.Value}' is not a field of the subsearch's rows ({string.Join(", ", rightScope.Columns)})");
        }

        var names = keys.Select(k => k.Value).ToList();
        var rightStages = stages.Length == 0 ? [] : stages.TrimEnd('\n').Split("\n| ").ToList();
        if (!allMatches)
        {
            FirstMatch(command, table, right, rightScope, names, rightStages);
        }

        CheckCollisions(command, rightScope, names);
        AddTableJoin(kind, table, rightStages, names);
        foreach (var column in rightScope.Columns)
        {
            scope.Define(column);
        }

    }

    /// <summary>
    /// <c>join kind=K (table(T) | STAGES | where isnotempty(k1) and ...) on k1, ... | project-away k11, ...</c>: SPL matches
    /// no row without a value of every key, and keeps one field per key where the canonical join adds the right's copy.
    /// </summary>
    private void AddTableJoin(string kind, LookupTable table, List<string> rightStages, IReadOnlyList<string> keys)
    {
        rightStages.Add("where " + string.Join(" and ", keys.Select(n => $"isnotempty({SplFieldScope.Path(n)})")));
        var pipeline = string.Concat(rightStages.Select(s => "\n    | " + s.Replace("\n", "\n    ", StringComparison.Ordinal)));
        _stages.Add($"join kind={kind} (table({table.Name}){pipeline}) on {string.Join(", ", keys.Select(SplFieldScope.Path))}");
        _stages.Add("project-away " + string.Join(", ", keys.Select(n => SplFieldScope.Path(n + "1"))));
    }

    /// <summary>type=, max= and the join fields; every other option is refused (its meaning would be lost).</summary>
    private static (string Kind, bool AllMatches, List<SplToken> Keys) JoinOptions(SplCommand command, IReadOnlyList<SplToken> tokens)
    {
        var kind = "inner";
        var allMatches = false;
        var keys = new List<SplToken>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == SplTokenKind.Comma)
            {
                continue;
            }

            if (token.Kind == SplTokenKind.Word && i + 2 < tokens.Count && tokens[i + 1] is { Kind: SplTokenKind.Operator, Value: "=" })
            {
                var value = tokens[i + 2];
                switch (token.Value.ToLowerInvariant(), value.Value.ToLowerInvariant())
                {
                    case ("type", "inner"):
                        kind = "inner";
                        break;
                    case ("type", "outer" or "left"):
                        kind = "leftouter";
                        break;
                    case ("max", "1"):
                        allMatches = false;
                        break;
                    case ("max", "0"):
                        allMatches = true;
                        break;
                    default:
                        throw new SplTranslationException(token, EscuDiagnosticCodes.UntranslatedLookup, $"the join option {token.Value}={value.Value} is not translated (type=inner|outer|left and max=1|0 are)");
                }

                i += 2;
                continue;
            }

            if (token.Kind != SplTokenKind.Word || !Compiler.Language.Syntax.SyntaxFacts.IsBareName(token.Value))
            {
                throw new SplTranslationException(token, EscuDiagnosticCodes.UnsupportedArgument, $"'{token.Value}' is not a join field name");
            }

            keys.Add(token);
        }

        if (keys.Count == 0)
        {
            throw new SplTranslationException(command.Head, EscuDiagnosticCodes.UntranslatedLookup, "a join without fields joins on every field the two sides share, which the translation cannot know: name the join fields");
        }

        return (kind, allMatches, keys);
    }

    /// <summary>The table an <c>inputlookup NAME</c> reads (no options: append=, start=, max= and where= change what it reads).</summary>
    private LookupTable InputLookupTable(SplCommand input)
    {
        if (input.Arguments is not [{ Kind: SplTokenKind.Word } name])
        {
            throw new SplTranslationException(input.Head, EscuDiagnosticCodes.UntranslatedLookup, "'inputlookup' is translated only as inputlookup NAME, without options");
        }

        if (context.UnreadableLookups.TryGetValue(name.Value, out var reason))
        {
            throw new SplTranslationException(name, EscuDiagnosticCodes.UnreadableLookup, $"the ESCU lookup definition '{name.Value}' does not read as a table: {reason}");
        }

        return context.Tables.TryGetValue(name.Value, out var table)
            ? table
            : throw new SplTranslationException(name, EscuDiagnosticCodes.UnknownLookup,
                $"'{name.Value}' is neither a table of the repository (rules/tables/) nor an ESCU lookup definition (security_content/lookups/)");
    }

    /// <summary>SPL's max=1 as a canonical form, or the refusal when "first" cannot be stated.</summary>
    private void FirstMatch(SplCommand command, LookupTable table, SplPipelineTranslator right, SplFieldScope rightScope, List<string> keys, List<string> stages)
    {
        var last = right._lastStatsBy?.ToList();
        if (last is not null && last.ToHashSet(StringComparer.Ordinal).SetEquals(keys))
        {
            return; // one row per key: the first is the only one
        }

        if (last is not null && last.Count == keys.Count + 1 && keys.All(last.Contains) && rightScope.IsColumn(last[^1]) && !keys.Contains(last[^1])
            && right._afterLastStats.All(c => c is "fields" or "table" or "rename" or "where"))
        {
            // Rows after stats keep its order through fields, table, rename and where: the first remaining row per key.
            stages.Add($"summarize arg_min({SplFieldScope.Path(last[^1])}, *) by {string.Join(", ", keys.Select(SplFieldScope.Path))}");
            Note(command.Head, EscuDiagnosticCodes.FidelityNote,
                $"join keeps the first subsearch row per {string.Join(", ", keys)} (max=1): after stats ... by {string.Join(" ", last)}, the row with the smallest {last[^1]} (stats sorts its output by the by-fields; text sorts by code point here, numbers-as-text would sort differently in Splunk)");
            return;
        }

        if (table.Keys.Length > 0 && table.Keys.ToHashSet(StringComparer.Ordinal).SetEquals(keys) && last is null)
        {
            return; // the table declares one row per key
        }

        throw new SplTranslationException(command.Head, EscuDiagnosticCodes.UntranslatedLookup,
            $"join keeps the first matching subsearch row per row (max=1), in the order the lookup returns them, which the canonical form cannot state; end the subsearch with stats ... by {string.Join(" ", keys)}, or write max=0 for every match");
    }

    /// <summary>SPL's join overwrites a field of the row with the subsearch's field of the same name; the canonical join keeps both.</summary>
    private void CheckCollisions(SplCommand command, SplFieldScope rightScope, List<string> keys)
    {
        var left = scope.RawEvents ? scope.DataSource.Fields.Select(f => f.Name).Concat(scope.Columns) : scope.Columns;
        var clash = rightScope.Columns.Where(c => !keys.Contains(c)).Intersect(left, StringComparer.Ordinal).FirstOrDefault();
        if (clash is not null)
        {
            throw new SplTranslationException(command.Head, EscuDiagnosticCodes.UntranslatedLookup,
                $"the subsearch's field '{clash}' is also a field of the rows: SPL's join overwrites it with the lookup's value, the canonical join keeps both; rename it in the subsearch");
        }

        if (keys.FirstOrDefault(k => scope.IsColumn(k + "1")) is { } taken)
        {
            throw new SplTranslationException(command.Head, EscuDiagnosticCodes.UntranslatedLookup, $"the rows already have a field '{taken}1', the name the canonical join gives the subsearch's copy of '{taken}'");
        }
    }
}
