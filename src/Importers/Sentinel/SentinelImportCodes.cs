namespace RuleCompiler.Importers.Sentinel;

/// <summary>Codes of the Sentinel (KQL) importer, RC5050–RC5079 (docs/diagnostics.md lists them).</summary>
public static class SentinelImportCodes
{
    /// <summary>The file is not YAML, not one mapping, or lacks a key the translation needs (name, query).</summary>
    public const string MalformedRule = "RC5050";

    /// <summary>KQL syntax the canonical language has no form for (an operator, stage or clause the parser does not read).</summary>
    public const string UntranslatedSyntax = "RC5051";

    /// <summary>A table no data source of the repository reads (its <c>sentinel.table</c>), or two different tables in one rule.</summary>
    public const string UnmappedTable = "RC5052";

    /// <summary>A KQL function the canonical language does not have.</summary>
    public const string UntranslatedFunction = "RC5053";

    /// <summary>An ATT&amp;CK technique the catalogue does not hold: not carried across (partial).</summary>
    public const string UnknownTechnique = "RC5055";

    /// <summary>A Sentinel key or value the canonical rule has no place for: not carried across (partial).</summary>
    public const string DroppedMetadata = "RC5056";

    /// <summary>An entity mapping, custom detail or alert placeholder naming a column the query does not output (partial).</summary>
    public const string MissingColumn = "RC5057";

    /// <summary>A Sentinel setting whose value is not one the alertRules API defines (an unknown alert property, aggregation kind, ...): not carried across (partial).</summary>
    public const string UnknownSettingValue = "RC5058";

    /// <summary>Incident grouping by an entity type or custom detail the rule does not carry: not carried across (partial).</summary>
    public const string GroupingNotCarried = "RC5059";

    /// <summary>A KQL stage the canonical language has no faithful form for (parse, lookup, make-series, evaluate, sample, project-reorder, ...), refused with the reason.</summary>
    public const string RefusedStage = "RC5060";

    /// <summary>A KQL function or operator, or a form of one, whose meaning the canonical language cannot state exactly (percentiles, calendar months, hasprefix, ...), refused with the reason.</summary>
    public const string RefusedFunction = "RC5061";

    /// <summary>A hunting-query placeholder (<c>{{StartTimeISO}}</c>) kept as text, which only Sentinel's hunting page fills (partial).</summary>
    public const string HuntingPlaceholder = "RC5062";

    /// <summary>project-reorder dropped, or project-keep written as project: the column order is not carried (partial).</summary>
    public const string ColumnOrderNotCarried = "RC5063";
}
