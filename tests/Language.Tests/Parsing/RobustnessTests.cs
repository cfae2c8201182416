using CsCheck;
using RuleCompiler.Compiler.Language.Parsing;
using Xunit;

namespace RuleCompiler.Language.Tests.Parsing;

/// <summary>The parser never throws, never reports an internal error, and keeps diagnostics inside the text.</summary>
public class RobustnessTests
{
    public static TheoryData<string, string> DeepInputs() => new()
    {
        { "parentheses", "where " + new string('(', 10_000) + "a" + new string(')', 10_000) },
        { "not", "where " + string.Concat(Enumerable.Repeat("not ", 10_000)) + "a" },
        { "negation", "where " + new string('-', 10_000) + "a" },
        { "calls", "where " + string.Concat(Enumerable.Repeat("f(", 10_000)) + "a" + new string(')', 10_000) },
        { "arrays", "where " + string.Concat(Enumerable.Repeat("dynamic([", 10_000)) },
        { "unions", string.Concat(Enumerable.Repeat("union (", 10_000)) },
        { "joins", string.Concat(Enumerable.Repeat("join (", 10_000)) },
        { "lists", "where a in (" + string.Concat(Enumerable.Repeat("b in (", 10_000)) },
        { "chain", "where " + string.Join(" or ", Enumerable.Repeat("a", 100_000)) },
    };

    [Theory]
    [MemberData(nameof(DeepInputs))]
    public void Pathological_nesting_is_a_diagnostic(string kind, string text)
    {
        var result = QueryParser.Parse(text);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.True(diagnostic.Code == SyntaxCodes.NestingTooDeep, $"{kind}: {diagnostic}");
    }

    [Fact]
    public void The_deepest_accepted_nesting_parses_on_a_small_thread_stack()
    {
        // Depth just under the limit, on a 1 MB stack (smaller than the default on every platform .NET runs on).
        var depth = ParseContext.MaxDepth - 2;
        var inputs = new[]
        {
            "where " + new string('(', depth) + "a" + new string(')', depth),
            "where " + string.Concat(Enumerable.Repeat("f(", depth)) + "a" + new string(')', depth),
            "where " + string.Concat(Enumerable.Repeat("not ", depth / 2)) + new string('-', depth / 2) + "a",
            string.Concat(Enumerable.Repeat("union (", depth)) + "take 1" + new string(')', depth),
        };
        var failures = new List<string>();
        var thread = new Thread(() =>
        {
            foreach (var input in inputs)
            {
                var result = QueryParser.Parse(input);
                if (!result.Diagnostics.IsEmpty)
                {
                    failures.Add(result.Diagnostics[0].ToString());
                }
            }
        }, maxStackSize: 1024 * 1024);
        thread.Start();
        thread.Join();
        Assert.Empty(failures);
    }

    [Fact]
    public void Random_text_never_crashes_the_parser()
    {
        Gen.String.Sample(AssertWellBehaved, iter: 5_000, threads: 1);
        Gen.String[Gen.Char["wherextnd|()[]\"'\\.,=!~<>@$-+*/%; \n0123456789"], 0, 60].Sample(AssertWellBehaved, iter: 5_000, threads: 1);
    }

    [Fact]
    public void Mutated_seed_queries_never_crash_the_parser()
    {
        var seeds = SeedQueries.All.Select(s => s.Text).ToArray();
        var mutation = Gen.Select(Gen.Int[0, seeds.Length - 1], Gen.Int[0, 10_000], Gen.Int[0, 3], Gen.Char["()[]\"'\\|,.=!@$-"]);
        mutation.Sample((seed, at, kind, c) =>
        {
            var text = seeds[seed];
            var position = at % text.Length;
            var mutated = kind switch
            {
                0 => text.Remove(position, 1),
                1 => text.Insert(position, c.ToString()),
                2 => text[..position],
                _ => text.Remove(position, Math.Min(5, text.Length - position)),
            };
            AssertWellBehaved(mutated);
        }, iter: 3_000, threads: 1);
    }

    private static void AssertWellBehaved(string text)
    {
        var result = QueryParser.Parse(text);
        Assert.True(result.Query is not null ^ !result.Diagnostics.IsEmpty, text);
        foreach (var diagnostic in result.Diagnostics)
        {
            Assert.True(diagnostic.Code != SyntaxCodes.InternalError, $"{text}\n{diagnostic}");
            Assert.InRange(diagnostic.Span.Start, 0, text.Length);
            Assert.InRange(diagnostic.Span.End, diagnostic.Span.Start, text.Length);
        }
    }
}
