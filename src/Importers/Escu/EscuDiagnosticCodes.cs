namespace RuleCompiler.Importers.Escu;

/// <summary>Codes of the ESCU importer and its SPL translation (RC5020–RC5049; docs/diagnostics.md lists them).</summary>
public static class EscuDiagnosticCodes
{
    /// <summary>The ESCU file lacks a key the import needs (name, id, search) or has it in the wrong shape.</summary>
    public const string MissingKey = "RC5020";

    /// <summary>The SPL does not read: an unterminated string or macro, an unbalanced bracket or parenthesis, a stray token.</summary>
    public const string SplSyntax = "RC5021";

    /// <summary>An SPL command with no canonical translation (tstats, join, inputlookup, lookup, iplocation, eventstats, ...).</summary>
    public const string UnsupportedCommand = "RC5022";

    /// <summary>An eval function, or an aggregate of stats, with no canonical translation.</summary>
    public const string UnsupportedFunction = "RC5023";

    /// <summary>The search does not start with a macro that a data source of the repository declares as its base search.</summary>
    public const string UnmappedDataSource = "RC5024";

    /// <summary>A macro that is neither a data source, a convention (ctime, _filter) nor an allow-list.</summary>
    public const string UnknownMacro = "RC5025";

    /// <summary>A search term without a field (full-text search), which the canonical language cannot express.</summary>
    public const string KeywordSearch = "RC5026";

    /// <summary>A command option or argument form the translation does not take (spath without output, a rename wildcard over unknown columns, ...).</summary>
    public const string UnsupportedArgument = "RC5027";

    /// <summary>Fidelity note: SPL's meaning differs from the canonical operator's and the faithful form was chosen (=~ for a search term, ...).</summary>
    public const string FidelityNote = "RC5028";

    /// <summary>Fidelity note: a Splunk add-on (CIM) field is derived from the data source's raw fields.</summary>
    public const string DerivedField = "RC5029";

    /// <summary>An ATT&amp;CK technique id the catalogue does not hold: not carried across (the rule is partial).</summary>
    public const string UnknownAttackId = "RC5030";

    /// <summary>ESCU metadata with no canonical place (an observable of an unknown type, a malformed risk object): not carried across.</summary>
    public const string DroppedMetadata = "RC5031";

    /// <summary>Fidelity note: the search reads a Splunk default field (source), which each target reads in its own way.</summary>
    public const string SplunkMetadataField = "RC5032";

    /// <summary>In a search with no translation: a name it reads is a field of another data source, and none of its own.</summary>
    public const string FieldOfAnotherSource = "RC5033";

    /// <summary>A rex the canonical form cannot say: max_match other than 1, mode=sed, offset_field, a named group a match can leave out, the raw event text.</summary>
    public const string UntranslatedRex = "RC5035";

    /// <summary>A rex pattern with PCRE syntax outside the portable regex dialect, at the construct.</summary>
    public const string UnportableRegex = "RC5036";

    /// <summary>A read of the raw event's JSON text (a rex on _raw) other than spath input=, which has no canonical field.</summary>
    public const string RawEventText = "RC5037";

    /// <summary>An eval comparison with a multivalue field, whose meaning Splunk does not document: written as any-value, the rule partial.</summary>
    public const string UndocumentedMultivalueComparison = "RC5038";

    /// <summary>A tstats form with no faithful canonical translation: prestats, append, chunk_size, a nodename, a multivalue by-field, no data model.</summary>
    public const string UnsupportedTstats = "RC5039";

    /// <summary>tstats reads a data model dataset that no data source of the repository is (splunk.datamodel and dataset).</summary>
    public const string UnmappedDataModel = "RC5040";

    /// <summary>A name in tstats that is no field of the data-model source: a data-model field without its dataset prefix, or an unknown one.</summary>
    public const string DataModelField = "RC5041";

    /// <summary>Fidelity note on tstats: the summaries it reads (summariesonly), and ESCU's summaries macro read with its config macros' defaults.</summary>
    public const string TstatsNote = "RC5042";

    /// <summary>An SPL sort or head whose rows or order the canonical sort and take cannot reproduce (num()/str()/ip() orderings, a limit over SPL's per-value automatic order, head over rows in an order SPL leaves to the command before).</summary>
    public const string UnfaithfulOrder = "RC5043";

    /// <summary>A time format or conversion the canonical format_datetime cannot say (a strftime directive or literal outside its set, convert of a value that is not an event time).</summary>
    public const string UntranslatedTimeFormat = "RC5044";

    /// <summary><c>inputlookup</c> or <c>lookup</c> of a lookup that is neither a table of the repository nor an ESCU lookup definition.</summary>
    public const string UnknownLookup = "RC5045";

    /// <summary>A join or lookup on a table whose SPL meaning the canonical form cannot state (first match, options, collisions).</summary>
    public const string UntranslatedLookup = "RC5046";

    /// <summary>An ESCU lookup definition that does not read as a table (no collection or file, no fields, options).</summary>
    public const string UnreadableLookup = "RC5047";
    /// <summary>An iplocation the canonical geo_info_from_ip_address cannot say: allfields=true, a lang other than English, a field it would keep where it cannot place the address.</summary>
    public const string UntranslatedIplocation = "RC5048";

    /// <summary>Fidelity note on iplocation: the canonical function reads each target's own geo-IP database.</summary>
    public const string IplocationNote = "RC5049";
}
