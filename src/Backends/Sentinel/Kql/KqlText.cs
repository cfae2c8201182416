using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace RuleCompiler.Backends.Sentinel.Kql;

/// <summary>
/// The one place text becomes KQL tokens: string literals and (quoted when needed) identifiers. Every literal the
/// Sentinel backend writes goes through <see cref="StringLiteral"/>; docs/sentinel-backend.md explains the rules.
/// </summary>
public static class KqlText
{
    /// <summary>
    /// A double-quoted KQL string literal whose value is exactly <paramref name="value"/>. Kusto's escapes are
    /// <c>\"</c>, <c>\\</c>, <c>\n</c>, <c>\r</c>, <c>\t</c> and <c>\uXXXX</c>; every character that is not
    /// visible text (C0/C1 controls, DEL, line and paragraph separators, format characters such as bidi overrides,
    /// and lone surrogates) is written as <c>\uXXXX</c>, so the query stays on one line and reads as it means. A lone
    /// surrogate keeps its exact UTF-16 value in the literal (Kusto.Language parses <c>\uD800</c> to it); the service
    /// stores strings as UTF-8, so such a literal can never equal an ingested value.
    /// </summary>
    public static string StringLiteral(string value) => Quote(value, '"');

    /// <summary>
    /// <paramref name="name"/> as a KQL identifier: bare when it is a plain identifier (letter or underscore, then
    /// letters, digits and underscores) and not a keyword the parser would take as one, else bracketed as
    /// <c>['name with space']</c> with the inside escaped like a single-quoted string literal.
    /// </summary>
    public static string Identifier(string name) =>
        IsPlainIdentifier(name) && !Keywords.Contains(name) ? name : "[" + Quote(name, '\'') + "]";

    private static bool IsPlainIdentifier(string name)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    private static string Quote(string value, char quote)
    {
        var text = new StringBuilder(value.Length + 2).Append(quote);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == quote || c == '\\')
            {
                text.Append('\\').Append(c);
            }
            else if (c == '\n')
            {
                text.Append("\\n");
            }
            else if (c == '\r')
            {
                text.Append("\\r");
            }
            else if (c == '\t')
            {
                text.Append("\\t");
            }
            else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                text.Append(c).Append(value[++i]);
            }
            else if (NeedsUnicodeEscape(c))
            {
                text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.Append(quote).ToString();
    }

    private static bool NeedsUnicodeEscape(char c) => char.GetUnicodeCategory(c) is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
        or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
        or UnicodeCategory.OtherNotAssigned;

    /// <summary>
    /// Words Kusto.Language 12.4.1 does not accept as a bare column name (found by analysing
    /// <c>datatable(['w']:string)[] | project w</c> for every keyword of its grammar); they are always bracketed.
    /// </summary>
    private static readonly FrozenSet<string> Keywords = FrozenSet.ToFrozenSet(
    [
        "__contextual_datatable", "__crossCluster", "__crossDB", "__executeAndCache", "__id", "__isFuzzy", "__noWithSource", "__packedColumn", "__projectAway", "__sourceColumnIndex",
        "accumulate", "and", "anomalychart", "areachart", "as", "asc", "bagexpansion", "barchart", "between", "boolean",
        "by", "byte", "cachingpolicy", "callout", "cancel", "card", "char", "columnchart", "contains", "contains_cs",
        "containscs", "cycles", "dataexport", "datascope", "datatable", "date", "datetime", "decimal", "decodeblocks", "desc",
        "double", "dynamic", "earliest", "encodingpolicy", "endswith", "endswith_cs", "expandoutput", "extent_tags_retention", "external_data", "externaldata",
        "find", "first", "flags", "float", "force_remote", "harddelete", "hardretention", "has", "has_all", "has_any",
        "has_cs", "hasprefix", "hasprefix_cs", "hassuffix", "hassuffix_cs", "hotcache", "in", "int", "int16", "int32",
        "int64", "int8", "invoke", "isfuzzy", "journal", "ladderchart", "last", "latest", "like", "likecs",
        "linechart", "long", "materialize", "mdm", "missing", "nooptimization", "notcontains", "notcontainscs", "notlike", "notlikecs",
        "of", "or", "others", "pathformat", "piechart", "pivotchart", "print", "project", "queries", "query_results",
        "real", "relaxed", "restricted_view_access", "row_level_security", "rowstore", "rowstore_references", "rowstore_sealinfo", "rowstorepolicy", "rowstores", "sample",
        "scatterchart", "seal", "seals", "search", "set", "shards", "simple", "softdelete", "softretention", "sql",
        "stackedareachart", "startswith", "startswith_cs", "statistics", "storedqueryresultcontainers", "string", "tablepurge", "time", "timechart", "timeline",
        "timepivot", "timespan", "title", "to", "toscalar", "totable", "treemap", "uint", "uint16", "uint32",
        "uint64", "uint8", "ulong", "union", "uniqueid", "unrestrictedviewers", "verbose", "viewers", "views", "where",
        "with_itemindex", "with_match_id", "with_step_name", "writeaheadlog"
    ], StringComparer.Ordinal);
}
