namespace RuleCompiler.Backends.Splunk.App;

/// <summary>
/// The one escaping function for lookup CSV files (RFC 4180, which Splunk's CSV lookups read): a field with a comma,
/// quote or line break is quoted, its quotes doubled.
/// </summary>
public static class CsvText
{
    public static string Field(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 && value.Trim() == value
            ? value
            : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
