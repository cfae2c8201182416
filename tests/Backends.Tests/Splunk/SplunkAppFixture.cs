using RuleCompiler.Backends.Splunk.App;
using RuleCompiler.Backends.Splunk.Emit;
using RuleCompiler.Compiler.Loading;

namespace RuleCompiler.Backends.Tests.Splunk;

/// <summary>
/// The app of the repository's Splunk seed rules (rules/aws/ecr), each with the SPL the emitter writes for it (one
/// command per line, which exercises multi-line values).
/// </summary>
internal static class SplunkAppFixture
{
    public static readonly string[] SeedRules =
    [
        "asl_aws_ecr_container_upload_unknown_user",
        "aws_ecr_container_scanning_findings_high",
        "aws_ecr_container_scanning_findings_medium",
        "aws_ecr_container_upload_outside_business_hours",
    ];

    private static readonly Lazy<SplunkApp> Seeds = new(() => Build(SplunkAppInfo.DefaultName));

    public static SplunkApp App => Seeds.Value;

    public static SplunkApp Build(string appName)
    {
        var compiled = SeedRules.Select(CompiledRules.Named).ToList();
        var lists = RuleRepository.Load(Path.Combine(RepositoryPaths.Root, "rules")).Lists;
        return SplunkApp.Create(
            compiled.Select(r => new SplunkRule(r.Rule, SplEmitter.Emit(r).Spl)),
            compiled.Select(r => r.DataSource).DistinctBy(d => d.Name),
            lists,
            appName);
    }
}

/// <summary>A fact that needs ../shared (the ESCU corpus SPL and the Splunk reference specs); skipped visibly without it.</summary>
public sealed class SplunkAppFactAttribute : Xunit.FactAttribute
{
    public SplunkAppFactAttribute()
    {
        if (!Directory.Exists(RepositoryPaths.Corpus) || !Directory.Exists(SplunkReference.Specs))
        {
            Skip = "../shared (ESCU corpus and Splunk reference specs) is not present next to the repository";
        }
    }
}

/// <summary>A theory with the same requirement as <see cref="SplunkAppFactAttribute"/>.</summary>
public sealed class SplunkAppTheoryAttribute : Xunit.TheoryAttribute
{
    public SplunkAppTheoryAttribute()
    {
        if (!Directory.Exists(RepositoryPaths.Corpus) || !Directory.Exists(SplunkReference.Specs))
        {
            Skip = "../shared (ESCU corpus and Splunk reference specs) is not present next to the repository";
        }
    }
}
