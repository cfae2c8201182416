using RuleCompiler.Backends.Splunk.Conf;

namespace RuleCompiler.Backends.Tests.Splunk;

/// <summary>Where the Splunk reference data lives: ../shared/reference (Splunk's .spec files, the ESCU app).</summary>
internal static class SplunkReference
{
    public static string Folder => Path.Combine(RepositoryPaths.Shared, "reference");

    public static string Specs => Path.Combine(Folder, "splunk-conf-spec", "9.2");

    public static string EscuLegacySpecs => Path.Combine(Folder, "splunk-conf-spec", "escu-legacy");

    public static string EscuApp => Path.Combine(Folder, "escu-app-5.15.2");

    /// <summary>Splunk 9.2's spec of <paramref name="confName"/> (such as "savedsearches.conf").</summary>
    public static ConfSpec Spec(string confName) => ReadSpec(Path.Combine(Specs, confName + ".spec"));

    public static ConfSpec LegacyEscuSpec(string confName) => ReadSpec(Path.Combine(EscuLegacySpecs, confName + ".spec"));

    /// <summary>The keys the real ESCU app uses in default/<paramref name="confName"/>, as a spec.</summary>
    public static ConfSpec EscuKeys(string confName) => ConfSpec.FromExample(EscuConf(confName));

    public static ConfFile EscuConf(string confName)
    {
        var path = Path.Combine(EscuApp, "default", confName);
        return ConfReader.Read("escu/" + confName, File.ReadAllText(path));
    }

    /// <summary>Every alert action a savedsearches.conf may configure: Splunk's, legacy ESCU's and ES's.</summary>
    public static ConfSpec AlertActions() =>
        ConfSpec.Merge(Spec("alert_actions.conf"), LegacyEscuSpec("alert_actions.conf"), EnterpriseSecuritySpecs.AlertActions);

    /// <summary>Every key a savedsearches.conf may use: Splunk's spec, legacy ESCU's and ES's.</summary>
    public static ConfSpec SavedSearches() =>
        ConfSpec.Merge(Spec("savedsearches.conf"), LegacyEscuSpec("savedsearches.conf"), EnterpriseSecuritySpecs.SavedSearches);

    private static ConfSpec ReadSpec(string path) => ConfSpecReader.Read(Path.GetFileName(path), File.ReadAllText(path));
}

/// <summary>A fact that is skipped, visibly, when ../shared/reference is absent (a fresh clone without the shared data).</summary>
public sealed class ReferenceFactAttribute : Xunit.FactAttribute
{
    public ReferenceFactAttribute()
    {
        if (!Directory.Exists(SplunkReference.Specs) || !Directory.Exists(SplunkReference.EscuApp))
        {
            Skip = "../shared/reference (Splunk .spec files and the ESCU app) is not present next to the repository";
        }
    }
}
