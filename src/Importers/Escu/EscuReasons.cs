namespace RuleCompiler.Importers.Escu;

/// <summary>The short reason the import table shows for each ESCU code.</summary>
public static class EscuReasons
{
    public static string? Of(string code) => code switch
    {
        EscuDiagnosticCodes.MissingKey => "missing or malformed ESCU key",
        EscuDiagnosticCodes.SplSyntax => "SPL does not read",
        EscuDiagnosticCodes.UnsupportedCommand => "SPL command without translation",
        EscuDiagnosticCodes.UnsupportedFunction => "SPL function without translation",
        EscuDiagnosticCodes.UnmappedDataSource => "source macro without a data source",
        EscuDiagnosticCodes.UnknownMacro => "unknown macro",
        EscuDiagnosticCodes.KeywordSearch => "keyword search",
        EscuDiagnosticCodes.UnsupportedArgument => "command option or path without translation",
        EscuDiagnosticCodes.UnknownAttackId => "ATT&CK id not in the catalogue",
        EscuDiagnosticCodes.DroppedMetadata => "metadata without a canonical key",
        EscuDiagnosticCodes.FieldOfAnotherSource => "field of another data source",
        EscuDiagnosticCodes.UntranslatedRex => "rex without a faithful extract",
        EscuDiagnosticCodes.UnportableRegex => "rex pattern outside the portable dialect",
        EscuDiagnosticCodes.RawEventText => "raw event text read",
        EscuDiagnosticCodes.UndocumentedMultivalueComparison => "eval comparison of a multivalue field (undocumented in Splunk)",
        _ => null,
    };
}
