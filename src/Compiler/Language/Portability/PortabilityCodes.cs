namespace RuleCompiler.Compiler.Language.Portability;

/// <summary>
/// Codes the capability pass reports when a construct has no exact realisation on a target (docs/semantics.md names
/// the construct for each). RC40xx: Splunk; RC41xx: Sentinel (none needed yet: every construct has a KQL form).
/// </summary>
public static class PortabilityCodes
{
    /// <summary><c>base64_decode_tostring</c>: SPL has no base64 decoder without an add-on.</summary>
    public const string SplunkNoBase64Decode = "RC4001";

    /// <summary><c>totimespan</c>: SPL has no timespan type to parse into.</summary>
    public const string SplunkNoTimespanParse = "RC4002";

    /// <summary><c>dayofmonth</c>, <c>format_datetime</c>: Splunk's strftime follows the user's time zone (warning).</summary>
    public const string SplunkUserTimeZone = "RC4003";

    /// <summary><c>datetime_diff</c> in years, quarters, months or weeks: no calendar arithmetic in eval.</summary>
    public const string SplunkNoCalendarDiff = "RC4004";

    /// <summary><c>pack_array</c> with an argument that may be null: mvappend drops nulls.</summary>
    public const string SplunkArrayDropsNull = "RC4005";

    /// <summary><c>make_list</c> without a size limit of at most 100: Splunk's list() keeps 100 values (warning).</summary>
    public const string SplunkListLimit = "RC4006";

    /// <summary><c>join kind=fullouter</c>: SPL's join has no full outer kind.</summary>
    public const string SplunkNoFullOuterJoin = "RC4010";
}
