namespace RuleCompiler.Compiler.Language.Binding;

/// <summary>Stable diagnostic codes of the binder (RC2500–RC2999), listed in docs/diagnostics.md.</summary>
public static class BindingCodes
{
    public const string UnknownField = "RC2501";
    public const string UnknownFunction = "RC2502";
    public const string WrongArity = "RC2503";
    public const string ArgumentType = "RC2504";
    public const string AggregateOutsideSummarize = "RC2505";
    public const string AggregateNeeded = "RC2506";
    public const string InvalidRegex = "RC2507";
    public const string RegexNotRe2 = "RC2508";
    public const string UnknownList = "RC2509";
    public const string UnknownFragment = "RC2510";
    public const string FragmentDataSource = "RC2511";
    public const string UnknownLet = "RC2512";
    public const string JoinKeyMissing = "RC2513";
    public const string ComparisonTypeMix = "RC2514";
    public const string DuplicateColumn = "RC2515";
    public const string NotBoolean = "RC2516";
    public const string MemberOfScalar = "RC2517";
    public const string OperandType = "RC2518";
    public const string ColumnNeedsName = "RC2519";
    public const string RegexNotConstant = "RC2520";
    public const string DuplicateLet = "RC2521";
    public const string LetKind = "RC2522";
    public const string ListShape = "RC2523";
    public const string FragmentCycle = "RC2524";
    public const string FillNullType = "RC2525";
    public const string JoinSideOutsideJoin = "RC2526";
    public const string JoinCondition = "RC2527";
    public const string StarOutsideArgMinMax = "RC2528";
    public const string UndeclaredMember = "RC2529";
    public const string MemberOfArray = "RC2530";
    public const string TakeWithoutSort = "RC2531";
    public const string FragmentDoesNotFit = "RC2532";
    public const string ForeignFunction = "RC2540";
    public const string BareAggregate = "RC2541";
    public const string TableNameSource = "RC2542";
    public const string TermListNotLiteral = "RC2543";
    public const string EachMisuse = "RC2544";
    public const string GroupByMemberList = "RC2545";
    public const string UnknownTable = "RC2550";
    public const string TableAsMainSource = "RC2551";
    public const string RegexFromData = "RC2555";
}
