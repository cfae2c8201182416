using System.Collections.Immutable;
using System.Text;
using RuleCompiler.Backends.Splunk.App;
using RuleCompiler.Backends.Splunk.Spl;
using RuleCompiler.Compiler.Loading;
using YamlDotNet.RepresentationModel;

namespace RuleCompiler.Backends.Tests.Splunk;

/// <summary>
/// The app of the repository's Splunk seed rules (rules/aws/ecr), each with the SPL of the ESCU rule of the same
/// name in ../shared/corpus/splunk/security_content (one pipe per line, to exercise multi-line values). The SPL
/// emitter does not exist yet; when it does, its output replaces the corpus SPL here.
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
        var repository = RuleRepository.Load(Path.Combine(RepositoryPaths.Root, "rules"));
        if (repository.ErrorCount > 0)
        {
            throw new InvalidOperationException("rules/ does not load: " + string.Join("; ", repository.Diagnostics));
        }

        var rules = repository.Rules
            .Where(r => SeedRules.Contains(Path.GetFileNameWithoutExtension(r.Path)))
            .Select(r => new SplunkRule(r, OnePipePerLine(EscuSearch(Path.GetFileNameWithoutExtension(r.Path)))))
            .ToList();
        if (rules.Count != SeedRules.Length)
        {
            throw new InvalidOperationException($"expected the {SeedRules.Length} Splunk seed rules in rules/aws/ecr, found {rules.Count}");
        }

        return SplunkApp.Create(rules, repository.DataSources, repository.Lists, appName);
    }

    /// <summary>The <c>search</c> of the ESCU detection named <paramref name="snakeName"/>.</summary>
    public static string EscuSearch(string snakeName)
    {
        var path = Path.Combine(RepositoryPaths.Corpus, "splunk", "security_content", "detections", "cloud", snakeName + ".yml");
        var yaml = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        return ((YamlScalarNode)root.Children[new YamlScalarNode("search")]).Value!;
    }

    /// <summary>The SPL with a line break before every top-level pipe (found with the SPL tokenizer, so none inside a string).</summary>
    public static string OnePipePerLine(string spl)
    {
        var tokens = SplTokenizer.Tokenize(spl).Tokens;
        var depth = 0;
        var breaks = new List<int>();
        foreach (var token in tokens)
        {
            depth += token.Kind switch { SplTokenKind.OpenBracket => 1, SplTokenKind.CloseBracket => -1, _ => 0 };
            if (token.Kind == SplTokenKind.Pipe && depth == 0 && token.Offset > 0)
            {
                breaks.Add(token.Offset);
            }
        }

        var text = new StringBuilder();
        var start = 0;
        foreach (var at in breaks)
        {
            text.Append(spl.AsSpan(start, at - start).TrimEnd()).Append('\n');
            start = at;
        }

        return text.Append(spl.AsSpan(start)).ToString().Trim();
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
