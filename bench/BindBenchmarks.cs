using BenchmarkDotNet.Attributes;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Compiler.Loading;

namespace RuleCompiler.Benchmarks;

/// <summary>
/// Parse + bind throughput on the seed rules' queries (rules/aws/**/*.yml). One operation parses and binds all
/// of them, so queries per second = seed count / mean time. Run: dotnet run -c Release --project bench -- --filter '*BindBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class BindBenchmarks
{
    private readonly List<(string Search, BindingContext Context)> _seeds = [];
    private readonly List<(RuleCompiler.Compiler.Language.Syntax.Query Query, BindingContext Context)> _parsed = [];

    [GlobalSetup]
    public void Load()
    {
        var rules = Path.Combine(FindRoot(), "rules");
        var sources = Directory.EnumerateFiles(Path.Combine(rules, "data_sources"), "*.yml")
            .Select(f => DocumentLoader.LoadDataSource(f).Model!)
            .ToDictionary(s => s.Name);
        var lists = Directory.EnumerateFiles(Path.Combine(rules, "lists"), "*.yml").Select(f => DocumentLoader.LoadList(f).Model!).ToList();
        var fragments = Directory.EnumerateFiles(Path.Combine(rules, "fragments"), "*.yml")
            .Select(f => DocumentLoader.LoadFragment(f).Model!)
            .Select(f => new ParsedFragment(f, QueryParser.ParseStages(f.Stages.Text).Value!.Stages))
            .ToList();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(rules, "aws"), "*.yml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var rule = DocumentLoader.LoadRule(file).Model!;
            var source = sources[rule.DataSource.Value];
            _seeds.Add((rule.Search.Text, BindingContext.For(source, lists, fragments.Where(f => f.Definition.DataSource == source.Name))));
        }
        if (_seeds.Count == 0) throw new InvalidOperationException("no seed rules under rules/aws");
        _parsed.AddRange(_seeds.Select(s => (QueryParser.Parse(s.Search).Query!, s.Context)));
    }

    [Benchmark]
    public int ParseAndBindSeeds()
    {
        var columns = 0;
        foreach (var (search, context) in _seeds)
        {
            var parsed = QueryParser.Parse(search);
            var bound = QueryBinder.Bind(parsed.Query!, context);
            columns += bound.OutputColumns.Length + bound.Diagnostics.Length;
        }
        return columns;
    }

    [Benchmark]
    public int BindSeeds()
    {
        var columns = 0;
        foreach (var (query, context) in _parsed) columns += QueryBinder.Bind(query, context).OutputColumns.Length;
        return columns;
    }

    [Benchmark]
    public int ParseSeeds()
    {
        var lets = 0;
        foreach (var (search, _) in _seeds) lets += QueryParser.Parse(search).Query!.Lets.Length;
        return lets;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RuleCompiler.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("RuleCompiler.sln not found");
    }
}
