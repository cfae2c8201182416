namespace RuleCompiler.Importers;

/// <summary>Codes of the importers into the canonical form (RC50xx; docs/diagnostics.md lists them).</summary>
public static class ImporterDiagnosticCodes
{
    /// <summary>The source file cannot be read or is not YAML.</summary>
    public const string UnreadableSource = "RC5001";

    /// <summary>A key the translation needs is missing or has the wrong shape (title, detection, condition).</summary>
    public const string MissingOrMalformed = "RC5002";

    /// <summary>A Sigma value modifier the canonical language has no translation for (utf16, expand, ...).</summary>
    public const string UnsupportedModifier = "RC5003";

    /// <summary>A Sigma keyword search (values without a field): the canonical language has no full-text search.</summary>
    public const string KeywordSearch = "RC5004";

    /// <summary>A Sigma condition that does not parse, or names a selection the rule does not define.</summary>
    public const string BadCondition = "RC5005";

    /// <summary>A Sigma aggregation (<c>| count() by ...</c>) or correlation, which the importer does not translate.</summary>
    public const string Aggregation = "RC5006";

    /// <summary>A field name that is not a canonical path (each dot-separated part an identifier).</summary>
    public const string BadFieldName = "RC5007";

    /// <summary>A value a modifier cannot take (an IPv6 range for cidr, text for lt/gt, a number for re).</summary>
    public const string UntranslatableValue = "RC5008";

    /// <summary>An ATT&amp;CK technique tag that the catalogue does not hold (unknown, revoked or deprecated): dropped.</summary>
    public const string UnknownAttackId = "RC5009";

    /// <summary>A log source that no data source of the project maps (only AWS CloudTrail today).</summary>
    public const string UnmappedLogSource = "RC5010";

    /// <summary>A source tag the canonical rule has no place for: dropped, and the rule is marked partial.</summary>
    public const string DroppedTag = "RC5011";
}
