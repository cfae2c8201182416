namespace RuleCompiler.Backends.Splunk.Emit;

/// <summary>Diagnostic codes of the SPL emitter and its capability table (RC40xx; docs/diagnostics.md lists them).</summary>
public static class SplDiagnostics
{
    /// <summary>A stage SPL cannot run with the rule's meaning (join, union).</summary>
    public const string StageNotPortable = "RC4001";

    /// <summary>A function or operator SPL cannot compute with the rule's meaning.</summary>
    public const string FunctionNotPortable = "RC4002";

    /// <summary>An argument SPL needs as a constant (a pattern, a unit, a size limit) is computed.</summary>
    public const string NeedsConstant = "RC4003";

    /// <summary>mv-expand of an array of the raw event after a stage that dropped the raw event.</summary>
    public const string ExpandWithoutRawEvent = "RC4004";

    /// <summary>An <c>in</c> list SPL cannot test with the rule's meaning (a sub-pipeline, a list of the other case sensitivity).</summary>
    public const string ListNotPortable = "RC4005";

    /// <summary>A value or field name SPL cannot spell where it is needed.</summary>
    public const string NotSpellable = "RC4006";

    /// <summary>A whole JSON object used as a value: Splunk extracts only its leaves as fields.</summary>
    public const string ObjectValue = "RC4007";

    /// <summary>The SPL form works with a documented difference (an order, a cap, a time zone).</summary>
    public const string Differs = "RC4010";

    /// <summary>An index into an array of objects: Splunk's multivalue field skips elements that lack the member.</summary>
    public const string IndexedObjectArray = "RC4011";

    /// <summary>A test of a member list that SPL's eval would apply to the multivalue field as a whole, not value by value.</summary>
    public const string MemberListTest = "RC4015";

    /// <summary>A pipeline over a data-model source that does not start with where and summarize, the shape tstats reads.</summary>
    public const string DataModelShape = "RC4016";

    /// <summary>A condition before the summarize over a data-model source that tstats' where cannot say as search terms.</summary>
    public const string TstatsWhere = "RC4017";

    /// <summary>An aggregate or group-by key over a data-model source that tstats cannot compute (an expression, arg_max).</summary>
    public const string TstatsAggregate = "RC4018";

    /// <summary>A fill-null before the summarize over a data-model source that is not exactly tstats' fillnull_value.</summary>
    public const string TstatsFill = "RC4019";

    /// <summary>A join on a table (<c>table(T)</c>) outside the shape SPL's join with <c>inputlookup</c> runs exactly.</summary>
    public const string TableJoinShape = "RC4020";

    /// <summary>A join on a table runs it as a subsearch, whose row and time caps may drop rows (warning).</summary>
    public const string TableSubsearchLimits = "RC4021";

    /// <summary>A table read anywhere but the right side of a join (a union member, a let list): not portable to SPL.</summary>
    public const string TableNotJoined = "RC4022";

    /// <summary>A maintained table without a KV store collection, or a table name that cannot name a lookup.</summary>
    public const string TableLookup = "RC4023";
    /// <summary>geo_info_from_ip_address other than a member assigned by extend or project or read by where (iplocation is a command).</summary>
    public const string GeoOutsideExtend = "RC4030";

    /// <summary>The address of geo_info_from_ip_address is a column assigned in the same stage (iplocation runs before the eval).</summary>
    public const string GeoAddressAssignedHere = "RC4031";
}
