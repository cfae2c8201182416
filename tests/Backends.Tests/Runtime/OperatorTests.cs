using RuleCompiler.Runtime.Aggregates;
using RuleCompiler.Runtime.Operators;
using RuleCompiler.Runtime.Rows;
using RuleCompiler.Runtime.Rules;
using RuleCompiler.Runtime.Values;
using Xunit;

namespace RuleCompiler.Backends.Tests.Runtime;

public class OperatorTests
{
    private static readonly FieldPath User = new("user");
    private static readonly FieldPath Items = new("items");
    private static readonly FieldPath N = new("n");

    private static KeyValuePair<string, Func<Row, Value>> Col(string name, FieldPath path) => new(name, r => r.Get(path));

    private static List<Row> Run(Func<IRowSink, IRowSink> build, params string[] events)
    {
        var output = new RowCollector();
        var head = build(output);
        foreach (var e in events)
        {
            head.Push(Json.Row(e));
        }

        head.Complete();
        Assert.True(output.Completed);
        return output.Rows;
    }

    private static string Text(Row row, string column) => row.GetTop(column).ToText();

    [Fact]
    public void MvExpandGivesOneRowPerElementAndNoneForNullOrEmpty()
    {
        var rows = Run(
            next => new MvExpand("item", r => r.Get(Items), next),
            """{"items":[1,2,3]}""",
            """{"items":[]}""",
            """{"other":1}""",
            """{"items":"scalar"}""");
        Assert.Equal(["1", "2", "3", "scalar"], rows.Select(r => Text(r, "item")));
    }

    [Fact]
    public void SummarizeGroupsNullKeysTogetherAndSkipsNullsInAggregates()
    {
        var rows = Run(
            next => new Summarize(
                [Col("user", User)],
                [Aggregate.Count("count_"), Aggregate.Min("min_n", r => r.Get(N)), Aggregate.DCount("dcount_n", r => r.Get(N)), Aggregate.Sum("sum_n", r => r.Get(N))],
                next),
            """{"user":"a","n":3}""",
            """{"n":1}""",
            """{"user":"a"}""",
            """{"user":null,"n":5}""",
            """{"user":"a","n":3}""");
        Assert.Equal(2, rows.Count);
        Assert.Equal("a", Text(rows[0], "user"));
        Assert.Equal(3L, rows[0].GetTop("count_").AsLong);
        Assert.Equal(3L, rows[0].GetTop("min_n").AsLong);
        Assert.Equal(1L, rows[0].GetTop("dcount_n").AsLong);
        Assert.Equal(6L, rows[0].GetTop("sum_n").AsLong);
        Assert.True(rows[1].GetTop("user").IsNull);
        Assert.Equal(2L, rows[1].GetTop("count_").AsLong);
        Assert.Equal(["user", "count_", "min_n", "dcount_n", "sum_n"], rows[0].Fields().Select(f => f.Key));
    }

    [Fact]
    public void SummarizeWithoutKeysGivesOneRowEvenForNoInput()
    {
        var rows = Run(next => new Summarize([], [Aggregate.Count("count_")], next));
        Assert.Equal(0L, Assert.Single(rows).GetTop("count_").AsLong);
    }

    [Fact]
    public void ArgMaxKeepsTheRowOfTheLargestValue()
    {
        var rows = Run(
            next => new Summarize([Col("user", User)], [Aggregate.ArgMax("n", r => r.Get(N), null)], next),
            """{"user":"a","n":3,"x":"first"}""",
            """{"user":"a","n":9,"x":"second"}""",
            """{"user":"a","n":9,"x":"third"}""");
        var row = Assert.Single(rows);
        Assert.Equal(9L, row.GetTop("n").AsLong);
        Assert.Equal("second", Text(row, "x"));
        Assert.Equal(["user", "n", "x"], row.Fields().Select(f => f.Key));
    }

    [Fact]
    public void MakeSetIsDistinctInFirstSeenOrderAndMakeListKeepsAll()
    {
        var rows = Run(
            next => new Summarize([], [Aggregate.MakeSet("s", r => r.Get(User)), Aggregate.MakeList("l", r => r.Get(User))], next),
            """{"user":"b"}""",
            """{"user":"a"}""",
            """{}""",
            """{"user":"b"}""");
        Assert.Equal("""["b","a"]""", Text(rows[0], "s"));
        Assert.Equal("""["b","a","b"]""", Text(rows[0], "l"));
    }

    [Fact]
    public void SortIsStableWithNullsFirstAscendingAndLastDescending()
    {
        string[] events = ["""{"n":2,"id":"a"}""", """{"id":"b"}""", """{"n":1,"id":"c"}""", """{"n":2,"id":"d"}"""];
        var ascending = Run(next => new Sort([new SortKey(r => r.Get(N), false)], next), events);
        Assert.Equal(["b", "c", "a", "d"], ascending.Select(r => Text(r, "id")));
        var descending = Run(next => new Sort([new SortKey(r => r.Get(N), true)], next), events);
        Assert.Equal(["a", "d", "c", "b"], descending.Select(r => Text(r, "id")));
    }

    [Fact]
    public void TakeKeepsTheFirstRowsAndDistinctTheFirstOfEach()
    {
        string[] events = ["""{"user":"x"}""", """{"user":"y"}""", """{"user":"x"}"""];
        Assert.Equal(["x", "y"], Run(next => new Take(2, next), events).Select(r => Text(r, "user")));
        Assert.Equal(["x", "y"], Run(next => new Distinct([Col("user", User)], next), events).Select(r => Text(r, "user")));
    }

    [Fact]
    public void ProjectAwayRenameAndFillNull()
    {
        var row = Json.Row("""{"a":1,"b":null,"c":"x"}""");
        Assert.Equal(["b", "c"], row.Without(["a"]).Fields().Select(f => f.Key));
        var renamed = RowMaps.Rename(row, ["z"], ["a"]);
        Assert.Equal(["b", "c", "z"], renamed.Fields().Select(f => f.Key));
        Assert.Equal(1L, renamed.GetTop("z").AsLong);
        Assert.True(renamed.GetTop("a").IsNull);
        Assert.Equal("none", RowMaps.FillNull(row, "none").GetTop("b").AsString);
        Assert.Equal("none", RowMaps.FillNull(row, "none", "missing").GetTop("missing").AsString);
        Assert.True(RowMaps.FillNull(row, "none", "missing").GetTop("b").IsNull);
    }

    [Theory]
    [InlineData(JoinKind.Inner, "a1+b1,a1+b2,a2+b1,a2+b2")]
    [InlineData(JoinKind.InnerUnique, "a1+b1,a1+b2")]
    [InlineData(JoinKind.LeftOuter, "a1+b1,a1+b2,a2+b1,a2+b2,c")]
    [InlineData(JoinKind.RightOuter, "a1+b1,a1+b2,a2+b1,a2+b2,d")]
    [InlineData(JoinKind.FullOuter, "a1+b1,a1+b2,a2+b1,a2+b2,c,d")]
    [InlineData(JoinKind.LeftSemi, "a1,a2")]
    [InlineData(JoinKind.LeftAnti, "c")]
    [InlineData(JoinKind.RightSemi, "b1,b2")]
    [InlineData(JoinKind.RightAnti, "d")]
    public void JoinKinds(JoinKind kind, string expected)
    {
        var output = new RowCollector();
        var join = new Join(kind, [r => r.Get(User)], [r => r.Get(User)], output);
        foreach (var (user, id) in new[] { ("u", "a1"), ("u", "a2"), ("v", "c") })
        {
            join.Push(Row.FromColumns([new("user", user), new("id", id)]));
        }

        foreach (var (user, id) in new[] { ("u", "b1"), ("u", "b2"), ("w", "d") })
        {
            join.Right.Push(Row.FromColumns([new("user", user), new("id", id)]));
        }

        join.Right.Complete();
        Assert.Empty(output.Rows); // waits for both sides
        join.Complete();
        var got = output.Rows.Select(r => r.GetTop("id1").IsNull ? Text(r, "id") : Text(r, "id") + "+" + Text(r, "id1"));
        Assert.Equal(expected, string.Join(",", got));
    }

    [Fact]
    public void JoinNullAndEmptyKeysMatchEachOtherButNotOtherTypes()
    {
        var output = new RowCollector();
        var join = new Join(JoinKind.Inner, [r => r.Get(User)], [r => r.Get(User)], output);
        join.Push(Row.FromColumns([new("id", "l")]));
        join.Push(Row.FromColumns([new("id", "one"), new("user", 1L)]));
        join.Right.Push(Row.FromColumns([new("id", "r"), new("user", "")]));
        join.Right.Push(Row.FromColumns([new("id", "text one"), new("user", "1")]));
        join.Complete();
        join.Right.Complete();
        Assert.Equal("id=l, id1=r, user=", CSharp.RuleHarness.Text(Assert.Single(output.Rows)));
    }

    [Fact]
    public void UnionEmitsInputThenBranchesInOrder()
    {
        var output = new RowCollector();
        var union = new Union(2, output);
        union.Branches[1].Push(Row.FromColumns([new("id", "second")]));
        union.Branches[0].Push(Row.FromColumns([new("id", "first")]));
        union.Push(Row.FromColumns([new("id", "input")]));
        union.Branches[0].Complete();
        union.Branches[1].Complete();
        Assert.False(output.Completed);
        union.Complete();
        Assert.Equal(["input", "first", "second"], output.Rows.Select(r => Text(r, "id")));
        Assert.True(output.Completed);
    }

    [Fact]
    public void EventTimeComesFromTheTimeField()
    {
        var spec = new TimeSpec(new FieldPath("eventTime"), TimeFormat.Iso8601);
        var row = Json.Row("""{"eventTime":"2024-05-25T21:14:00Z"}""");
        Assert.Equal(new DateTime(2024, 5, 25, 21, 14, 0, DateTimeKind.Utc), row.Time(spec).AsDateTime);
        Assert.Equal(5L, row.With("_time", 5L).Time(spec).AsLong);
        Assert.True(Json.Row("{}").Time(spec).IsNull);
    }
}
