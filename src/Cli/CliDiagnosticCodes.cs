namespace RuleCompiler.Cli;

/// <summary>Codes for command-line usage errors (RC19xx); they exit with code 2, except RC1908, a finding about a rule. Documented in docs/diagnostics.md.</summary>
public static class CliDiagnosticCodes
{
    public const string PathNotFound = "RC1901";
    public const string InvalidArguments = "RC1902";
    public const string BadAttackCatalogue = "RC1903";
    public const string CannotWriteOutput = "RC1904";
    public const string CannotScaffold = "RC1905";
    public const string NoRepository = "RC1906";
    public const string NoRulesToTest = "RC1907";

    /// <summary>Reported at the rule's name: a warning, or an error with <c>rulec test --require-tests</c>.</summary>
    public const string RuleWithoutTests = "RC1908";

    /// <summary><c>rulec explain</c> was given a code rulec does not have.</summary>
    public const string UnknownDiagnosticCode = "RC1909";

    /// <summary><c>--cache-dir</c> or <c>RULEC_CACHE_DIR</c> lies inside (or holds) the repository being read.</summary>
    public const string CacheInsideRepository = "RC1910";

    /// <summary><c>rulec show</c> names a rule that is not in the rules folder.</summary>
    public const string UnknownRule = "RC1920";
}
