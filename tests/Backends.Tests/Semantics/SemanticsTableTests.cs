using System.Collections.Immutable;
using System.Text.RegularExpressions;
using RuleCompiler.Backends.CSharp;
using RuleCompiler.Backends.CSharp.Compile;
using RuleCompiler.Backends.Tests.CSharp;
using RuleCompiler.Compiler.Language.Functions;
using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Compiler.Language.Syntax;
using RuleCompiler.Compiler.Model;
using RuleCompiler.Runtime.Rules;
using RuleCompiler.Runtime.Values;
using Xunit;

namespace RuleCompiler.Backends.Tests.Semantics;

/// <summary>Compiles every case of <see cref="SemanticsCases"/> in one Roslyn compilation.</summary>
public sealed class SemanticsFixture : IDisposable
{
    internal static readonly TestRepository Context = new(
        // case_sensitive: false does not make `in` case-insensitive: the operator decides (issue 8).
        [new("pushers", "test list", false, ["CI-Pusher"], Compiler.Diagnostics.SourceSpan.File("rules/lists/pushers.yml"))],
        [new(
            new Fragment("add_one", "test fragment", "test_fields", Compiler.Model.QueryText.Standalone("", Compiler.Diagnostics.SourceSpan.File("rules/fragments/add_one.yml")), Compiler.Diagnostics.SourceSpan.File("rules/fragments/add_one.yml")),
            QueryParser.ParseStages("extend one = 1").Value!.Stages)]);

    /// <summary>The cases' events as a data source: every field dynamic, so each case sees the value the JSON holds.</summary>
    public static readonly DataSource Source = Ast.Fields(
        [.. "s n r b empty arr ip arn nl resources u v missing x y t k a c d e".Split(' ').Select(f => (f, FieldType.Dynamic))]);

    private readonly CompiledRuleSet _set;

    public SemanticsFixture()
    {
        _set = RuleHarness.Compile(SemanticsCases.All.Select((c, i) => RuleHarness.Source(Name(i), Parse(c.Query), Context, Source)));
    }

    public static string Name(int index) => "Case" + index;

    public CompiledRule this[int index] => _set.Rules.Single(r => r.Info.Name == Name(index));

    private static Query Parse(string text)
    {
        var parsed = QueryParser.Parse(text);
        Assert.True(parsed.Succeeded, text + "\n" + string.Join("\n", parsed.Diagnostics));
        return parsed.Query!;
    }

    public void Dispose() => _set.Dispose();
}

/// <summary>
/// docs/semantics.md and the language agree: one row per operator, catalogue function and stage (both directions),
/// every code it names is documented, and every row has a case that runs on the C# runtime with the stated result.
/// </summary>
public partial class SemanticsTableTests(SemanticsFixture rules) : IClassFixture<SemanticsFixture>
{
    private static readonly string Doc = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "semantics.md"));

    private static List<string> Keys(string table)
    {
        var match = Regex.Match(Doc, $"<!-- {table}:begin -->(.*?)<!-- {table}:end -->", RegexOptions.Singleline);
        Assert.True(match.Success, $"docs/semantics.md has no {table} table");
        return match.Groups[1].Value.Split('\n')
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .Select(line => Regex.Match(line, @"^\| `((?:[^`\\]|\\.)+)` \|").Groups[1].Value.Replace("\\|", "|"))
            .ToList();
    }

    private static void AssertSameSet(IEnumerable<string> expected, List<string> documented)
    {
        var duplicates = documented.GroupBy(k => k).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Equal([], duplicates);
        Assert.Equal([], expected.Except(documented));   // a construct without a row
        Assert.Equal([], documented.Except(expected));   // a row without a construct
    }

    /// <summary>What the parser builds for an operator row's key, written between two operands.</summary>
    private static string ParsedOperator(string key)
    {
        var text = key switch
        {
            "not" => "not(x)",
            "-x" => "-x",
            "between" or "!between" => $"x {key} (1 .. 2)",
            "in" or "in~" or "!in" or "!in~" or "has_any" or "has_all" => $"x {key} (\"a\")",
            _ => $"x {key} y",
        };
        var parsed = QueryParser.ParseExpression(text);
        Assert.True(parsed.Succeeded, $"the operator row '{key}' does not parse as an operator: {text}");
        return parsed.Value switch
        {
            BinaryExpression binary => "binary " + binary.Operator,
            InExpression @in => "in " + @in.Operator,
            BetweenExpression between => between.Negated ? "!between" : "between",
            UnaryExpression unary => "unary " + unary.Operator,
            var other => "not an operator: " + other?.GetType().Name,
        };
    }

    [Fact]
    public void Every_operator_has_exactly_one_row()
    {
        var documented = Keys("operators");
        var language = Enum.GetValues<BinaryOperator>().Select(o => "binary " + o)
            .Concat(Enum.GetValues<InOperator>().Select(o => "in " + o))
            .Concat(Enum.GetValues<UnaryOperator>().Select(o => "unary " + o))
            .Concat(["between", "!between"]);
        AssertSameSet(language, documented.Select(ParsedOperator).ToList());
    }

    [Fact]
    public void Every_catalogue_function_has_exactly_one_row() => AssertSameSet(FunctionCatalogue.Names, Keys("functions"));

    [Fact]
    public void Every_stage_has_exactly_one_row() => AssertSameSet(SyntaxFacts.StageKeywords, Keys("stages"));

    [Fact]
    public void Every_row_gives_all_three_targets()
    {
        foreach (var table in new[] { "operators", "functions", "stages" })
        {
            var match = Regex.Match(Doc, $"<!-- {table}:begin -->(.*?)<!-- {table}:end -->", RegexOptions.Singleline);
            foreach (var line in match.Groups[1].Value.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
            {
                var cells = Regex.Split(line.Trim().Trim('|'), @"(?<!\\)\|").Select(c => c.Trim()).ToList();
                Assert.True(cells.Count == 5 && cells.All(c => c.Length > 0), "a row needs construct, meaning, C#, KQL and SPL: " + line);
            }
        }
    }

    [Fact]
    public void Every_code_the_table_names_is_documented()
    {
        var diagnostics = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "diagnostics.md"));
        var codes = Regex.Matches(Doc, @"RC\d{4}").Select(m => m.Value).Distinct().ToList();
        Assert.NotEmpty(codes);
        Assert.Equal([], codes.Where(c => !Regex.IsMatch(diagnostics, $@"^\| {c} \|", RegexOptions.Multiline)));
    }

    [Fact]
    public void Every_row_has_a_runtime_case()
    {
        var covered = SemanticsCases.All.Select(c => c.Construct).ToHashSet();
        var rows = Keys("operators").Concat(Keys("functions")).Concat(Keys("stages"));
        Assert.Equal([], rows.Where(r => !covered.Contains(r)));
    }

    [Fact]
    public void The_list_schema_says_the_operator_decides_case_as_the_docs_do()
    {
        // Issue 8: the schema said case_sensitive controls membership; language.md and the runtime say the operator does.
        using var schema = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "schemas", "list.schema.json")));
        var description = schema.RootElement.GetProperty("properties").GetProperty("case_sensitive").GetProperty("description").GetString();
        Assert.Contains("does not change membership", description, StringComparison.Ordinal);
        Assert.Contains("`case_sensitive` flag does not change the operator", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "language.md")), StringComparison.Ordinal);
    }

    public static TheoryData<int, string> Cases()
    {
        var data = new TheoryData<int, string>();
        for (var i = 0; i < SemanticsCases.All.Length; i++)
        {
            data.Add(i, SemanticsCases.All[i].Construct);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Construct_runs_as_the_table_says(int index, string construct)
    {
        var @case = SemanticsCases.All[index];
        List<string> actual;
        using (EvaluationClock.FixAt(new DateTime(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc)))
        {
            actual = RuleHarness.Run(rules[index], @case.Events).Select(RuleHarness.Text).ToList();
        }

        var expected = @case.Expected.ToList();
        if (!Regex.IsMatch(@case.Query, @"\|\s*sort by [^|]*$"))
        {
            expected.Sort(StringComparer.Ordinal);
            actual.Sort(StringComparer.Ordinal);
        }

        Assert.True(expected.SequenceEqual(actual), $"{construct}: {@case.Query}\nexpected: {string.Join(" / ", expected)}\nactual:   {string.Join(" / ", actual)}");
    }
}
