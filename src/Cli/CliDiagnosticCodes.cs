namespace RuleCompiler.Cli;

/// <summary>Codes for command-line usage errors (RC19xx); they exit with code 2. Documented in docs/diagnostics.md.</summary>
public static class CliDiagnosticCodes
{
    public const string PathNotFound = "RC1901";
    public const string InvalidArguments = "RC1902";
    public const string BadAttackCatalogue = "RC1903";
    public const string CannotWriteOutput = "RC1904";
    public const string CannotScaffold = "RC1905";
    public const string NoRepository = "RC1906";
}
