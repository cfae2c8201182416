using System.Text.Json;
using RuleCompiler.Backends.Tests.CSharp;
using RuleCompiler.Runtime.Rows;
using RuleCompiler.Runtime.Rules;
using RuleCompiler.Runtime.Values;
using Xunit;

namespace RuleCompiler.Backends.Tests.Tables;

/// <summary>C# runs of rules that read tables: static rows from the file, maintained rows supplied by the run.</summary>
public class TableRunTests
{
    private static readonly string[] Events =
    [
        """{"eventName": "GetObject", "eventTime": "2024-05-25T21:14:00Z", "requestParameters": {"bucketName": "logs"}, "userIdentity": {"arn": "alice"}}""",
        """{"eventName": "GetObject", "eventTime": "2024-05-25T21:15:00Z", "requestParameters": {"bucketName": "data"}, "userIdentity": {"arn": "mallory"}}""",
    ];

    private static (List<Row> Rows, RulePlan Plan) Run(string search, TableRows? tables = null)
    {
        using var set = RuleHarness.Compile([TableFixtures.Source("Table Rule", search)]);
        var output = new RowCollector();
        var plan = set.Rules[0].Start(output, tables: tables);
        foreach (var e in Events)
        {
            using var document = JsonDocument.Parse(e);
            plan.Push(Row.FromEvent(document.RootElement));
        }

        plan.Complete();
        return (output.Rows, plan);
    }

    private static string Text(Row row) => RuleHarness.Text(row);

    [Fact]
    public void A_static_table_joins_every_matching_row_case_sensitively_in_file_order()
    {
        var (rows, plan) = Run("""
            extend bucket = tostring(requestParameters.bucketName)
            | join kind=inner (table(bucket_owners)) on bucket
            | project bucket, owner, tier
            """);
        Assert.Equal(["bucket=logs, owner=alice, tier=1", "bucket=logs, owner=bob, tier=2"], rows.Select(Text));
        Assert.Empty(plan.UnsuppliedTables);
    }

    [Fact]
    public void Adversarial_cells_of_a_static_table_reach_the_rows_unchanged()
    {
        var (rows, _) = Run("""
            join kind=inner (table(bucket_owners) | where tier == 4) on $left.eventName == $right.owner
            | project bucket
            """);
        Assert.Empty(rows);
        var (all, _) = Run("""
            union (table(bucket_owners) | where tier == 4 | project bucket, owner)
            | where isnotempty(owner)
            """);
        var row = Assert.Single(all);
        Assert.Equal("it's \"odd\"", row.Get(FieldPath.Dotted("bucket")).AsString);
        Assert.Equal("x\ny", row.Get(FieldPath.Dotted("owner")).AsString);
    }

    [Fact]
    public void Supplied_rows_of_a_maintained_table_are_converted_to_the_declared_types()
    {
        var tables = TableRows.None.With("seen_logins", TableFixtures.Rows("""
            [{"user": "alice", "City": "Paris", "firstTime": "2024-01-02T03:04:05Z", "count": "7", "extra": 1}]
            """));
        var (rows, plan) = Run("""
            extend user = tostring(userIdentity.arn)
            | join kind=inner (table(seen_logins)) on user
            | project user, City, firstTime, count, later = firstTime + 1d
            """, tables);
        var row = Assert.Single(rows);
        Assert.Equal(ValueKind.DateTime, row.Get(FieldPath.Dotted("firstTime")).Kind);
        Assert.Equal(new DateTime(2024, 1, 3, 3, 4, 5, DateTimeKind.Utc), row.Get(FieldPath.Dotted("later")).AsDateTime);
        Assert.Equal(7L, row.Get(FieldPath.Dotted("count")).AsLong);
        Assert.Empty(plan.UnsuppliedTables);
    }

    [Fact]
    public void Never_seen_before_keeps_the_users_the_baseline_does_not_hold()
    {
        var tables = TableRows.None.With("seen_logins", TableFixtures.Rows("""[{"user": "alice", "City": "Paris"}]"""));
        const string search = """
            extend user = tostring(userIdentity.arn)
            | join kind=leftouter (table(seen_logins) | project user, seenCity = City) on user
            | where isnull(seenCity)
            | project user
            """;
        Assert.Equal(["user=mallory"], Run(search, tables).Rows.Select(Text));
    }

    [Fact]
    public void The_first_row_per_key_after_stats_is_the_smallest_remaining_by_value()
    {
        // SPL: join user [| inputlookup seen_logins | stats min(firstTime) by user City]: max=1 keeps the first row of
        // the sorted stats output per user, the smallest City; the canonical form says so with arg_min.
        var tables = TableRows.None.With("seen_logins", TableFixtures.Rows("""
            [{"user": "alice", "City": "Rome", "firstTime": "2024-01-01T00:00:00Z"},
             {"user": "alice", "City": "Oslo", "firstTime": "2024-02-01T00:00:00Z"},
             {"user": "alice", "City": "Rome", "firstTime": "2023-01-01T00:00:00Z"}]
            """));
        var (rows, _) = Run("""
            extend user = tostring(userIdentity.arn)
            | join kind=inner (table(seen_logins)
                | summarize earliest = min(firstTime) by user, City
                | summarize arg_min(City, *) by user) on user
            | project user, City, earliest
            """, tables);
        var row = Assert.Single(rows);
        Assert.Equal("Oslo", row.Get(FieldPath.Dotted("City")).AsString);
        Assert.Equal(new DateTime(2024, 2, 1, 0, 0, 0, DateTimeKind.Utc), row.Get(FieldPath.Dotted("earliest")).AsDateTime);
    }

    [Fact]
    public void A_maintained_table_without_supplied_rows_is_empty_and_the_plan_says_so()
    {
        var (rows, plan) = Run("""
            extend user = tostring(userIdentity.arn)
            | join kind=leftanti (table(seen_logins)) on user
            | project user
            """);
        Assert.Equal(["user=alice", "user=mallory"], rows.Select(Text));
        Assert.Equal(["seen_logins"], plan.UnsuppliedTables);
    }
}
