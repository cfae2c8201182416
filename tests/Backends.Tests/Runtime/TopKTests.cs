using System.Reflection;
using RuleCompiler.Runtime.Operators;
using RuleCompiler.Runtime.Rows;
using RuleCompiler.Runtime.Rules;
using Xunit;

namespace RuleCompiler.Backends.Tests.Runtime;

/// <summary>
/// Issue 13, finding 9: `sort | take k` keeps only the top k rows (a bounded heap), with exactly the rows and the
/// order a full stable sort followed by take gives, ties and nulls included.
/// </summary>
public class TopKTests
{
    private static readonly FieldPath N = new("n");

    private static (List<string> Ids, int Held) SortTake(bool descending, long k, IReadOnlyList<string> events)
    {
        var output = new RowCollector();
        var sort = new Sort([new SortKey(r => r.Get(N), descending)], new Take(k, output));
        var held = 0;
        var heap = typeof(Sort).GetField("_top", BindingFlags.NonPublic | BindingFlags.Instance)!;
        var rows = typeof(Sort).GetField("_rows", BindingFlags.NonPublic | BindingFlags.Instance)!;
        foreach (var e in events)
        {
            sort.Push(Json.Row(e));
            held = Math.Max(held, heap.GetValue(sort) is { } queue ? (int)queue.GetType().GetProperty("Count")!.GetValue(queue)! : 0);
            held = Math.Max(held, ((System.Collections.ICollection)rows.GetValue(sort)!).Count);
        }

        sort.Complete();
        return (output.Rows.Select(r => r.GetTop("id").ToText()).ToList(), held);
    }

    private static List<string> FullSortThenTake(bool descending, long k, IReadOnlyList<string> events)
    {
        var output = new RowCollector();
        var take = new Take(k, output);
        var sort = new Sort([new SortKey(r => r.Get(N), descending)], new PassThrough(take));
        foreach (var e in events)
        {
            sort.Push(Json.Row(e));
        }

        sort.Complete();
        return output.Rows.Select(r => r.GetTop("id").ToText()).ToList();
    }

    [Theory]
    [InlineData(false, 5)]
    [InlineData(true, 5)]
    [InlineData(false, 0)]
    [InlineData(true, 1)]
    [InlineData(false, 3000)]
    public void Sort_take_keeps_k_rows_and_gives_what_a_full_sort_gives(bool descending, long k)
    {
        var random = new Random(13);
        var events = Enumerable.Range(0, 2000)
            .Select(i => random.Next(10) == 0 ? $$"""{"id":"e{{i}}"}""" : $$"""{"n":{{random.Next(50)}},"id":"e{{i}}"}""")
            .ToList();

        var (ids, held) = SortTake(descending, k, events);

        Assert.Equal(FullSortThenTake(descending, k, events), ids);
        Assert.True(held <= Math.Min(k, events.Count), $"held {held} rows for take {k}");
    }

    /// <summary>A stage between sort and take, so the sort cannot see the take and sorts everything.</summary>
    private sealed class PassThrough(IRowSink next) : IRowSink
    {
        public void Push(Row row) => next.Push(row);

        public void Complete() => next.Complete();
    }
}
