using RuleCompiler.Backends.Splunk.Spl;

namespace RuleCompiler.Importers.Escu;

/// <summary><c>stats</c>: SPL aggregates as canonical ones, each under its SPL output name, and the group-by fields.</summary>
internal sealed partial class SplPipelineTranslator
{
    private void Stats(SplCommand command)
    {
        var (aggregates, keys) = StatsItems(command);
        var expanded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in keys.Where(k => _memberListColumns.Remove(k.Value)))
        {
            expanded.Add(key.Value);
            // SPL groups an event under each value of a multivalue by-field (none when it has no value): one row per value.
            _stages.Add($"mv-expand {SplFieldScope.Path(key.Value)}");
        }

        foreach (var key in keys.Where(k => SplMemberPaths.IsMemberPath(k.Value) && !scope.IsColumn(k.Value)))
        {
            // A by-field a{}.b of the raw events: SPL groups the event under each of its values, as mv-expand does.
            if (SplMemberPaths.Canonical(key.Value, scope) is not { } path)
            {
                continue;
            }

            _stages.Add($"mv-expand {SplFieldScope.Name(key.Value)} = {path}");
            expanded.Add(key.Value);
            scope.Define(key.Value);
            if (_pendingFill is not null)
            {
                Note(key, EscuDiagnosticCodes.FidelityNote, $"stats by the multivalue field '{key.Value}' is translated with mv-expand, which drops an event without any value of it; SPL's fillnull before the stats would count such an event under the fill value");
            }
        }

        var byKeys = keys.Select(k => ByKey(k)).ToList();
        if (_pendingFill is null)
        {
            // mv-expand has already dropped the events without a value of an expanded key.
            GuardKeysSplDrops(command.Head, [.. keys.Zip(byKeys).Where(k => !expanded.Contains(k.First.Value))]);
        }

        if (_pendingFill is { } fill && keys.Count > 0)
        {
            // The derived group-by fields become columns first so the fill reaches them, as SPL's fillnull does.
            var derived = byKeys.Where(k => k.Contains(" = ", StringComparison.Ordinal)).ToList();
            if (derived.Count > 0)
            {
                _stages.Add("extend " + string.Join(", ", derived));
                derived.ForEach(d => scope.Define(keys[byKeys.IndexOf(d)].Value));
                byKeys = [.. keys.Select(k => SplFieldScope.Path(k.Value))];
            }

            var fillable = keys.Select(k => k.Value).Where(k => !scope.IsDynamicPath(k) && k != "_time").ToList();
            if (fillable.Count > 0)
            {
                _stages.Add($"fill-null {fill} in {string.Join(", ", fillable.Select(SplFieldScope.Path))}");
            }

            _pendingFill = null;
        }

        var items = string.Join(", ", aggregates.Select(a => $"{SplFieldScope.Name(a.Name)} = {a.Expression}"));
        _stages.Add(byKeys.Count == 0 ? $"summarize {items}" : $"summarize {items}\n    by {string.Join(", ", byKeys)}");
        scope.Replace(keys.Select(k => k.Value).Concat(aggregates.Select(a => a.Name)));
        _kinds.AfterStats(aggregates);
        _lastStatsBy = [.. keys.Select(k => k.Value)];
        _afterLastStats.Clear();
        _memberListColumns.Clear();
        _filledColumns.Clear();
    }

    /// <summary>
    /// SPL's stats and dedup leave out an event that lacks a by-field (dedup unless keepempty=true), where the
    /// canonical summarize groups it under the empty key: a where before keeps only the events SPL keeps. A key that
    /// a fillnull filled, the event time, the add-on's errorCode (never empty) and a Splunk default field the input
    /// always sets (splunk_metadata: source) need no test.
    /// </summary>
    private void GuardKeysSplDrops(SplToken at, IEnumerable<(SplToken Key, string ByKey)> keys)
    {
        var tests = new List<string>();
        foreach (var (key, byKey) in keys)
        {
            var prefix = SplFieldScope.Name(key.Value) + " = ";
            var expression = byKey.StartsWith(prefix, StringComparison.Ordinal) ? byKey[prefix.Length..] : byKey;
            if (key.Value != "_time" && !_filledColumns.Contains(key.Value) && expression != AddOnLookupFields.ErrorCodeDefinition
                && !(scope.DataSource.FindField(key.Value) is { SplunkMetadata: true } && !scope.IsColumn(key.Value)))
            {
                tests.Add($"isnotempty({expression})");
            }
        }

        if (tests.Count > 0)
        {
            _stages.Add("where " + string.Join(" and ", tests));
            Note(at, EscuDiagnosticCodes.FidelityNote, $"SPL's {at.Value} leaves out an event without a value of a by-field: {string.Join(" and ", tests)}");
        }
    }

    /// <summary>The aggregates (SPL output name, canonical aggregate) and the by-fields of a stats or eventstats.</summary>
    private (List<(string Name, string Expression)> Aggregates, List<SplToken> Keys) StatsItems(SplCommand command)
    {
        var cursor = Cursor(command);
        var aggregates = new List<(string Name, string Expression)>();
        while (!cursor.AtEnd && !cursor.IsWord("by"))
        {
            var function = cursor.Next();
            if (function.Kind == SplTokenKind.Comma)
            {
                continue;
            }

            if (function.Kind != SplTokenKind.Word)
            {
                throw new SplTranslationException(function, EscuDiagnosticCodes.SplSyntax, $"unexpected '{function.Text}' in {command.Head.Value}");
            }

            SplToken? argument = null;
            string? computed = null;
            var condition = false;
            if (cursor.Is(SplTokenKind.OpenParen))
            {
                cursor.Next();
                argument = cursor.Next();
                if (argument is { Kind: SplTokenKind.Word, Value: "eval" } && cursor.Is(SplTokenKind.OpenParen))
                {
                    // fn(eval(expression)): the aggregate of a computed value.
                    cursor.Next();
                    computed = Expression(cursor, whole: false, out _, out condition);
                    cursor.Expect(SplTokenKind.CloseParen, "')' after the eval expression");
                }
                else if (argument.Kind is not (SplTokenKind.Word or SplTokenKind.QuotedString) || argument.Value.Contains('*', StringComparison.Ordinal))
                {
                    throw new SplTranslationException(argument, EscuDiagnosticCodes.UnsupportedFunction, $"{function.Value}({argument.Value}) is translated over one field or eval expression (not a wildcard)");
                }

                cursor.Expect(SplTokenKind.CloseParen, "')'");
            }

            var name = argument is null ? function.Value : $"{function.Value}({argument.Value})";
            if (cursor.IsWord("as"))
            {
                cursor.Next();
                name = cursor.Next().Value;
            }

            aggregates.Add((name, condition ? ConditionAggregate(function, computed!) : Aggregate(function, argument, computed)));
        }

        var keys = new List<SplToken>();
        if (cursor.IsWord("by"))
        {
            cursor.Next();
            while (!cursor.AtEnd)
            {
                var key = cursor.Next();
                if (key.Kind != SplTokenKind.Comma)
                {
                    keys.Add(key);
                }
            }
        }

        if (aggregates.Count == 0)
        {
            throw new SplTranslationException(command.Head, EscuDiagnosticCodes.SplSyntax, $"{command.Head.Value} without an aggregate");
        }

        return (aggregates, keys);
    }

    private string Aggregate(SplToken function, SplToken? argument, string? computed)
    {
        var field = computed ?? (argument is null ? null : argument.Value == "_raw" ? "_raw" : AggregateArgument(argument));
        var name = function.Value.ToLowerInvariant();
        return (name, field) switch
        {
            // Every event has its own raw text, so counting raw texts counts events.
            ("count" or "c", null) or ("count" or "c" or "dc" or "distinct_count", "_raw") => "count()",
            ("count" or "c", _) when computed is not null && CountedCondition(computed) is { } counted => $"countif({counted})",
            ("count" or "c", _) => $"countif(isnotempty({field}))",
            ("dc" or "distinct_count", not null) => $"dcount({field})",
            ("values", not null) => $"make_set({field})",
            ("list", not null) => $"make_list({field})",
            ("min" or "max" or "avg" or "sum" or "stdev", not null) => $"{name}({field})",
            ("mean", not null) => $"avg({field})",
            ("var", not null) => $"variance({field})",
            ("earliest", "_time") => "min(_time)",
            ("latest", "_time") => "max(_time)",
            _ => throw new SplTranslationException(function, EscuDiagnosticCodes.UnsupportedFunction, $"the stats function {function.Value}{(argument is null ? "" : $"({argument.Value})")} has no canonical translation"),
        };
    }

    /// <summary>
    /// C of <c>iif(C, v, null)</c> for a constant v: count(eval(if(C, 1, null()))) counts the events where C holds (the
    /// Splunk backend's form of countif(C)).
    /// </summary>
    private static string? CountedCondition(string computed)
    {
        const string Tail = ", null)";
        if (!computed.StartsWith("iif(", StringComparison.Ordinal) || !computed.EndsWith(Tail, StringComparison.Ordinal)
            || QueryParentheses.Closing(computed, 3) != computed.Length - 1)
        {
            return null;
        }

        var body = computed[4..^Tail.Length];
        var comma = body.LastIndexOf(", ", StringComparison.Ordinal);
        return comma > 0 && IsConstant(body[(comma + 2)..]) ? body[..comma] : null;

        static bool IsConstant(string text) =>
            text.Length > 0 && (char.IsAsciiDigit(text[0]) || text is "true" || (text.Length > 1 && text[0] == '"' && text[^1] == '"' && text.IndexOf('"', 1) == text.Length - 1));
    }

    /// <summary>
    /// An aggregate of a true/false eval, <c>count(eval(errorCode!="success"))</c>: there a false comparison has no value,
    /// so count counts the events where it is true (the Search Reference's <c>count(eval(method="GET"))</c>), which is
    /// <c>countif</c>; the canonical isnotempty would count false as a value. Other aggregates of a condition are refused.
    /// </summary>
    private static string ConditionAggregate(SplToken function, string condition) =>
        function.Value.ToLowerInvariant() is "count" or "c"
            ? $"countif({condition})"
            : throw new SplTranslationException(function, EscuDiagnosticCodes.UnsupportedFunction,
                $"the stats function {function.Value}() of a true/false eval has no canonical translation (a false comparison has no value there; count(eval(...)) is translated)");

    private string AggregateArgument(SplToken argument)
    {
        var name = argument.Value;
        if (scope.IsColumn(name) || name == "_time")
        {
            return SplFieldScope.Path(name);
        }

        return Read(argument, name);
    }
}
