namespace RuleCompiler.Compiler.Schema;

/// <summary>Codes for schema violations (RC12xx). Documented in docs/diagnostics.md.</summary>
public static class SchemaDiagnosticCodes
{
    public const string WrongType = "RC1201";
    public const string MissingField = "RC1202";
    public const string UnknownField = "RC1203";
    public const string NotAllowedValue = "RC1204";
    public const string PatternMismatch = "RC1205";
    public const string OutOfRange = "RC1206";
    public const string WrongCount = "RC1207";
    public const string EmptyValue = "RC1208";
    public const string DuplicateItem = "RC1209";
    public const string OtherViolation = "RC1299";
}
