namespace RuleCompiler.Compiler.Yaml;

/// <summary>Codes for problems found while reading a YAML file (RC10xx). Documented in docs/diagnostics.md.</summary>
public static class YamlDiagnosticCodes
{
    public const string SyntaxError = "RC1001";
    public const string DuplicateKey = "RC1002";
    public const string TabIndentation = "RC1003";
    public const string InvalidUtf8 = "RC1004";
    public const string ControlCharacter = "RC1005";
    public const string EmptyFile = "RC1006";
    public const string MultipleDocuments = "RC1007";
    public const string UnreadableFile = "RC1008";
    public const string AliasNotSupported = "RC1009";
    public const string ComplexKey = "RC1010";
    public const string TooDeep = "RC1011";
    public const string FileTooLarge = "RC1012";
}
