namespace RuleCompiler;

/// <summary>
/// Every resource limit rulec enforces, in one place (compiled into the compiler and into the runtime, which do not
/// reference each other). Rules come from pull requests and events from anywhere: each limit turns input that
/// would cost unbounded time or memory into a diagnostic. docs/reliability.md lists them with their codes.
/// </summary>
internal static class Limits
{
    /// <summary>The largest rule, data source, list or fragment file read (bytes): room for a list of 100,000 values; real rules are a few KB.</summary>
    public const long MaxRuleFileBytes = 4 * 1024 * 1024;

    /// <summary>The longest search (characters of query text, after YAML).</summary>
    public const int MaxSearchLength = 64 * 1024;

    /// <summary>The most values in one named list file or one literal <c>in (...)</c> list.</summary>
    public const int MaxListValues = 100_000;

    /// <summary>The most rows in one static table file or one set of rows supplied for a table (rulec run/test).</summary>
    public const int MaxTableRows = 100_000;

    /// <summary>The most segments in one field path (<c>a.b.c</c>); CloudTrail nests a few levels deep.</summary>
    public const int MaxPathSegments = 64;

    /// <summary>The largest repeat count in a regular expression, RE2's cap.</summary>
    public const int MaxRegexRepeat = 1000;

    /// <summary>
    /// The largest single event (or, for a CloudTrail file whose <c>Records</c> key is not first, the whole object)
    /// the reader holds: CloudTrail records are a few KB, and a JSON document costs a few times its size in memory.
    /// </summary>
    public const int MaxEventBytes = 32 * 1024 * 1024;

    /// <summary>
    /// The most rows, groups or keys one stateful stage of one running rule holds (summarize groups, distinct keys,
    /// sort rows without a take, join and union sides, rows waiting for a list). Rows are events or smaller: about a
    /// few GB at worst, and far above what an alerting rule keeps.
    /// </summary>
    public const int MaxRowsHeld = 1_000_000;

    /// <summary>
    /// The longest regular expression read from the data (<c>x matches regex field</c>) that is compiled: one past it
    /// matches nothing. Names and identifiers used as patterns are short; a long one is input to be wary of.
    /// </summary>
    public const int MaxDataRegexLength = 1024;

    /// <summary>How many compiled patterns read from the data are kept; past it each new pattern is compiled and dropped.</summary>
    public const int MaxDataRegexCached = 4096;
    /// <summary>The largest geo-IP database file (rules/geoip/*.csv) read: a city-level database of the whole address space is a few hundred MB.</summary>
    public const long MaxGeoIpFileBytes = 512L * 1024 * 1024;

    /// <summary>The most networks in the geo-IP database (all files together): about 40 bytes each once loaded.</summary>
    public const int MaxGeoIpNetworks = 8_000_000;

    /// <summary>The longest line of a geo-IP database file (characters): a network and five short values.</summary>
    public const int MaxGeoIpLineLength = 4096;

    /// <summary>How long one regular-expression match may run before it is stopped and reported.</summary>
    public static readonly TimeSpan RegexMatchTimeout = TimeSpan.FromSeconds(1);
}
