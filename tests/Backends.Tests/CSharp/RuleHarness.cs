using System.Collections.Immutable;
using System.Text.Json;
using RuleCompiler.Backends.CSharp;
using RuleCompiler.Backends.CSharp.Compile;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Syntax;
using RuleCompiler.Compiler.Model;
using RuleCompiler.Runtime.Rows;
using RuleCompiler.Runtime.Rules;
using Xunit;

namespace RuleCompiler.Backends.Tests.CSharp;

/// <summary>Lists and fragments a hand-built rule may name.</summary>
internal sealed record TestRepository(IReadOnlyList<NamedList> Lists, IReadOnlyList<ParsedFragment> Fragments)
{
    public static readonly TestRepository Empty = new([], []);
}

/// <summary>Binds hand-built rules against a real data source, then generates, compiles and runs them on JSON events.</summary>
internal static class RuleHarness
{
    /// <summary>Test rule metadata; the id follows from the name (FNV-1a), so generated class names are stable across runs.</summary>
    public static RuleInfo Info(string name)
    {
        var hash = 2166136261u;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return new("00000000-0000-0000-0000-" + hash.ToString("x12", System.Globalization.CultureInfo.InvariantCulture), name, "medium", 25, $"rules/test/{name}.yml", []);
    }

    /// <summary>The rule bound by the real binder; a query that does not bind fails the test (backends only see bound rules).</summary>
    public static CSharpRuleSource Source(string name, Query query, TestRepository? repository = null, DataSource? dataSource = null)
    {
        var source = dataSource ?? Ast.CloudTrail;
        var bound = QueryBinder.Bind(query, BindingContext.For(source, repository?.Lists, repository?.Fragments));
        Assert.False(bound.HasErrors, $"{name} does not bind:\n" + string.Join("\n", bound.Diagnostics));
        return new(Info(name), bound, source);
    }

    public static string Generate(CSharpRuleSource rule) => Assert.Single(CSharpGenerator.Generate([rule])).Code;

    public static CompiledRuleSet Compile(IEnumerable<CSharpRuleSource> rules)
    {
        var generated = CSharpGenerator.Generate(rules);
        var (set, errors) = RuleAssemblyCompiler.Compile(generated);
        Assert.True(errors.Count == 0, string.Join("\n", errors) + "\n" + string.Join("\n", generated.Select(g => g.Code)));
        return set!;
    }

    /// <summary>Runs one compiled rule on events and returns its output rows.</summary>
    public static List<Row> Run(CompiledRule rule, params string[] events)
    {
        var output = new RowCollector();
        var plan = rule.Start(output);
        foreach (var e in events)
        {
            using var document = JsonDocument.Parse(e);
            plan.Push(Row.FromEvent(document.RootElement));
        }

        plan.Complete();
        return output.Rows;
    }

    public static List<Row> Run(Query query, params string[] events)
    {
        using var set = Compile([Source("Test Rule", query)]);
        return Run(set.Rules[0], events);
    }

    public static string Text(Row row) => string.Join(", ", row.Fields().Select(f => $"{f.Key}={f.Value.ToText()}"));
}
