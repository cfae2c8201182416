using RuleCompiler.Runtime.Aggregates;
using RuleCompiler.Runtime.Operators;
using RuleCompiler.Runtime.Rows;
using RuleCompiler.Runtime.Rules;
using RuleCompiler.Runtime.Values;
using Xunit;

namespace RuleCompiler.Backends.Tests.Runtime;

/// <summary>
/// Issue 13: the state one stage of a rule holds is bounded (docs/reliability.md). Up to the bound a stage works as
/// before; the row that passes it fails the rule once (the run reports it as RC3010), and the stage then takes
/// nothing and emits nothing more (a blocking stage emits nothing at all), never a result cut short.
/// </summary>
public class HeldRowsTests
{
    private const int Bound = 1_000_000;

    private static Row Numbered(long i) => Row.FromColumns([new("n", Value.Long(i))]);

    private static Func<Row, Value> N => r => r.GetTop("n");

    public static TheoryData<string> Stages => ["summarize", "distinct", "sort", "join left", "join right", "union branch", "waiting for a list"];

    [Theory]
    [MemberData(nameof(Stages))]
    public void TheRowPastTheBoundStopsTheStageOnceAndNothingIsEmitted(string stage)
    {
        var output = new RowCollector();
        var (input, complete, held) = Build(stage, output);
        for (var i = held; i < Bound; i++)
        {
            input.Push(Numbered(i));
        }

        var failure = Assert.Throws<RowLimitExceededException>(() => input.Push(Numbered(Bound)));
        Assert.Contains("holds more than 1,000,000 rows", failure.Message, StringComparison.Ordinal);
        input.Push(Numbered(Bound + 1));
        complete();

        // distinct streams: what it let through before the bound stays sent; nothing comes after.
        Assert.Equal(stage == "distinct" ? Bound : 0, output.Rows.Count);
        Assert.True(output.Completed);
    }

    [Theory]
    [MemberData(nameof(Stages))]
    public void AtTheBoundTheStageStillWorks(string stage)
    {
        var output = new RowCollector();
        var (input, complete, held) = Build(stage, output);
        for (var i = held; i < Bound; i++)
        {
            input.Push(Numbered(i % (Bound / 2)));
        }

        complete();
        Assert.NotEmpty(output.Rows);
        Assert.True(output.Completed);
    }

    [Fact]
    public void TestsAgainstAListCutShortFailInsteadOfAnsweringFromPartOfIt()
    {
        var list = new ListCollector();
        for (var i = 0; i <= Bound; i++)
        {
            try
            {
                list.Push(Numbered(i));
            }
            catch (RowLimitExceededException)
            {
                Assert.Equal(Bound, i);
            }
        }

        list.Complete();
        Assert.Throws<RowLimitExceededException>(() => list.Set(ignoreCase: false));
    }

    [Fact]
    public void SortFollowedByTakeHoldsOnlyKRowsAndIsNotBounded()
    {
        var output = new RowCollector();
        var sort = new Sort([new SortKey(N, Descending: true)], new Take(3, output));
        for (var i = 0; i < Bound + 10; i++)
        {
            sort.Push(Numbered(i));
        }

        sort.Complete();
        Assert.Equal([Bound + 9L, Bound + 8L, Bound + 7L], output.Rows.Select(r => r.GetTop("n").AsLong));
    }

    /// <summary>The stage's input, how to complete it, and how many rows it already holds (a join's other side).</summary>
    private static (IRowSink Input, Action Complete, int Held) Build(string stage, IRowSink output)
    {
        switch (stage)
        {
            case "summarize":
                var summarize = new Summarize([new("n", N)], [Aggregate.Count("count_")], output);
                return (summarize, summarize.Complete, 0);
            case "distinct":
                var distinct = new Distinct([new("n", N)], output);
                return (distinct, distinct.Complete, 0);
            case "sort":
                var sort = new Sort([new SortKey(N, Descending: false)], output);
                return (sort, sort.Complete, 0);
            case "join left" or "join right":
                var join = new Join(JoinKind.Inner, [N], [N], output);
                var other = stage == "join left" ? join.Right : join;
                other.Push(Numbered(0));
                return (stage == "join left" ? join : join.Right, () =>
                {
                    join.Complete();
                    join.Right.Complete();
                }, 1);
            case "union branch":
                var union = new Union(1, output);
                return (union.Branches[0], () =>
                {
                    union.Complete();
                    union.Branches[0].Complete();
                }, 0);
            default:
                var list = new ListCollector();
                var waiting = new AfterLists([list], output);
                return (waiting, () =>
                {
                    waiting.Complete();
                    list.Complete();
                }, 0);
        }
    }
}
