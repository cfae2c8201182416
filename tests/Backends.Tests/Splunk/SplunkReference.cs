namespace RuleCompiler.Backends.Tests.Splunk;

/// <summary>Where the Splunk reference data lives: ../shared/reference (Splunk's .spec files, the ESCU app).</summary>
internal static class SplunkReference
{
    public static string Folder => Path.Combine(RepositoryPaths.Shared, "reference");

    public static string Specs => Path.Combine(Folder, "splunk-conf-spec", "9.2");

    public static string EscuLegacySpecs => Path.Combine(Folder, "splunk-conf-spec", "escu-legacy");

    public static string EscuApp => Path.Combine(Folder, "escu-app-5.15.2");
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
