namespace RuleCompiler.Backends.Sentinel;

/// <summary>Diagnostic codes of the Sentinel backend (RC45xx; docs/diagnostics.md lists them).</summary>
public static class SentinelDiagnostics
{
    /// <summary>A rule setting that Sentinel's analytic rules cannot express (e.g. a duration in seconds).</summary>
    public const string NotExpressible = "RC4501";

    /// <summary>An entity mapping, custom detail or alert template names a column the query does not output.</summary>
    public const string UnknownOutputColumn = "RC4502";

    /// <summary>Two rules would be written to the same artifact file name.</summary>
    public const string DuplicateArtifactName = "RC4503";
}
