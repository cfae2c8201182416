using RuleCompiler.Backends.Hosting;
using RuleCompiler.Backends.Sentinel;
using RuleCompiler.Backends.Sentinel.Analysis;
using RuleCompiler.Backends.Sentinel.Emit;
using RuleCompiler.Compiler.Diagnostics;
using Xunit;

namespace RuleCompiler.Backends.Tests.Sentinel;

/// <summary>
/// A throwaway rules folder: the data sources, lists and fragments of rules/, and one probe rule with the given search
/// (its search starts on line <see cref="SearchLine"/>, column 3), compiled for the Sentinel target.
/// </summary>
internal sealed class ProbeRepository : IDisposable
{
    public const int SearchLine = 12;

    private ProbeRepository(string root) => Root = root;

    public string Root { get; }

    public string RulePath => Path.Combine(Root, "rules", "aws", "probe", "probe_rule.yml");

    public static ProbeRepository With(string search, string dataSource = "aws_cloudtrail")
    {
        var root = Path.Combine(Path.GetTempPath(), "rulec-kql-tests", Guid.NewGuid().ToString("N"));
        foreach (var folder in new[] { "data_sources", "fragments", "lists" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "rules", folder)))
            {
                var target = Path.Combine(root, "rules", folder, Path.GetFileName(file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        var probe = new ProbeRepository(root);
        Directory.CreateDirectory(Path.GetDirectoryName(probe.RulePath)!);
        var indented = string.Join("\n", search.Split('\n').Select(l => "  " + l));
        File.WriteAllText(probe.RulePath, $"""
            # yaml-language-server: $schema=../../../schemas/rule.schema.json
            id: 5f0c3a52-6d7e-4b8a-9c1d-2e3f4a5b6c7d
            name: Probe Rule
            version: 1
            date: "2026-11-29"
            author: Test
            status: experimental
            type: hunting
            description: A probe of one construct.
            data_source: {dataSource}
            search: |
            {indented}
            attack:
              - T1204.003
            schedule:
              kind: scheduled
              frequency: 1h
              lookback: 1h

            """);
        return probe;
    }

    /// <summary>What the Sentinel target reports before writing, and what the emitter finds with every table known.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics()
    {
        var compilation = RuleCompilerHost.Compile([Path.Combine(Root, "rules")]);
        Assert.Equal(0, compilation.ErrorCount);
        var rule = Assert.Single(compilation.Rules);
        var emitted = KqlEmitter.Emit(rule.Query, rule.Rule, KustoTable.FromDataSources(compilation.Repository.DataSources));
        return [.. RuleCompilerHost.Check(new SentinelTarget(), compilation).Concat(emitted.Diagnostics).Distinct()];
    }

    public KqlQuery Emit()
    {
        var compilation = RuleCompilerHost.Compile([Path.Combine(Root, "rules")]);
        Assert.True(compilation.ErrorCount == 0, string.Join("\n", compilation.Diagnostics));
        var rule = Assert.Single(compilation.Rules);
        return KqlEmitter.Emit(rule.Query, rule.Rule, KustoTable.FromDataSources(compilation.Repository.DataSources));
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
