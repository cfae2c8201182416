using System.Collections.Immutable;
using RuleCompiler.Compiler.Language.Printing;

namespace RuleCompiler.Importers.Escu;

/// <summary>
/// The Splunk Add-on for AWS 7.10.0's <c>action</c> and <c>status</c> of aws:cloudtrail (<see cref="AddOnActionStatusTable"/>)
/// and the <c>errorCode</c> its lookup reads, as canonical expressions over the raw CloudTrail keys. Event names that
/// get the same value function share one <c>in</c> list; a rule's own eventName terms can narrow the names considered.
/// </summary>
internal static class AddOnLookupFields
{
    public const string Version = AddOnActionStatusTable.AddOnVersion;

    /// <summary>
    /// 7.10.0's search-time <c>EVAL-errorCode</c>: the raw errorCode; without one, "failure" when
    /// responseElements.ConsoleLogin is "Failure" (SPL's like() without % or _ is equality, case-sensitive), else
    /// "success". Written as tests of the raw keys (<see cref="ErrorCodeIs"/>), which read back from SPL unchanged.
    /// </summary>
    public const string ErrorCodeDefinition = "coalesce(errorCode, iif(tostring(responseElements.ConsoleLogin) == \"Failure\", \"failure\", \"success\"))";

    /// <summary>Whether a call without an error code is a console sign-in the response marks as failed.</summary>
    public const string ConsoleLoginFailed = "tostring(responseElements.ConsoleLogin) == \"Failure\"";

    /// <summary>
    /// The add-on's errorCode equals <paramref name="code"/> (case-sensitively, as its lookup compares). Conditions are
    /// written as the SPL reader writes them (an and inside an or bare, an or inside an and in parentheses), so the
    /// round trip compares them as text.
    /// </summary>
    public static string ErrorCodeIs(string code) => code switch
    {
        "success" => $"errorCode == \"success\" or isempty(errorCode) and not ({ConsoleLoginFailed})",
        "failure" => $"errorCode == \"failure\" or isempty(errorCode) and {ConsoleLoginFailed}",
        _ => $"errorCode == {Text(code)}",
    };

    public static bool IsLookupField(string name) => name is "action" or "status";

    /// <summary>The field's value for any event: a case over eventName, empty where no row matches.</summary>
    public static string Value(string field, Func<string, bool> eventNameAllowed)
    {
        var branches = Branches(field, eventNameAllowed, ValueOf).Where(b => b.Key != "\"\"").ToList();
        return branches.Count == 0
            ? "\"\""
            : $"case({string.Join(", ", branches.Select(b => $"{EventNameIsOneOf(b.Names)}, {b.Key}"))}, \"\")";
    }

    /// <summary>
    /// SPL's search term <c>field=value</c> (case-insensitive) on the lookup field: the event names whose value can be
    /// <paramref name="value"/>, each group with the errorCode test that gives it.
    /// </summary>
    public static string EqualsIgnoringCase(string field, string value, Func<string, bool> eventNameAllowed)
    {
        var parts = Branches(field, eventNameAllowed, o => ConditionOf(o, value))
            .Select(b => b.Key.Length == 0 ? EventNameIsOneOf(b.Names) : $"{EventNameIsOneOf(b.Names)} and {AndOperand(b.Key)}")
            .ToList();
        return parts.Count switch
        {
            0 => "false",
            1 => parts[0],
            _ => "(" + string.Join(" or ", parts) + ")",
        };
    }

    /// <summary>
    /// What the first matching row gives for one field, by the add-on's errorCode: the codes tested before the "*" row
    /// that get another value than any other code, and the value of any other code (null when there is no "*" row).
    /// </summary>
    private sealed record Outcome(ImmutableArray<(string Code, string? Value)> Specific, string? Otherwise);

    private static Outcome OutcomeOf(AddOnRowPattern pattern, string field)
    {
        var specific = new List<(string Code, string? Value)>();
        string? otherwise = null;
        foreach (var row in pattern.Rows)
        {
            var value = field == "action" ? row.Action : row.Status;
            if (row.ErrorCode == "*")
            {
                otherwise = value;
                break;
            }

            // Only a code's first row can match; a later row for the same code is never reached.
            if (!specific.Exists(s => s.Code == row.ErrorCode))
            {
                specific.Add((row.ErrorCode, value));
            }
        }

        // A code whose first row gives what every other code gets needs no test of its own.
        return new([.. specific.Where(s => s.Value != otherwise)], otherwise);
    }

    private static string ValueOf(Outcome outcome) => outcome.Specific.Length switch
    {
        0 => Text(outcome.Otherwise),
        1 => $"iif({ErrorCodeIs(outcome.Specific[0].Code)}, {Text(outcome.Specific[0].Value)}, {Text(outcome.Otherwise)})",
        _ => $"case({string.Join(", ", outcome.Specific.Select(s => $"{ErrorCodeIs(s.Code)}, {Text(s.Value)}"))}, {Text(outcome.Otherwise)})",
    };

    // Null when no errorCode gives the value; empty when every errorCode does.
    private static string? ConditionOf(Outcome outcome, string value)
    {
        bool Gives(string? v) => string.Equals(v ?? "", value, StringComparison.OrdinalIgnoreCase);
        if (Gives(outcome.Otherwise))
        {
            var excluded = outcome.Specific.Where(s => !Gives(s.Value)).Select(s => s.Code).ToList();
            return excluded.Count == 0 ? "" : $"not ({string.Join(" or ", excluded.Select(ErrorCodeIs))})";
        }

        var included = outcome.Specific.Where(s => Gives(s.Value)).Select(s => s.Code).ToList();
        return included.Count == 0 ? null : string.Join(" or ", included.Select(ErrorCodeIs));
    }

    /// <summary>The allowed event names grouped by the text <paramref name="key"/> gives their pattern (null: left out), in table order.</summary>
    private static List<(List<string> Names, string Key)> Branches(string field, Func<string, bool> eventNameAllowed, Func<Outcome, string?> key)
    {
        var branches = new List<(List<string> Names, string Key)>();
        foreach (var pattern in AddOnActionStatusTable.Patterns)
        {
            var names = pattern.EventNames.Where(eventNameAllowed).ToList();
            if (names.Count == 0 || key(OutcomeOf(pattern, field)) is not { } text)
            {
                continue;
            }

            var index = branches.FindIndex(b => b.Key == text);
            if (index < 0)
            {
                branches.Add((names, text));
            }
            else
            {
                branches[index].Names.AddRange(names);
            }
        }

        return branches;
    }

    /// <summary>eventName is one of <paramref name="names"/>, case-sensitively (as the add-on's lookups and EVALs compare): ==, in.</summary>
    public static string EventNameIsOneOf(IReadOnlyList<string> names) =>
        names.Count == 1 ? $"eventName == {Text(names[0])}" : $"eventName in ({string.Join(", ", names.Select(Text))})";

    // An or as an operand of and needs parentheses, a not (...) none (the generated texts hold no " or " in a literal).
    private static string AndOperand(string condition) =>
        condition.Contains(" or ", StringComparison.Ordinal) && !condition.StartsWith("not (", StringComparison.Ordinal) ? $"({condition})" : condition;

    // No value and the empty string are one value (docs/semantics.md, decision 1).
    private static string Text(string? value) => StringLiterals.Quote(value ?? "");
}
