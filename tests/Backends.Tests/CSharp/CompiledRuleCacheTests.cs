using RuleCompiler.Backends.CSharp;
using RuleCompiler.Backends.CSharp.Compile;
using Xunit;
using static RuleCompiler.Backends.Tests.CSharp.Ast;

namespace RuleCompiler.Backends.Tests.CSharp;

public sealed class CompiledRuleCacheTests : IDisposable
{
    private readonly string _folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rulec-cache-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void AnEntryComesBackAsWrittenAndADamagedOneIsNotLoaded()
    {
        var cache = new CompiledRuleCache(_folder);
        byte[] image = [1, 2, 3, 4, 5];
        cache.Write("k1", image);
        Assert.Equal(image, cache.TryRead("k1"));
        Assert.Null(cache.TryRead("absent"));

        var file = Directory.GetFiles(_folder).Single();
        var bytes = File.ReadAllBytes(file);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(file, bytes);
        Assert.Null(cache.TryRead("k1"));

        File.WriteAllBytes(file, bytes[..10]);
        Assert.Null(cache.TryRead("k1"));
    }

    [Fact]
    public void TheKeyFollowsEveryRulesCodeAndName()
    {
        var a = new GeneratedRule("A", "A.cs", "class A {}", RuleHarness.Info("A"));
        var b = new GeneratedRule("B", "B.cs", "class B {}", RuleHarness.Info("B"));
        Assert.Equal(CompiledRuleCache.KeyOf([a, b]), CompiledRuleCache.KeyOf([a, b]));
        Assert.NotEqual(CompiledRuleCache.KeyOf([a, b]), CompiledRuleCache.KeyOf([a, b with { Code = "class B { }" }]));
        Assert.NotEqual(CompiledRuleCache.KeyOf([a, b]), CompiledRuleCache.KeyOf([a, b with { FileName = "C.cs" }]));

        // Lengths are part of the key: moving text from one rule to the next is another key.
        Assert.NotEqual(
            CompiledRuleCache.KeyOf([a with { Code = "ab" }, b with { Code = "c" }]),
            CompiledRuleCache.KeyOf([a with { Code = "a" }, b with { Code = "bc" }]));
    }

    [Fact]
    public void TheOldestEntriesGoWhenTheCacheOutgrowsItsBound()
    {
        var cache = new CompiledRuleCache(_folder, maxBytes: 300);
        for (var i = 0; i < 5; i++)
        {
            cache.Write($"k{i}", new byte[100]);
            File.SetLastWriteTimeUtc(System.IO.Path.Combine(_folder, $"k{i}.rulec-dll"), new DateTime(2026, 1, 1, 0, 0, i, DateTimeKind.Utc));
        }

        cache.Write("k5", new byte[100]);
        Assert.Equal(["k4.rulec-dll", "k5.rulec-dll"], Directory.GetFiles(_folder).Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Null(cache.TryRead("k0"));
    }

    [Fact]
    public void ASecondCompileLoadsEveryBatchFromTheCacheAndAnEditedRuleRecompilesOnlyItsBatch()
    {
        var count = (RuleAssemblyCompiler.BatchSize * 2) + 10;
        var rules = CSharpGenerator.Generate(Enumerable.Range(0, count).Select(i => RuleHarness.Source($"Cached {i:D3}", Query(Take(i + 1)))));
        var cache = new CompiledRuleCache(_folder);

        var first = Names(RuleAssemblyCompiler.Compile(rules, cache));
        Assert.Equal((0, 4), (cache.Reused, Directory.GetFiles(_folder).Length));

        var second = Names(RuleAssemblyCompiler.Compile(rules, cache));
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"Cached {i:D3}"), second);
        Assert.Equal(first, second);
        Assert.Equal((4, 4), (cache.Reused, Directory.GetFiles(_folder).Length));

        var edited = rules.Select((r, i) => i == 7 ? r with { Code = r.Code + "\n// edited\n" } : r).ToList();
        Assert.Equal(first, Names(RuleAssemblyCompiler.Compile(edited, cache)));
        Assert.Equal((7, 5), (cache.Reused, Directory.GetFiles(_folder).Length));
    }

    private static List<string> Names((CompiledRuleSet? Rules, IReadOnlyList<RuleCompiler.Compiler.Diagnostics.Diagnostic> Diagnostics) result)
    {
        Assert.Empty(result.Diagnostics);
        using var set = result.Rules!;
        return [.. set.Rules.Select(r => r.Info.Name)];
    }
}
