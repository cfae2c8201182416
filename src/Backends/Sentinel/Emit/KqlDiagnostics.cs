namespace RuleCompiler.Backends.Sentinel.Emit;

/// <summary>
/// Diagnostic codes of the KQL emitter (RC41xx; docs/diagnostics.md lists them). A rule that gets one of the
/// "not built" warnings is left out of the Sentinel artifacts and the other rules and targets build on: the rule is
/// valid, only Sentinel cannot hold what it reads or says.
/// </summary>
public static class KqlDiagnostics
{
    /// <summary>The rule reads a field that no column of the Sentinel table carries (not built for Sentinel).</summary>
    public const string NoSentinelColumn = "RC4101";

    /// <summary>The field's declared type differs from its Sentinel column's type (not built for Sentinel).</summary>
    public const string ColumnTypeMismatch = "RC4102";

    /// <summary>An operator on a multi-valued field, whose any-element meaning KQL's operators do not have (not built).</summary>
    public const string MultivaluedOperand = "RC4103";

    /// <summary>The rule's data source names no Sentinel table (not built for Sentinel).</summary>
    public const string NoSentinelTable = "RC4104";

    /// <summary>fill-null with a value of another type than a column it fills (not built for Sentinel).</summary>
    public const string FillNullType = "RC4105";

    /// <summary>A maintained table that names no Sentinel watchlist: Sentinel has nowhere to read its rows (not built).</summary>
    public const string TableNotInSentinel = "RC4106";
    /// <summary><c>matches regex</c> with a pattern read from the data, which KQL cannot take (not built for Sentinel).</summary>
    public const string RegexFromData = "RC4113";

    /// <summary><c>dcount</c> is an estimate in KQL (warning).</summary>
    public const string DcountEstimate = "RC4112";

    /// <summary>union: a column whose type differs between inputs becomes one column per type in KQL (warning).</summary>
    public const string UnionColumnTypes = "RC4115";

    /// <summary>Microsoft's analyzer reported an error in the emitted KQL (a backend bug or a wrong table schema).</summary>
    public const string AnalyzerError = "RC4120";

    /// <summary>The analyzer could not run (node or its package missing): the queries were not checked (warning).</summary>
    public const string AnalyzerUnavailable = "RC4121";
}
