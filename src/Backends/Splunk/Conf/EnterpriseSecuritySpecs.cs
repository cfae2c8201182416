namespace RuleCompiler.Backends.Splunk.Conf;

/// <summary>
/// The savedsearches.conf settings and alert actions of Splunk Enterprise Security and ESCU that no public .spec
/// declares (Specs/es-*.conf.spec, embedded). Checks use them next to Splunk's own specs.
/// </summary>
public static class EnterpriseSecuritySpecs
{
    public static ConfSpec SavedSearches { get; } = Load("es-savedsearches.conf.spec");

    public static ConfSpec AlertActions { get; } = Load("es-alert_actions.conf.spec");

    private static ConfSpec Load(string name)
    {
        using var stream = typeof(EnterpriseSecuritySpecs).Assembly.GetManifestResourceStream("Splunk/Conf/Specs/" + name)
            ?? throw new InvalidOperationException($"embedded resource Splunk/Conf/Specs/{name} is missing from the build");
        using var reader = new StreamReader(stream);
        return ConfSpecReader.Read(name, reader.ReadToEnd());
    }
}
