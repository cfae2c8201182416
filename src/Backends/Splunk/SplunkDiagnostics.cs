namespace RuleCompiler.Backends.Splunk;

/// <summary>
/// Diagnostic codes of the Splunk backend's text readers and checkers (RC41xx; docs/diagnostics.md lists them).
/// RC40xx is left to the SPL emitter and its capability pass.
/// </summary>
public static class SplunkDiagnostics
{
    /// <summary>Splunk app: a per-alert setting (severity or tactics column) Splunk fixes per search; not carried.</summary>
    public const string AlertSettingNotCarried = "RC4012";

    /// <summary>Splunk app: incident grouping carried as alert suppression, which drops later alerts instead of grouping them.</summary>
    public const string GroupingAsSuppression = "RC4013";

    /// <summary>Splunk app: incident grouping not carried, since schedule.suppression already sets the search's one suppression.</summary>
    public const string GroupingNotCarried = "RC4014";

    /// <summary>SPL text: a double-quoted string, single-quoted field name or backtick macro that is never closed.</summary>
    public const string UnterminatedSpl = "RC4051";

    /// <summary>SPL text: a backtick inside a quoted string, which Splunk may expand as a macro.</summary>
    public const string BacktickInString = "RC4052";

    /// <summary>SPL text: a <c>]</c> without its <c>[</c>, or a <c>[</c> never closed.</summary>
    public const string UnbalancedBracket = "RC4053";

    /// <summary>.conf text: a line that is neither a stanza header, a <c>key = value</c> line, a comment nor blank.</summary>
    public const string ConfSyntax = "RC4060";

    /// <summary>.conf text: the same key twice in one stanza (Splunk keeps the last one silently).</summary>
    public const string ConfDuplicateKey = "RC4061";

    /// <summary>.conf text: the same stanza twice in one file.</summary>
    public const string ConfDuplicateStanza = "RC4062";

    /// <summary>.conf check: a key that neither Splunk's .spec nor the ESCU key set allows in that file.</summary>
    public const string ConfUnknownKey = "RC4070";

    /// <summary>.conf check: a value that is not of the type the .spec declares (boolean, integer, ...).</summary>
    public const string ConfValueType = "RC4071";

    /// <summary>Splunk app: a value (rule text, SPL) that a .conf file cannot hold exactly (see ConfWriter).</summary>
    public const string ConfValueNotWritable = "RC4080";

    /// <summary>Splunk app: a schedule frequency with no cron form; the rule must give <c>schedule.cron</c>.</summary>
    public const string NoCronForm = "RC4081";
}
