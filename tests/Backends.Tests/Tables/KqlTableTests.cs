using RuleCompiler.Backends.Sentinel.Analysis;
using RuleCompiler.Backends.Sentinel.Emit;
using RuleCompiler.Backends.Tests.Sentinel;
using RuleCompiler.Backends.Tests.Splunk;
using RuleCompiler.Compiler.Model;
using System.Collections.Immutable;
using CsCheck;
using Xunit;

namespace RuleCompiler.Backends.Tests.Tables;

/// <summary>
/// table(name) in KQL: a watchlist read with _GetWatchlist and each declared column converted to its type, a static
/// table without one inline as a datatable; goldens under tests/Backends.Tests/Golden/KqlTables/ and Microsoft's
/// analyzer accepting every one.
/// </summary>
public class KqlTableTests
{
    private const string Left = "where eventName == \"ConsoleLogin\"\n| extend user = tostring(userIdentity.arn)\n";

    public static TheoryData<string, string> Cases => new()
    {
        {
            "watchlist_first_row_per_user",
            Left + """
            | join kind=leftouter (table(seen_logins)
                | where isnotempty(user) and isnotempty(City)
                | summarize earliestseen = min(firstTime) by user, City
                | summarize arg_min(City, *) by user
                | where isnotempty(user)) on user
            | project-away user1
            | where isnull(earliestseen)
            | project user, src_ip = sourceIPAddress
            """
        },
        {
            "static_datatable",
            Left + """
            | extend bucket = tostring(requestParameters.bucketName)
            | join kind=inner (table(bucket_owners) | where tier < 4) on bucket
            | project user, owner, tier, src_ip = sourceIPAddress
            """
        },
        {
            "let_list_from_watchlist",
            """
            let known = (table(seen_logins) | project user);
            where eventName == "ConsoleLogin" and tostring(userIdentity.arn) !in known
            | project user = tostring(userIdentity.arn), src_ip = sourceIPAddress
            """
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_table_reads_as_a_watchlist_or_a_datatable(string name, string search)
    {
        var query = Emit(search);
        Assert.True(query.Portable, string.Join("\n", query.Diagnostics));
        SplGolden.Matches(query.Text, "KqlTables", name + ".kql");
    }

    [AnalyzerFact]
    public void Microsoft_analyzer_accepts_every_table_query_with_the_binder_columns()
    {
        var queries = Cases.Select(c => (Name: (string)c[0], Rule: TableFixtures.Rule((string)c[1]))).ToList();
        var emitted = queries.Select(q => (q.Name, Query: KqlEmitter.Emit(q.Rule.Query, q.Rule.Rule, KqlRules.Tables))).ToList();
        var analysis = AnalyzerFactAttribute.Analyzer.Analyze(KqlRules.Tables, [.. emitted.Select(q => new KustoQuery(q.Name, q.Query.Text))]);
        Assert.True(analysis.IsAvailable, analysis.ToString());
        Assert.Equal([], analysis.Results.SelectMany(r => r.Errors.Select(e => $"{r.Id}:{e.Line}:{e.Column}: {e.Code} {e.Message}")));
        foreach (var (result, (_, query)) in analysis.Results.Zip(emitted))
        {
            Assert.Equal(query.OutputColumns, result.Columns.Select(c => c.Name));
        }
    }

    [AnalyzerFact]
    public void Adversarial_cells_of_a_static_table_reach_the_datatable_as_exactly_those_strings()
    {
        var cell = Gen.Frequency(
                (5, (IGen<char>)Gen.Char["\"'\\\n\r\t|;[](){}`$@"]),
                (4, Gen.Char['a', 'z']),
                (1, Gen.Char["\u00e9\u4e2d\u2028\u0000"]))
            .Array[0, 16].Select(chars => new string(chars));
        var samples = new List<(string[] Cells, string Kql)>();
        cell.Array[1, 4].Sample(cells =>
        {
            var table = TableFixtures.Owners with
            {
                Rows = [.. cells.Select(c => new TableRow([c, "o", 1L], TableFixtures.Owners.Span))],
            };
            var rule = TableFixtures.Rule(Left + "| union (table(bucket_owners) | project bucket)\n| project user, src_ip = sourceIPAddress");
            var join = rule.Query.Body.Stages.OfType<Compiler.Language.Bound.BoundUnion>().Single();
            var source = (Compiler.Language.Bound.BoundTableInput)join.Pipelines[0].Source;
            var union = join with { Pipelines = [join.Pipelines[0] with { Source = source with { Table = table } }] };
            var stages = rule.Query.Body.Stages.Select(s => ReferenceEquals(s, join) ? union : s).ToImmutableArray();
            var swapped = rule with { Query = rule.Query with { Body = rule.Query.Body with { Stages = stages } } };
            samples.Add((cells, KqlEmitter.Emit(swapped.Query, swapped.Rule, KqlRules.Tables).Text));
        }, iter: 200);

        var analysis = AnalyzerFactAttribute.Analyzer.Analyze(KqlRules.Tables, [.. samples.Select((q, i) => new KustoQuery("q" + i, q.Kql, WithLiterals: true))]);
        Assert.True(analysis.IsAvailable, analysis.ToString());
        foreach (var (result, (cells, kql)) in analysis.Results.Zip(samples))
        {
            Assert.Empty(result.Errors);
            // The datatable's string cells, in order: each row's bucket then its owner "o".
            var cellLiterals = result.Literals.SkipWhile(l => l != "ConsoleLogin").Skip(1).Take(cells.Length * 2).Where((_, i) => i % 2 == 0);
            Assert.True(cells.SequenceEqual(cellLiterals), kql);
        }
    }

    [Fact]
    public void A_maintained_table_without_a_watchlist_is_not_built_RC4106_at_the_table()
    {
        var unwatched = TableFixtures.SeenLogins with { SentinelWatchlist = null };
        var rule = TableFixtures.Rule(Left + "| join kind=leftanti (table(seen_logins)) on user\n| project user, src_ip = sourceIPAddress");
        var bound = rule.Query with { Lets = [] };
        var table = Assert.IsType<Compiler.Language.Bound.BoundTableInput>(bound.Body.Stages.OfType<Compiler.Language.Bound.BoundJoin>().Single().Right.Source);
        var swapped = ReplaceTable(rule, table, unwatched);
        var query = KqlEmitter.Emit(swapped.Query, swapped.Rule, KqlRules.Tables);
        Assert.False(query.Portable);
        var diagnostic = Assert.Single(query.Diagnostics, d => d.Code == KqlDiagnostics.TableNotInSentinel);
        Assert.Equal(table.Location, diagnostic.Span);
    }

    private static KqlQuery Emit(string search)
    {
        var rule = TableFixtures.Rule(search);
        return KqlEmitter.Emit(rule.Query, rule.Rule, KqlRules.Tables);
    }

    private static Compiler.Compilation.CompiledRule ReplaceTable(Compiler.Compilation.CompiledRule rule, Compiler.Language.Bound.BoundTableInput table, LookupTable replacement)
    {
        var join = rule.Query.Body.Stages.OfType<Compiler.Language.Bound.BoundJoin>().Single();
        var newJoin = join with { Right = join.Right with { Source = table with { Table = replacement } } };
        var stages = rule.Query.Body.Stages.Select(s => ReferenceEquals(s, join) ? newJoin : s).ToImmutableArray();
        return rule with { Query = rule.Query with { Body = rule.Query.Body with { Stages = stages } } };
    }
}
