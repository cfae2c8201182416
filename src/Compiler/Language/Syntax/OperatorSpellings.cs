using System.Collections.Frozen;

namespace RuleCompiler.Compiler.Language.Syntax;

/// <summary>
/// The canonical spelling of every operator of the language: the parser reads these, the printer writes them, and
/// each backend's capability table is keyed by them (so a target that forgets an operator is caught by a test).
/// </summary>
public static class OperatorSpellings
{
    public static readonly FrozenDictionary<BinaryOperator, string> Binary = new Dictionary<BinaryOperator, string>
    {
        [BinaryOperator.Or] = "or",
        [BinaryOperator.And] = "and",
        [BinaryOperator.Equal] = "==",
        [BinaryOperator.NotEqual] = "!=",
        [BinaryOperator.EqualCi] = "=~",
        [BinaryOperator.NotEqualCi] = "!~",
        [BinaryOperator.Less] = "<",
        [BinaryOperator.LessOrEqual] = "<=",
        [BinaryOperator.Greater] = ">",
        [BinaryOperator.GreaterOrEqual] = ">=",
        [BinaryOperator.Contains] = "contains",
        [BinaryOperator.NotContains] = "!contains",
        [BinaryOperator.ContainsCs] = "contains_cs",
        [BinaryOperator.NotContainsCs] = "!contains_cs",
        [BinaryOperator.StartsWith] = "startswith",
        [BinaryOperator.NotStartsWith] = "!startswith",
        [BinaryOperator.StartsWithCs] = "startswith_cs",
        [BinaryOperator.NotStartsWithCs] = "!startswith_cs",
        [BinaryOperator.EndsWith] = "endswith",
        [BinaryOperator.NotEndsWith] = "!endswith",
        [BinaryOperator.EndsWithCs] = "endswith_cs",
        [BinaryOperator.NotEndsWithCs] = "!endswith_cs",
        [BinaryOperator.Has] = "has",
        [BinaryOperator.NotHas] = "!has",
        [BinaryOperator.HasCs] = "has_cs",
        [BinaryOperator.NotHasCs] = "!has_cs",
        [BinaryOperator.MatchesRegex] = "matches regex",
        [BinaryOperator.Add] = "+",
        [BinaryOperator.Subtract] = "-",
        [BinaryOperator.Multiply] = "*",
        [BinaryOperator.Divide] = "/",
        [BinaryOperator.Modulo] = "%",
    }.ToFrozenDictionary();

    public static readonly FrozenDictionary<InOperator, string> In = new Dictionary<InOperator, string>
    {
        [InOperator.In] = "in",
        [InOperator.InCi] = "in~",
        [InOperator.NotIn] = "!in",
        [InOperator.NotInCi] = "!in~",
        [InOperator.HasAny] = "has_any",
        [InOperator.HasAll] = "has_all",
    }.ToFrozenDictionary();

    public static readonly FrozenDictionary<UnaryOperator, string> Unary = new Dictionary<UnaryOperator, string>
    {
        [UnaryOperator.Not] = "not",
        [UnaryOperator.Negate] = "-x",
    }.ToFrozenDictionary();

    public const string Between = "between";

    public const string NotBetween = "!between";

    /// <summary>Every operator's canonical spelling: what a capability table must cover.</summary>
    public static IEnumerable<string> All =>
        Binary.Values.Concat(In.Values).Concat(Unary.Values).Append(Between).Append(NotBetween);

    /// <summary>The word operators (contains, !has_cs, ...), which the parser reads at a word boundary.</summary>
    public static IEnumerable<KeyValuePair<string, BinaryOperator>> WordOperators =>
        Binary.Where(p => char.IsLetter(p.Value.TrimStart('!')[0]) && p.Key is not (BinaryOperator.And or BinaryOperator.Or or BinaryOperator.MatchesRegex))
            .Select(p => new KeyValuePair<string, BinaryOperator>(p.Value, p.Key));
}
