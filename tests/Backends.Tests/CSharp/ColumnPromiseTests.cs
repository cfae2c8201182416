using System.Globalization;
using System.Text;
using CsCheck;
using RuleCompiler.Backends.CSharp;
using RuleCompiler.Backends.CSharp.Compile;
using RuleCompiler.Backends.Hosting;
using RuleCompiler.Backends.Targets;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Runtime.Events;
using RuleCompiler.Runtime.Rows;
using RuleCompiler.Runtime.Values;
using Xunit;

namespace RuleCompiler.Backends.Tests.CSharp;

/// <summary>
/// The columns the binder promises are exactly the columns the generated code outputs, in order and by type: on
/// generated queries, on every rule of rules/, on the corpus rewrites, and on the issue's own examples.
/// </summary>
public class ColumnPromiseTests
{
    private const int GeneratedQueries = 1000;

    private static readonly Lazy<List<Row>> Events = new(() =>
    {
        var rows = new List<Row>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "rules"), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            foreach (var record in EventReader.ReadFile(file, _ => { }))
            {
                if (Ast.CloudTrail.FindField("eventSource") is not null && record.Event.TryGetProperty("eventSource", out _))
                {
                    rows.Add(Row.FromEvent(record.Event.Clone()));
                }
            }
        }

        return rows;
    });

    [Theory]
    [InlineData("summarize arg_max(_time) by eventName", "eventName,_time")]
    [InlineData("summarize arg_max(_time, awsRegion) by eventName", "eventName,_time,awsRegion")]
    [InlineData("summarize duration = max(_time) - min(_time) by eventName", "eventName,duration")]
    [InlineData("summarize names = tostring(make_set(eventName))", "names")]
    [InlineData("summarize n = count(), duration = max(_time) - min(_time), first = min(_time) by eventSource", "eventSource,n,duration,first")]
    public void TheIssuesExamplesBuildAndOutputTheBindersColumns(string search, string columns)
    {
        var checkedRows = CheckAll([Bind(search)]);
        Assert.True(checkedRows > 0, "no rows were produced, so nothing was compared");
        Assert.Equal(columns.Split(','), Bind(search).OutputColumns.Select(c => c.Name));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void GeneratedQueriesOutputExactlyTheBindersColumns()
    {
        var queries = new List<BoundQuery>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Gen.Int.Sample(seed =>
        {
            var text = QueryText(new Random(seed));
            if (queries.Count < GeneratedQueries && seen.Add(text) && TryBind(text) is { } bound)
            {
                queries.Add(bound);
            }
        }, iter: GeneratedQueries * 3, threads: 1);
        Assert.True(queries.Count >= GeneratedQueries, $"only {queries.Count} generated queries bound");
        var rows = CheckAll(queries);
        Assert.True(rows > GeneratedQueries, $"only {rows} rows compared");
    }

    [Fact]
    public void EveryRuleOfTheRepositoryOutputsExactlyTheBindersColumns()
    {
        var compilation = RuleCompilerHost.Compile([Path.Combine(RepositoryPaths.Root, "rules")]);
        Assert.Equal(0, compilation.ErrorCount);
        using var build = CSharpRuleBuild.From(compilation, RuleCompilerHost.DisplayPath);
        Assert.Empty(build.Diagnostics);
        var compared = 0;
        foreach (var (source, runnable) in build.Pairs)
        {
            foreach (var test in Directory.EnumerateFiles(Path.Combine(Path.GetDirectoryName(source.Rule.Path)!, "tests", Path.GetFileNameWithoutExtension(source.Rule.Path)), "*.json"))
            {
                var events = EventReader.ReadFile(test, _ => { }).Select(r => Row.FromEvent(r.Event.Clone())).ToList();
                compared += Compare(source.Query, runnable, events);
            }
        }

        Assert.True(compared >= 5, $"only {compared} rows compared");
    }

    [Fact]
    public void CorpusRewritesOutputExactlyTheBindersColumns()
    {
        var folder = Path.Combine(RepositoryPaths.Root, "tests", "Language.Tests", "CorpusQueries");
        var files = Directory.EnumerateFiles(folder, "*.yml").Order(StringComparer.Ordinal).ToList();
        var queries = new List<BoundQuery>();
        foreach (var file in files)
        {
            var yaml = new YamlDotNet.RepresentationModel.YamlStream();
            yaml.Load(new StringReader(File.ReadAllText(file)));
            var root = (YamlDotNet.RepresentationModel.YamlMappingNode)yaml.Documents[0].RootNode;
            var search = ((YamlDotNet.RepresentationModel.YamlScalarNode)root.Children["search"]).Value!;
            if (root.Children["data_source"].ToString() == Ast.CloudTrail.Name && TryBind(search) is { } bound)
            {
                queries.Add(bound);
            }
        }

        // Rewrites that need the repository's lists or fragments, or the OCSF source, are bound elsewhere.
        Assert.True(queries.Count >= files.Count / 2, $"only {queries.Count} of {files.Count} rewrites bound on their own");
        CheckAll(queries);
    }

    private static BoundQuery Bind(string search) =>
        TryBind(search) ?? throw new Xunit.Sdk.XunitException($"does not bind: {search}");

    private static BoundQuery? TryBind(string search)
    {
        var parsed = QueryParser.Parse(search);
        if (parsed.Query is null || !parsed.Diagnostics.IsEmpty)
        {
            return null;
        }

        var bound = QueryBinder.Bind(parsed.Query, BindingContext.For(Ast.CloudTrail));
        return bound.HasErrors ? null : bound;
    }

    /// <summary>Compiles all queries together, runs each on the events, and returns how many rows were compared.</summary>
    private static int CheckAll(IReadOnlyList<BoundQuery> queries)
    {
        var sources = queries.Select((q, i) => new CSharpRuleSource(RuleHarness.Info("Promise " + i.ToString(CultureInfo.InvariantCulture)), q, Ast.CloudTrail)).ToList();
        var generated = CSharpGenerator.Generate(sources);
        var (set, errors) = RuleAssemblyCompiler.Compile(generated);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(5)));
        using (set)
        {
            return queries.Select((q, i) => Compare(q, set!.Rules[i], Events.Value)).Sum();
        }
    }

    private static int Compare(BoundQuery query, RuleCompiler.Runtime.Rules.CompiledRule rule, IReadOnlyList<Row> events)
    {
        var output = new RuleCompiler.Runtime.Rules.RowCollector();
        var plan = rule.Start(output);
        foreach (var e in events)
        {
            plan.Push(e);
        }

        plan.Complete();
        var promised = query.OutputColumns;
        if (!ClosesSchema(query.Body))
        {
            // An open pipeline (no project, summarize or distinct at the end) outputs the event itself, with its own
            // keys, and after them the columns the stages computed, in the binder's order.
            var computed = promised.Where(c => c.Origin == ColumnOrigin.Computed).Select(c => c.Name).ToList();
            foreach (var row in output.Rows)
            {
                Assert.Equal(computed, row.Fields().Select(f => f.Key).Where(computed.Contains).ToList());
            }

            return output.Rows.Count;
        }

        foreach (var row in output.Rows)
        {
            var fields = row.Fields().ToList();
            Assert.True(
                promised.Select(c => c.Name).SequenceEqual(fields.Select(f => f.Key)),
                $"{Describe(query)}\n  promised: {string.Join(", ", promised.Select(c => c.Name))}\n  output:   {string.Join(", ", fields.Select(f => f.Key))}");
            for (var i = 0; i < promised.Length; i++)
            {
                Assert.True(Fits(promised[i].Type, fields[i].Value), $"{Describe(query)}\n  column {promised[i].Name} is promised as {promised[i].Type} but holds {fields[i].Value.Kind}");
            }
        }

        return output.Rows.Count;
    }

    /// <summary>True when the last stage that shapes rows names every output column (project, summarize, distinct).</summary>
    private static bool ClosesSchema(BoundPipeline pipeline) =>
        PipelineStages.Flatten(pipeline).LastOrDefault(s => s is not (BoundWhere or BoundSort or BoundTake)) is BoundProject or BoundSummarize or BoundDistinct;

    private static string Describe(BoundQuery query) => Compiler.Language.Printing.QueryPrinter.Print(query.Syntax);

    private static bool Fits(ScalarType type, Value value) => value.Kind == ValueKind.Null || type switch
    {
        ScalarType.String => value.Kind == ValueKind.String,
        ScalarType.Long => value.Kind == ValueKind.Long,
        ScalarType.Real => value.Kind is ValueKind.Real or ValueKind.Long,
        ScalarType.Bool => value.Kind == ValueKind.Bool,
        ScalarType.DateTime => value.Kind == ValueKind.DateTime,
        ScalarType.TimeSpan => value.Kind == ValueKind.TimeSpan,
        _ => true,
    };

    // ---- a generator of queries over CloudTrail that bind, with a closed output schema ----

    private static readonly string[] Scalars =
    [
        "strlen(eventName)", "tolower(awsRegion)", "hourofday(_time)", "strcat(eventName, \"-\", awsRegion)",
        "iif(isempty(errorCode), 1, 0)", "toreal(strlen(userAgent)) * 2", "_time", "userIdentity.arn",
        "tostring(requestParameters.repositoryName)", "dayofweek(_time)", "bin(_time, 1h)", "isnotempty(errorCode)",
        "coalesce(userIdentity.userName, userIdentity.principalId)", "split(userIdentity.arn, \"/\")[-1]",
    ];

    private static readonly string[] Filters =
    [
        "isnotempty(eventName)", "eventSource == \"ecr.amazonaws.com\"", "awsRegion =~ \"US-EAST-1\" or isnotempty(awsRegion)",
        "eventName in~ (\"putimage\", \"DescribeImageScanFindings\", \"PutImageScanningConfiguration\")", "not(isempty(eventTime))",
    ];

    private static readonly string[] Aggregates =
    [
        "count()", "dcount(eventName)", "min(_time)", "max(_time)", "make_set(eventName)", "make_list(awsRegion, 5)",
        "take_any(eventSource)", "countif(isempty(errorCode))", "max(_time) - min(_time)", "sum(strlen(eventName))",
        "tostring(make_set(eventName))", "avg(strlen(eventName))",
    ];

    private static string QueryText(Random random)
    {
        var text = new StringBuilder();
        var columns = new List<string> { "eventName", "eventSource", "awsRegion", "_time", "sourceIPAddress" };
        var stages = new List<string>();
        if (random.Next(2) == 0)
        {
            stages.Add("where " + Pick(random, Filters));
        }

        var name = 0;
        for (var n = random.Next(4); n > 0; n--)
        {
            switch (random.Next(4))
            {
                case 0:
                    var column = "c" + name++;
                    stages.Add($"extend {column} = {Pick(random, Scalars)}");
                    columns.Add(column);
                    break;
                case 1:
                    stages.Add("where " + Pick(random, Filters));
                    break;
                case 2:
                    var old = Pick(random, columns.Where(c => c != "_time" && c != "eventName" && c != "eventSource").DefaultIfEmpty("awsRegion").ToArray());
                    var renamed = "r" + name++;
                    stages.Add($"project-rename {renamed} = {old}");
                    columns[columns.IndexOf(old)] = renamed;
                    break;
                default:
                    stages.Add($"mv-expand e{name} = resources");
                    columns.Add("e" + name++);
                    break;
            }
        }

        var keys = columns.OrderBy(_ => random.Next()).Take(random.Next(3)).ToList();
        switch (random.Next(5))
        {
            case 0:
                stages.Add("project " + string.Join(", ", columns.OrderBy(_ => random.Next()).Take(1 + random.Next(columns.Count))));
                break;
            case 1:
                stages.Add("distinct " + string.Join(", ", columns.OrderBy(_ => random.Next()).Take(1 + random.Next(3))));
                break;
            case 2:
                var star = random.Next(2) == 0 ? ", *" : keys.Count > 0 ? "" : ", eventName";
                stages.Add($"summarize arg_max(_time{star})" + (keys.Count > 0 ? " by " + string.Join(", ", keys.Where(k => k != "_time")) : ""));
                break;
            default:
                var aggregates = Enumerable.Range(0, 1 + random.Next(3)).Select(i => $"a{i} = {Pick(random, Aggregates)}");
                stages.Add("summarize " + string.Join(", ", aggregates) + (keys.Count > 0 ? " by " + string.Join(", ", keys) : ""));
                break;
        }

        if (random.Next(3) == 0)
        {
            stages.Add("take 100");
        }

        return text.AppendJoin("\n| ", stages).ToString();
    }

    private static string Pick(Random random, IReadOnlyList<string> items) => items[random.Next(items.Count)];
}
