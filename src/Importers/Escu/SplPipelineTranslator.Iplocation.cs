using RuleCompiler.Backends.Splunk.Emit;
using RuleCompiler.Backends.Splunk.Spl;

namespace RuleCompiler.Importers.Escu;

/// <summary>
/// <c>iplocation [prefix=P] [allfields=false] [lang=en] F</c>: the fields City, Country, Region, lat and lon (prefixed)
/// of F's place are the canonical <c>geo_info_from_ip_address(F)</c>'s members city, country, state, latitude and
/// longitude: <c>extend PCity = geo_info_from_ip_address(F).city, ...</c>. Where iplocation cannot place F (private,
/// invalid, missing) it adds no field, which a new column reads as null, as the function's null; so a field that
/// already holds a value (a column, a field of the events) is refused: iplocation would keep it there. allfields=true
/// adds Continent, MetroCode and Timezone, which the canonical object has not; lang= renders names in another
/// language, which no target's function does.
/// </summary>
internal sealed partial class SplPipelineTranslator
{
    private void Iplocation(SplCommand command)
    {
        var positional = new List<SplToken>();
        var options = Options(command, Cursor(command), positional);
        var prefix = "";
        foreach (var (key, value) in options)
        {
            switch (key.ToLowerInvariant())
            {
                case "prefix":
                    prefix = value.Value;
                    break;
                case "allfields" when IsFalse(value.Value):
                    break;
                case "allfields":
                    throw new SplTranslationException(value, EscuDiagnosticCodes.UntranslatedIplocation,
                        "iplocation allfields=true also adds Continent, MetroCode and Timezone, which geo_info_from_ip_address does not give (country, state, city, latitude, longitude)");
                case "lang" when value.Value is "en" or "EN":
                    break;
                case "lang":
                    throw new SplTranslationException(value, EscuDiagnosticCodes.UntranslatedIplocation,
                        $"iplocation lang={value.Value} names places in another language; geo_info_from_ip_address gives the database's English names on every target");
                default:
                    throw new SplTranslationException(value, EscuDiagnosticCodes.UntranslatedIplocation, $"the iplocation option '{key}' is not translated");
            }
        }

        if (positional is not [{ Kind: SplTokenKind.Word or SplTokenKind.QuotedField } field])
        {
            throw new SplTranslationException(positional.ElementAtOrDefault(1) ?? command.Head, EscuDiagnosticCodes.SplSyntax, "iplocation takes one field, the address");
        }

        var address = Read(field, field.Value);
        var located = $"geo_info_from_ip_address({address})";
        var assignments = new List<string>();
        foreach (var (member, splunkName) in SplEmitter.IplocationFields.OrderBy(f => f.Value, StringComparer.Ordinal))
        {
            var name = prefix + splunkName;
            if (scope.IsColumn(name) || (scope.RawEvents && scope.IsDataSourceField(name)))
            {
                throw new SplTranslationException(command.Head, EscuDiagnosticCodes.UntranslatedIplocation,
                    $"iplocation sets '{name}', which already holds a value here: where it cannot place the address it keeps that value, which geo_info_from_ip_address's null does not (use prefix= for new fields)");
            }

            assignments.Add($"{SplFieldScope.Name(name)} = {located}.{member}");
        }

        foreach (var splunkName in SplEmitter.IplocationFields.Values)
        {
            var name = prefix + splunkName;
            scope.Define(name);
            _numericText.Forget(name);
            _kinds.Assigned(name, false);
            MarkMemberList(name, false);
            _filledColumns.Remove(name);
        }

        Note(command.Head, EscuDiagnosticCodes.IplocationNote,
            "iplocation is geo_info_from_ip_address: each target reads its own geo-IP database (Splunk's, Microsoft's, the repository's rules/geoip/ for C#), so a place can differ; where no place is found iplocation adds no field, and the columns are null");
        _stages.Add("extend " + string.Join(",\n         ", assignments));
    }

    private static bool IsFalse(string value) => value.ToLowerInvariant() is "false" or "f" or "0" or "no";
}
