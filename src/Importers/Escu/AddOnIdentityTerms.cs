using System.Collections.Immutable;

namespace RuleCompiler.Importers.Escu;

/// <summary>One test of an event in a condition of the add-on's identity EVALs (SPL eval: case-sensitive).</summary>
internal abstract record AddOnTest;

/// <summary><c>eventName="A"</c> or <c>eventName IN ("A", ...)</c>.</summary>
internal sealed record EventNameIn(ImmutableArray<string> Names) : AddOnTest;

/// <summary><c>like(eventName, "Put%")</c>: the name begins (<c>%</c> at the end) or ends (<c>%</c> at the start) with the text.</summary>
internal sealed record EventNameLike(string Pattern) : AddOnTest
{
    public bool Matches(string name, StringComparison comparison) => Pattern.StartsWith('%')
        ? name.EndsWith(Pattern[1..], comparison)
        : name.StartsWith(Pattern[..^1], comparison);
}

/// <summary><c>eventName!="A"</c>.</summary>
internal sealed record EventNameIsNot(string Name) : AddOnTest;

/// <summary><c>'key'="value"</c> for a raw key (eventType, userIdentity.type).</summary>
internal sealed record KeyEquals(string Key, string Value) : AddOnTest;

/// <summary><c>isnotnull('key')</c> (Present) or <c>isnull('key')</c>.</summary>
internal sealed record KeyPresent(string Key, bool Present) : AddOnTest;

/// <summary>A value of the add-on's identity EVALs over the raw keys.</summary>
internal abstract record AddOnValue;

/// <summary>A raw key, as a canonical path (<c>resources[*].type</c> for SPL's <c>resources{}.type</c>).</summary>
internal sealed record KeyValue(string Key) : AddOnValue;

/// <summary><c>null()</c>.</summary>
internal sealed record NoValue : AddOnValue;

/// <summary><c>coalesce(a, b, ...)</c>: the first value that is set.</summary>
internal sealed record FirstOf(ImmutableArray<AddOnValue> Values) : AddOnValue;

/// <summary><c>mvindex(split(value, "sep"), index)</c>: one part of the text split at a separator (negative: from the end).</summary>
internal sealed record SplitPart(AddOnValue Of, string Separator, int Index) : AddOnValue;

/// <summary><c>replace(value, "regex", "replacement")</c>: every match replaced (\1 a group).</summary>
internal sealed record RegexReplaced(AddOnValue Of, string Pattern, string Replacement) : AddOnValue;

/// <summary><c>if(isnotnull('key'), then, else)</c> (or isnull, when Present is false).</summary>
internal sealed record IfKey(string Key, bool Present, AddOnValue Then, AddOnValue Else) : AddOnValue;

/// <summary><c>mvjoin(value, "sep")</c>: the values of a multivalue joined (one value stays itself).</summary>
internal sealed record Joined(AddOnValue Of, string Separator) : AddOnValue;

/// <summary>
/// <c>mvindex('list{}.Value', mvfind('list{}.Name', "^name$"))</c>: the member of the element whose name matches. The
/// canonical language has no position of a match in a member list, so a branch with this value is not reproduced.
/// </summary>
internal sealed record MemberNamed(string List, string NameMember, string ValueMember, string Name) : AddOnValue;

/// <summary>
/// One branch of a <c>case</c> EVAL: the condition (any of the alternatives, each all of its tests; no alternative:
/// <c>true()</c>) and the value it gives.
/// </summary>
internal sealed record AddOnBranch(ImmutableArray<ImmutableArray<AddOnTest>> Alternatives, AddOnValue Value)
{
    public bool Always => Alternatives.IsEmpty;

    /// <summary>Whether the value has a canonical form (no <see cref="MemberNamed"/> in it).</summary>
    public bool Reproduced => Reproducible(Value);

    private static bool Reproducible(AddOnValue value) => value switch
    {
        MemberNamed => false,
        FirstOf f => f.Values.All(Reproducible),
        SplitPart s => Reproducible(s.Of),
        RegexReplaced r => Reproducible(r.Of),
        IfKey i => Reproducible(i.Then) && Reproducible(i.Else),
        Joined j => Reproducible(j.Of),
        _ => true,
    };
}
