using System.Globalization;
using System.Text;

namespace RuleCompiler.Importers;

/// <summary>The summary <c>rulec import</c> ends with: imported, partial and failed, and the reasons by code.</summary>
public static class ImportTable
{
    public static string Format(IReadOnlyList<ImportedRule> results)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"imported {Count(results, ImportStatus.Imported)}, partial {Count(results, ImportStatus.Partial)}, failed {Count(results, ImportStatus.Failed)} of {results.Count}\n");
        foreach (var status in new[] { ImportStatus.Partial, ImportStatus.Failed })
        {
            // A rule counts once per reason, whatever how many times the reason occurs in it.
            var reasons = results.Where(r => r.Status == status)
                .SelectMany(r => r.Diagnostics.Where(d => status == ImportStatus.Failed ? d.IsError : d.Severity == Compiler.Diagnostics.DiagnosticSeverity.Warning).Select(d => d.Code).Distinct())
                .GroupBy(code => code)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal);
            foreach (var reason in reasons)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {status.ToString().ToLowerInvariant(),-8} {reason.Key}  {reason.Count(),4}  {Reason(reason.Key)}\n");
            }
        }

        return text.ToString();
    }

    private static int Count(IReadOnlyList<ImportedRule> results, ImportStatus status) => results.Count(r => r.Status == status);

    /// <summary>A short description of an import diagnostic code, for the tables of every format.</summary>
    public static string Reason(string code) => code switch
    {
        ImporterDiagnosticCodes.UnreadableSource => "unreadable source",
        ImporterDiagnosticCodes.MissingOrMalformed => "missing or malformed key",
        ImporterDiagnosticCodes.UnsupportedModifier => "unsupported modifier",
        ImporterDiagnosticCodes.KeywordSearch => "keyword search",
        ImporterDiagnosticCodes.BadCondition => "bad condition",
        ImporterDiagnosticCodes.Aggregation => "aggregation or correlation",
        ImporterDiagnosticCodes.BadFieldName => "field name not a path",
        ImporterDiagnosticCodes.UntranslatableValue => "value a modifier cannot take",
        ImporterDiagnosticCodes.UnknownAttackId => "ATT&CK id not in the catalogue",
        ImporterDiagnosticCodes.UnmappedLogSource => "log source without a data source",
        ImporterDiagnosticCodes.DroppedTag => "tag without a canonical key",
        Sentinel.SentinelImportCodes.MalformedRule => "not a Sentinel rule (YAML, name, query)",
        Sentinel.SentinelImportCodes.UntranslatedSyntax => "KQL syntax not translated",
        Sentinel.SentinelImportCodes.UnmappedTable => "table without a data source",
        Sentinel.SentinelImportCodes.UntranslatedFunction => "KQL function not translated",
        Sentinel.SentinelImportCodes.UnknownTechnique => "ATT&CK id not in the catalogue",
        Sentinel.SentinelImportCodes.DroppedMetadata => "Sentinel key without a canonical place",
        Sentinel.SentinelImportCodes.MissingColumn => "mapping names a column the query does not output",
        Sentinel.SentinelImportCodes.RefusedStage => "KQL stage with no faithful canonical form",
        Sentinel.SentinelImportCodes.RefusedFunction => "KQL function or operator form with no faithful canonical form",
        Sentinel.SentinelImportCodes.HuntingPlaceholder => "hunting placeholder kept as text",
        Sentinel.SentinelImportCodes.ColumnOrderNotCarried => "column order not carried",
        _ => Escu.EscuReasons.Of(code) ?? "other",
    };
}
