using System.Collections.Frozen;

namespace RuleCompiler.Compiler.Language.Syntax;

/// <summary>What a foreign spelling is written as: a stage keyword, a function name, or a bare aggregate word.</summary>
public enum ForeignSpellingKind
{
    /// <summary>A stage keyword of SPL or KQL (<c>stats</c>, <c>order</c>): the canonical stage keyword.</summary>
    Stage,
    /// <summary>A function name of SPL or KQL (<c>values</c>, <c>dc</c>): the canonical function of the catalogue.</summary>
    Function,
    /// <summary>An aggregate written without parentheses in summarize (SPL's <c>stats count</c>): the call.</summary>
    BareAggregate,
}

/// <summary>
/// A spelling people bring from SPL or KQL, and the canonical form this language writes instead.
/// <paramref name="Example"/> shows the canonical form in use; <paramref name="Note"/> says what differs, if anything.
/// </summary>
public sealed record ForeignSpelling(ForeignSpellingKind Kind, string Written, string Origin, string Canonical, string Example, string? Note = null)
{
    /// <summary>The advice of a diagnostic: "SPL's values(...) is make_set(...) here, as in: summarize ...".</summary>
    public string Advice
    {
        get
        {
            var call = Kind == ForeignSpellingKind.Function ? "(...)" : "";
            var note = Note is null ? "" : $" ({Note})";
            return $"{Origin}'s {Written}{call} is {Canonical}{call} here{note}, as in: {Example}";
        }
    }
}

/// <summary>
/// The one table of porting hints: SPL and KQL habits the parser and binder recognise, each with the canonical
/// form (docs/language.md, "Coming from SPL or KQL", lists the same). Only spellings that are not names of this
/// language are here, so a hint never shadows a real stage or function; a test keeps every canonical form real.
/// </summary>
public static class ForeignSpellings
{
    public static readonly IReadOnlyList<ForeignSpelling> All =
    [
        new(ForeignSpellingKind.Stage, "stats", "SPL", "summarize", "summarize n = count() by user"),
        new(ForeignSpellingKind.Stage, "eval", "SPL", "extend", "extend user = tolower(userName)"),
        new(ForeignSpellingKind.Stage, "table", "SPL", "project", "project _time, user"),
        new(ForeignSpellingKind.Stage, "fields", "SPL", "project", "project _time, user"),
        new(ForeignSpellingKind.Stage, "project-keep", "KQL", "project", "project _time, user"),
        new(ForeignSpellingKind.Stage, "rename", "SPL", "project-rename", "project-rename user = userName"),
        new(ForeignSpellingKind.Stage, "order", "KQL", "sort", "sort by _time desc"),
        new(ForeignSpellingKind.Stage, "head", "SPL", "take", "sort by _time desc | take 10"),
        new(ForeignSpellingKind.Stage, "limit", "KQL", "take", "sort by _time desc | take 10"),
        new(ForeignSpellingKind.Stage, "mvexpand", "SPL", "mv-expand", "mv-expand resource = resources"),
        new(ForeignSpellingKind.Stage, "fillnull", "SPL", "fill-null", "fill-null \"unknown\" in user"),
        new(ForeignSpellingKind.Function, "values", "SPL", "make_set", "summarize names = make_set(eventName) by user"),
        new(ForeignSpellingKind.Function, "list", "SPL", "make_list", "summarize names = make_list(eventName) by user"),
        new(ForeignSpellingKind.Function, "dc", "SPL", "dcount", "summarize n = dcount(eventName) by user"),
        new(ForeignSpellingKind.Function, "distinct_count", "SPL", "dcount", "summarize n = dcount(eventName) by user"),
        new(ForeignSpellingKind.Function, "mean", "SPL", "avg", "summarize average = avg(bytes) by user"),
        new(ForeignSpellingKind.Function, "var", "SPL", "variance", "summarize spread = variance(bytes) by user"),
        new(ForeignSpellingKind.Function, "mvcount", "SPL", "array_length", "extend n = array_length(resources)"),
        new(ForeignSpellingKind.Function, "mvjoin", "SPL", "strcat_array", "extend names = strcat_array(names, \",\")"),
        new(ForeignSpellingKind.Function, "len", "SPL", "strlen", "extend n = strlen(userAgent)"),
        new(ForeignSpellingKind.Function, "lower", "SPL", "tolower", "extend user = tolower(userName)"),
        new(ForeignSpellingKind.Function, "upper", "SPL", "toupper", "extend user = toupper(userName)"),
        new(ForeignSpellingKind.Function, "substr", "SPL", "substring", "extend prefix = substring(userAgent, 0, 4)", "its start is 0-based, SPL's is 1-based"),
        new(ForeignSpellingKind.Function, "if", "SPL", "iif", "extend kind = iif(readOnly, \"read\", \"write\")"),
        new(ForeignSpellingKind.Function, "any", "KQL", "take_any", "summarize agent = take_any(userAgent) by user"),
        new(ForeignSpellingKind.Function, "makeset", "KQL", "make_set", "summarize names = make_set(eventName) by user"),
        new(ForeignSpellingKind.Function, "makelist", "KQL", "make_list", "summarize names = make_list(eventName) by user"),
        new(ForeignSpellingKind.BareAggregate, "count", "SPL", "count()", "summarize n = count() by user"),
    ];

    private static readonly FrozenDictionary<(ForeignSpellingKind, string), ForeignSpelling> ByWritten =
        All.ToFrozenDictionary(s => (s.Kind, s.Written));

    /// <summary>The hint for <paramref name="written"/> as a <paramref name="kind"/>, if it is a known foreign spelling.</summary>
    public static ForeignSpelling? Find(ForeignSpellingKind kind, string written) => ByWritten.GetValueOrDefault((kind, written));
}
