using System.Collections.Immutable;
using RuleCompiler.Compiler.Language.Printing;

namespace RuleCompiler.Importers.Escu;

/// <summary>
/// The Splunk Add-on for AWS 7.10.0's <c>user</c>, <c>user_name</c>, <c>user_type</c> and <c>userName</c> of
/// aws:cloudtrail (<see cref="AddOnIdentityTable"/>) as canonical expressions over the raw CloudTrail keys: a
/// <c>case</c> with one condition per branch, in the add-on's order. Branches no event that reaches the field can take
/// (by the rule's own eventName terms) are left out, which keeps the first matching branch of every other event.
/// </summary>
internal static class AddOnIdentityFields
{
    public const string Version = AddOnIdentityTable.Version;

    /// <summary>What a branch whose value has no canonical form gives instead: the field's plain reading.</summary>
    public const string UserNamePlainReading = "userIdentity.userName";

    public static bool IsIdentityField(string name) => name is "user" or "user_name" or "user_type" or "userName";

    /// <summary>The branches of a case field, or empty for userName (a coalesce).</summary>
    public static ImmutableArray<AddOnBranch> Branches(string field) => field switch
    {
        "user" => AddOnIdentityTable.User,
        "user_name" => AddOnIdentityTable.UserNameField,
        "user_type" => AddOnIdentityTable.UserType,
        _ => [],
    };

    /// <summary>
    /// The field as a canonical expression, and the note saying what it is. <paramref name="nameAllowed"/> says whether
    /// an event with this name can reach the field; <paramref name="nameMayMatch"/> whether some such event's name
    /// can pass a test (given ignoring case, so the answer errs towards yes).
    /// </summary>
    public static (string Expression, string Note) Resolve(string field, Func<string, bool> nameAllowed, Func<Func<string, bool>, bool> nameMayMatch)
    {
        if (field == "userName")
        {
            return (Value(AddOnIdentityTable.UserName), $"the Splunk Add-on for AWS {Version} field 'userName' is its EVAL, the first set of userIdentity.userName, requestParameters.sourceIdentity, the session issuer's userName and the name in the caller's ARN");
        }

        var branches = new List<(string? Condition, string Value, AddOnBranch Source)>();
        foreach (var branch in Branches(field))
        {
            if (branch.Always)
            {
                branches.Add((null, ValueOf(branch), branch));
                break;
            }

            var alternatives = branch.Alternatives.Select(a => Alternative(a, nameAllowed, nameMayMatch)).OfType<string>().ToList();
            if (alternatives.Contains(""))
            {
                // Every event that reaches the field passes it: the branches after it are never taken.
                branches.Add((null, ValueOf(branch), branch));
                break;
            }

            if (alternatives.Count > 0)
            {
                branches.Add((string.Join(" or ", alternatives), ValueOf(branch), branch));
            }
        }

        var otherwise = branches.Count > 0 && branches[^1].Condition is null ? branches[^1].Value : "\"\"";
        var conditional = branches.Where(b => b.Condition is not null).ToList();
        // A last branch that gives what the default gives changes nothing.
        while (conditional.Count > 0 && conditional[^1].Value == otherwise)
        {
            conditional.RemoveAt(conditional.Count - 1);
        }

        var expression = conditional.Count == 0
            ? otherwise
            : $"case({string.Join(", ", conditional.Select(b => $"{b.Condition}, {b.Value}"))}, {otherwise})";
        var kept = branches.Where(b => !b.Source.Reproduced).SelectMany(b => b.Source.Alternatives.SelectMany(a => a.OfType<EventNameIn>()).SelectMany(n => n.Names)).ToList();
        var note = $"the Splunk Add-on for AWS {Version} field '{field}' is its EVAL, a case over eventName and the identity keys (the first matching branch of {Branches(field).Length}, in the add-on's order)"
            + (kept.Count == 0 ? "" : $"; for {string.Join(", ", kept)} the add-on's value (a member of requestParameters.userAttributes picked with mvfind) has no canonical form, and {UserNamePlainReading} is read there");
        return (expression, note);
    }

    private static string ValueOf(AddOnBranch branch) => branch.Reproduced ? Value(branch.Value) : UserNamePlainReading;

    // The alternative's tests, and-ed; null when no event that reaches the field passes them, empty when every one does.
    private static string? Alternative(ImmutableArray<AddOnTest> tests, Func<string, bool> nameAllowed, Func<Func<string, bool>, bool> nameMayMatch)
    {
        var parts = new List<string>();
        foreach (var test in tests)
        {
            switch (test)
            {
                case EventNameIn names:
                    var allowed = names.Names.Where(nameAllowed).ToList();
                    if (allowed.Count == 0)
                    {
                        return null;
                    }

                    parts.Add(AddOnLookupFields.EventNameIsOneOf(allowed));
                    break;
                case EventNameLike like:
                    if (!nameMayMatch(n => like.Matches(n, StringComparison.OrdinalIgnoreCase)))
                    {
                        return null;
                    }

                    parts.Add(like.Pattern.StartsWith('%') ? $"eventName endswith_cs {Text(like.Pattern[1..])}" : $"eventName startswith_cs {Text(like.Pattern[..^1])}");
                    break;
                case EventNameIsNot not when nameAllowed(not.Name):
                    // As the Splunk backend's NOT (...) reads back.
                    parts.Add($"not (eventName == {Text(not.Name)})");
                    break;
                case KeyEquals equals:
                    parts.Add($"{equals.Key} == {Text(equals.Value)}");
                    break;
                case KeyPresent present:
                    parts.Add($"{(present.Present ? "isnotempty" : "isempty")}({present.Key})");
                    break;
            }
        }

        return string.Join(" and ", parts);
    }

    /// <summary>A value as a canonical expression.</summary>
    public static string Value(AddOnValue value) => Render(Simplified(value));

    private static string Render(AddOnValue value) => value switch
    {
        // A key below a dynamic object read as text (SPL's fields are text), so the case is a text.
        KeyValue key => DynamicObjects.Any(o => key.Key.StartsWith(o, StringComparison.Ordinal)) && !key.Key.Contains("[*]", StringComparison.Ordinal) ? $"tostring({key.Key})" : key.Key,
        NoValue => "\"\"",
        FirstOf first => $"coalesce({string.Join(", ", first.Values.Select(Render))})",
        // An element of split() as text, as the importer reads SPL's mvindex(split(...), i).
        SplitPart part => $"tostring(split({Render(part.Of)}, {Text(part.Separator)})[{part.Index.ToString(System.Globalization.CultureInfo.InvariantCulture)}])",
        RegexReplaced replaced => $"replace_regex({Render(replaced.Of)}, {Text(replaced.Pattern)}, {Text(replaced.Replacement)})",
        IfKey test => $"iif({(test.Present ? "isnotempty" : "isempty")}({test.Key}), {Render(test.Then)}, {Render(test.Else)})",
        Joined joined => $"strcat_array({Render(joined.Of)}, {Text(joined.Separator)})",
        _ => throw new InvalidOperationException($"{value} has no canonical form"),
    };

    /// <summary>
    /// coalesce(a, coalesce(b, c)) as coalesce(a, b, c); mvjoin(coalesce(list, v, ...), sep), whose values after the
    /// member list are single values (which mvjoin leaves as they are), as coalesce(strcat_array(list, sep), v, ...).
    /// </summary>
    private static AddOnValue Simplified(AddOnValue value) => value switch
    {
        FirstOf first => new FirstOf([.. first.Values.Select(Simplified).SelectMany(v => v is FirstOf inner ? inner.Values : [v])]),
        Joined { Of: FirstOf { Values: [KeyValue list, .. var rest] } } joined when list.Key.Contains("[*]", StringComparison.Ordinal) =>
            Simplified(new FirstOf([new Joined(list, joined.Separator), .. rest])),
        Joined joined => joined with { Of = Simplified(joined.Of) },
        SplitPart part => part with { Of = Simplified(part.Of) },
        RegexReplaced replaced => replaced with { Of = Simplified(replaced.Of) },
        IfKey test => test with { Then = Simplified(test.Then), Else = Simplified(test.Else) },
        _ => value,
    };

    private static readonly string[] DynamicObjects = ["requestParameters.", "responseElements.", "additionalEventData."];

    private static string Text(string value) => StringLiterals.Quote(value);
}
