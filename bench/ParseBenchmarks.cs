using BenchmarkDotNet.Attributes;
using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Compiler.Language.Printing;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RuleCompiler.Benchmarks;

/// <summary>
/// Parse cost of each seed rule's search, read from rules/aws/ecr/*.yml, with printing and building the YAML source
/// map (which validation does per rule).
/// </summary>
[MemoryDiagnoser]
[MinColumn]
public class ParseBenchmarks
{
    private string _text = "";
    private string _fileText = "";
    private Scalar _scalar = null!;

    [Params(
        "amazon_ecr_image_scanning_disabled",
        "asl_aws_ecr_container_upload_unknown_user",
        "aws_ecr_container_scanning_findings_high",
        "aws_ecr_container_scanning_findings_medium",
        "aws_ecr_container_upload_outside_business_hours")]
    public string Seed { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        (_fileText, _scalar) = ReadSearch(Seed);
        _text = _scalar.Value;
        if (!QueryParser.Parse(_text).Succeeded)
        {
            throw new InvalidOperationException($"the {Seed} search does not parse");
        }
    }

    [Benchmark]
    public ParseResult Parse() => QueryParser.Parse(_text);

    [Benchmark]
    public string ParseAndPrint() => QueryPrinter.Print(QueryParser.Parse(_text).Query!);

    [Benchmark]
    public SearchSourceMap SourceMap() =>
        SearchSourceMap.Create(_scalar.Value, Compiler.Loading.QueryTextStyles.Of(_scalar.Style), _fileText, (int)_scalar.Start.Line, (int)_scalar.Start.Column);


    internal static (string FileText, Scalar Search) ReadSearch(string name)
    {
        var path = Path.Combine(SeedRules.Root(), "rules", "aws", "ecr", name + ".yml");
        var text = File.ReadAllText(path);
        var parser = new Parser(new StringReader(text));
        var afterSearchKey = false;
        while (parser.MoveNext())
        {
            if (parser.Current is Scalar scalar)
            {
                if (afterSearchKey)
                {
                    return (text, scalar);
                }

                afterSearchKey = scalar.Value == "search";
            }
            else
            {
                afterSearchKey = false;
            }
        }

        throw new InvalidOperationException($"no search in {path}");
    }
}

/// <summary>Parse throughput over the five seed searches together: queries per second = 1 / the mean (per query).</summary>
[MemoryDiagnoser]
[MinColumn]
public class SeedParseThroughput
{
    private string[] _searches = [];

    [GlobalSetup]
    public void Setup() => _searches = [.. SeedRules.Names.Select(n => ParseBenchmarks.ReadSearch(n).Search.Value)];

    /// <summary>All five seeds per invocation; BenchmarkDotNet reports the time per query.</summary>
    [Benchmark(OperationsPerInvoke = 5)]
    public int ParseAllSeeds()
    {
        var parsed = 0;
        foreach (var search in _searches)
        {
            parsed += QueryParser.Parse(search).Succeeded ? 1 : 0;
        }

        return parsed;
    }
}

internal static class SeedRules
{
    public static readonly string[] Names =
    [
        "amazon_ecr_image_scanning_disabled",
        "asl_aws_ecr_container_upload_unknown_user",
        "aws_ecr_container_scanning_findings_high",
        "aws_ecr_container_scanning_findings_medium",
        "aws_ecr_container_upload_outside_business_hours",
    ];

    /// <summary>The repository root: the folder holding RuleCompiler.sln, above the working or build directory.</summary>
    public static string Root()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "RuleCompiler.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("RuleCompiler.sln not found above the current or build directory");
    }
}
